#include "lib/mysql/binary_protocol.h"

#include <cstring>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/mysql/wire.h"
#include "lib/testing/status_matchers.h"

namespace tessera::mysql {
namespace {

using Kind = ParamValue::Kind;
using ::tessera::testing::IsOk;
using ::tessera::testing::IsOkAndHolds;
using ::tessera::testing::MysqlErrorIs;

Field MakeField(FieldType type, uint32_t flags = 0) {
  Field f;
  f.name = "c";
  f.type = type;
  f.flags = flags;
  return f;
}

struct RowCase {
  FieldType type;
  uint32_t flags;
  const char* text;
  std::string binary;
};

TEST(BinaryRowTest, EncodesEachType) {
  double d = 2.5;
  std::string dbits(8, '\0');
  std::memcpy(dbits.data(), &d, 8);
  float f = -1.5f;
  std::string fbits(4, '\0');
  std::memcpy(fbits.data(), &f, 4);
  const RowCase cases[] = {
      {FieldType::kTiny, 0, "-1", "\xFF"},
      {FieldType::kTiny, field_flag::kUnsigned, "255", "\xFF"},
      {FieldType::kShort, 0, "-2", "\xFE\xFF"},
      {FieldType::kYear, field_flag::kUnsigned, "2024", "\xE8\x07"},
      {FieldType::kLong, 0, "65536", std::string("\x00\x00\x01\x00", 4)},
      {FieldType::kLongLong, field_flag::kUnsigned, "18446744073709551615",
       std::string(8, '\xFF')},
      {FieldType::kLongLong, 0, "-9223372036854775808",
       std::string("\x00\x00\x00\x00\x00\x00\x00\x80", 8)},
      {FieldType::kDouble, 0, "2.5", dbits},
      {FieldType::kFloat, 0, "-1.5", fbits},
      {FieldType::kNewDecimal, 0, "12.340",
       "\x06"
       "12.340"},
      {FieldType::kVarString, 0, "abc",
       "\x03"
       "abc"},
      {FieldType::kDate, 0, "2024-02-29", "\x04\xE8\x07\x02\x1D"},
      {FieldType::kDate, 0, "0000-00-00", std::string("\x00", 1)},
      {FieldType::kDateTime, 0, "2024-02-29 13:14:15",
       "\x07\xE8\x07\x02\x1D\x0D\x0E\x0F"},
      {FieldType::kTimestamp, 0, "2024-02-29 13:14:15.5",
       std::string("\x0B\xE8\x07\x02\x1D\x0D\x0E\x0F\x20\xA1\x07\x00", 12)},
      {FieldType::kTime, 0, "-25:00:01",
       std::string("\x08\x01\x01\x00\x00\x00\x01\x00\x01", 9)},
      {FieldType::kTime, 0, "00:00:00", std::string("\x00", 1)},
  };
  for (const RowCase& c : cases) {
    Field field = MakeField(c.type, c.flags);
    std::string out;
    ASSERT_THAT(AppendBinaryRow({field}, {Value::Text(c.text)}, &out), IsOk())
        << c.text;
    // 0x00 header + 1 bitmap byte, then the value.
    EXPECT_EQ(out.substr(2), c.binary) << c.text;
  }
}

TEST(BinaryRowTest, NullBitmapHasOffsetTwo) {
  std::vector<Field> fields(9, MakeField(FieldType::kLong));
  Row row(9, Value::Text("1"));
  row[0] = Value::Null();
  row[6] = Value::Null();
  row[8] = Value::Null();
  std::string out;
  ASSERT_THAT(AppendBinaryRow(fields, row, &out), IsOk());
  ASSERT_EQ(out.size(), 1u + 2u + 6u * 4u);       // (9+7+2)/8 = 2 bitmap bytes
  EXPECT_EQ(static_cast<uint8_t>(out[1]), 0x04);  // bit 2 = column 0
  EXPECT_EQ(static_cast<uint8_t>(out[2]), 0x01 | 0x04);  // bits 8, 10
}

TEST(BinaryRowTest, BadTextIsAnError) {
  std::string out;
  EXPECT_FALSE(
      AppendBinaryRow({MakeField(FieldType::kLong)}, {Value::Text("x")}, &out)
          .ok());
  EXPECT_FALSE(AppendBinaryRow({MakeField(FieldType::kDate)},
                               {Value::Text("2024-1-1")}, &out)
                   .ok());
  EXPECT_FALSE(AppendBinaryRow({MakeField(FieldType::kLong)}, {}, &out).ok());
}

std::string ExecutePayload(const std::vector<uint16_t>& types,
                           const std::string& null_bitmap,
                           const std::string& values) {
  std::string p;
  WireWriter w(&p);
  w.Int4(7);
  w.Int1(0);
  w.Int4(1);
  w.Bytes(null_bitmap);
  w.Int1(1);
  for (uint16_t t : types) w.Int2(t);
  w.Bytes(values);
  return p;
}

TEST(ExecuteParamsTest, DecodesTypesNullsAndLongData) {
  std::string values;
  WireWriter w(&values);
  w.Int8(static_cast<uint64_t>(-5));  // LONGLONG
  w.Int1(200);                        // TINY unsigned
  w.LenencString("it's");             // VAR_STRING
  w.Int1(7);                          // DATETIME, 7 bytes
  w.Int2(2001);
  w.Int1(2);
  w.Int1(3);
  w.Int1(4);
  w.Int1(5);
  w.Int1(6);
  w.Int1(12);  // TIME, 12 bytes
  w.Int1(1);
  w.Int4(1);
  w.Int1(2);
  w.Int1(3);
  w.Int1(4);
  w.Int4(500000);
  w.LenencString("3.14");  // NEWDECIMAL
  // Param 6 is NULL (bitmap bit 6), param 7 has long data.
  std::vector<uint16_t> types = {8, 0x8001, 253, 12, 11, 246, 8, 252};
  std::string payload = ExecutePayload(types, std::string("\x40", 1), values);
  std::vector<uint16_t> bound;
  std::map<uint16_t, std::string> long_data = {{7, "blob data"}};
  auto params = DecodeExecuteParams(payload, 8, &bound, long_data);
  ASSERT_THAT(params, IsOk());
  EXPECT_EQ(bound, types);
  const auto& p = *params;
  EXPECT_EQ(p[0].kind, Kind::kInt);
  EXPECT_EQ(p[0].text, "-5");
  EXPECT_EQ(p[1].kind, Kind::kUint);
  EXPECT_EQ(p[1].text, "200");
  EXPECT_EQ(ToSqlLiteral(p[2]), "'it\\'s'");
  EXPECT_EQ(p[3].text, "2001-02-03 04:05:06");
  EXPECT_EQ(p[4].text, "-26:03:04.500000");
  EXPECT_EQ(ToSqlLiteral(p[5]), "3.14");
  EXPECT_EQ(ToSqlLiteral(p[6]), "NULL");
  EXPECT_EQ(ToSqlLiteral(p[7]), "'blob data'");

  // Re-execution without new types reuses the bound ones.
  std::string again;
  WireWriter a(&again);
  a.Int4(7);
  a.Int1(0);
  a.Int4(1);
  a.Int1(0);  // no NULLs
  a.Int1(0);  // new_params_bound_flag = 0
  a.Int8(9);
  std::vector<uint16_t> one = {8};
  EXPECT_THAT(DecodeExecuteParams(again, 1, &one, {}), IsOk());
  std::vector<uint16_t> none;
  EXPECT_THAT(DecodeExecuteParams(again, 1, &none, {}),
              MysqlErrorIs(1210, "HY000"));
}

TEST(ExecuteParamsTest, TruncationsAreErrors) {
  std::string values(8, '\x01');
  std::string payload = ExecutePayload({8}, std::string("\x00", 1), values);
  for (size_t n = 0; n < payload.size(); ++n) {
    std::vector<uint16_t> bound;
    EXPECT_THAT(DecodeExecuteParams(payload.substr(0, n), 1, &bound, {}),
                MysqlErrorIs(1210, "HY000"))
        << n;
  }
}

TEST(InterpolateTest, SkipsQuotesAndComments) {
  EXPECT_EQ(CountPlaceholders("select ?, '?', \"?\", `?` -- ?\n, ? /* ? */ #?"),
            2u);
  EXPECT_EQ(CountPlaceholders("select 'a\\'?' , ?"), 1u);
  ParamValue one{Kind::kInt, "1"};
  ParamValue str{Kind::kString, "a'b\\c"};
  EXPECT_THAT(InterpolateParams("select ? , '?', ?", {one, str}),
              IsOkAndHolds(std::string("select 1 , '?', 'a\\'b\\\\c'")));
  EXPECT_THAT(InterpolateParams("select ?", {}), MysqlErrorIs(1210, "HY000"));
  EXPECT_THAT(InterpolateParams("select 1", {one}),
              MysqlErrorIs(1210, "HY000"));
  ParamValue bad_decimal{Kind::kDecimal, "1; drop"};
  EXPECT_EQ(ToSqlLiteral(bad_decimal), "'1; drop'");
}

}  // namespace
}  // namespace tessera::mysql
