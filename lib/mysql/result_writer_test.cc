#include "lib/mysql/result_writer.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/base/mysql_error.h"
#include "lib/mysql/codec.h"
#include "lib/mysql/constants.h"
#include "lib/mysql/wire.h"

namespace tessera::mysql {
namespace {

// Splits encoded packets back into payloads.
std::vector<std::string> Packets(const std::string& wire, uint8_t first_seq) {
  PacketDecoder d(1 << 24);
  d.Feed(wire);
  std::vector<std::string> out;
  uint8_t seq = first_seq;
  while (true) {
    auto p = d.Next(&seq);
    EXPECT_TRUE(p.ok()) << p.status();
    if (!p.ok() || !p->has_value()) break;
    out.push_back(**p);
  }
  return out;
}

Result OneColumn(std::vector<std::string> values) {
  Result r;
  Field f;
  f.name = "c";
  f.type = FieldType::kLong;
  r.fields.push_back(f);
  for (auto& v : values) r.rows.push_back({Value::Text(v)});
  return r;
}

uint16_t StatusOfOk(const std::string& p) {
  WireReader r(p);
  r.Int1();
  r.LenencInt();
  r.LenencInt();
  return r.Int2();
}

TEST(ResultWriterTest, DeprecateEofAndMoreResults) {
  QueryResult q;
  q.results.push_back(OneColumn({"1", "2"}));
  Result ok;
  ok.affected_rows = 5;
  q.results.push_back(ok);
  q.status_flags = status::kAutocommit;
  std::string wire;
  uint8_t seq = 1;
  AppendQueryResult(q, false, {}, {cap::kDeprecateEof, &seq, &wire});
  auto p = Packets(wire, 1);
  // count, column, 2 rows, OK(0xFE) end, OK for the second result.
  ASSERT_EQ(p.size(), 6u);
  EXPECT_EQ(p[0], "\x01");
  EXPECT_EQ(p[2],
            "\x01"
            "1");
  EXPECT_EQ(static_cast<uint8_t>(p[4][0]), 0xFE);
  EXPECT_EQ(StatusOfOk(p[4]), status::kAutocommit | status::kMoreResultsExist);
  EXPECT_EQ(p[5][0], '\0');
  EXPECT_EQ(StatusOfOk(p[5]), status::kAutocommit);
}

TEST(ResultWriterTest, ClassicEofAndTrailingError) {
  QueryResult q;
  q.results.push_back(OneColumn({"7"}));
  q.error = MysqlError(1146, "42S02", "no table");
  std::string wire;
  uint8_t seq = 1;
  AppendQueryResult(q, false, {}, {0, &seq, &wire});
  auto p = Packets(wire, 1);
  // count, column, EOF, row, EOF (more results), ERR.
  ASSERT_EQ(p.size(), 6u);
  EXPECT_EQ(p[2].size(), 5u);
  EXPECT_EQ(static_cast<uint8_t>(p[2][0]), 0xFE);
  WireReader eof(p[4]);
  eof.Int1();
  eof.Int2();
  EXPECT_TRUE(eof.Int2() & status::kMoreResultsExist);
  EXPECT_EQ(static_cast<uint8_t>(p[5][0]), 0xFF);
  EXPECT_EQ(p[5].substr(3, 6), "#42S02");
}

TEST(ResultWriterTest, EmptyResultIsOneOkAndBadBinaryValueIsAnError) {
  std::string wire;
  uint8_t seq = 1;
  AppendQueryResult(QueryResult(), false, {}, {0, &seq, &wire});
  auto p = Packets(wire, 1);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0][0], '\0');

  QueryResult q;
  q.results.push_back(OneColumn({"not a number"}));
  wire.clear();
  seq = 1;
  AppendQueryResult(q, true, {}, {cap::kDeprecateEof, &seq, &wire});
  p = Packets(wire, 1);
  ASSERT_EQ(p.size(), 1u);  // the partial result set was rolled back
  EXPECT_EQ(static_cast<uint8_t>(p[0][0]), 0xFF);
}

TEST(ResultWriterTest, PrepareOkWithParamsAndColumns) {
  PrepareInfo info;
  info.num_params = 2;
  info.columns = OneColumn({}).fields;
  std::string wire;
  uint8_t seq = 1;
  AppendPrepareOk(9, info, {cap::kDeprecateEof, &seq, &wire});
  auto p = Packets(wire, 1);
  ASSERT_EQ(p.size(), 4u);  // OK, 2 params, 1 column (no EOFs)
  WireReader r(p[0]);
  EXPECT_EQ(r.Int1(), 0);
  EXPECT_EQ(r.Int4(), 9u);
  EXPECT_EQ(r.Int2(), 1);
  EXPECT_EQ(r.Int2(), 2);
}

}  // namespace
}  // namespace tessera::mysql
