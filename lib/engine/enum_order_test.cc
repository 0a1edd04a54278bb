// ENUM keys at the router: MariaDB orders ENUM values by member position,
// so merging shard streams (and sorting) must too, with the members read
// from information_schema on a shard.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/engine/enum_members.h"
#include "lib/engine/fake_cursor.h"
#include "lib/engine/merge_sort.h"
#include "lib/engine/order.h"
#include "lib/engine/sort.h"
#include "lib/engine/test_util.h"
#include "lib/testing/status_matchers.h"

namespace tessera::engine {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::MysqlErrorIs;
using ::testing::ElementsAre;
using testutil::Dump;
using testutil::R;

constexpr char kMembersSql[] =
    "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
    "'ks' AND TABLE_NAME = 'customer' AND COLUMN_NAME = 'tier'";

Field TierField() {
  Field f = testutil::F("tier", FieldType::kString, 45, field_flag::kEnum);
  f.database = "ks";
  f.org_table = "customer";
  f.org_name = "tier";
  return f;
}

TEST(ParseEnumColumnTypeTest, Members) {
  struct Case {
    const char* type;
    std::vector<std::string> members;
  };
  for (const Case& c : std::vector<Case>{
           {"enum('bronze','silver','gold')", {"bronze", "silver", "gold"}},
           {"enum('it''s','a,b','x\\\\y','')", {"it's", "a,b", "x\\y", ""}},
           {"enum('one')", {"one"}},
       }) {
    auto got = ParseEnumColumnType(c.type);
    ASSERT_THAT(got, IsOk()) << c.type;
    EXPECT_EQ(*got, c.members) << c.type;
  }
  for (const char* bad : {"varchar(10)", "enum('a'", "enum('a' 'b')",
                          "set('a','b')"}) {
    EXPECT_FALSE(ParseEnumColumnType(bad).ok()) << bad;
  }
}

class EnumOrderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_THAT(cursor_.shard_map().AddKeyspace("ks", {"-80", "80-"}), IsOk());
    Result type;
    type.fields = {testutil::TextF("COLUMN_TYPE")};
    type.rows = {R({"enum('bronze','silver','gold','platinum')"})};
    cursor_.Set("ks", "-80", kMembersSql, type);
  }
  FakeCursor cursor_;
};

TEST_F(EnumOrderTest, MergeFollowsMemberPositionsNotText) {
  std::vector<Field> fields = {TierField(), testutil::IntF("n")};
  std::vector<std::unique_ptr<RowStream>> in;
  // Each shard sorted its rows by ENUM position, as MariaDB does.
  in.push_back(std::make_unique<VectorStream>(
      fields, std::vector<Row>{R({"bronze", "1"}), R({"gold", "2"}),
                               R({"platinum", "3"})}));
  in.push_back(std::make_unique<VectorStream>(
      fields, std::vector<Row>{R({nullptr, "0"}), R({"silver", "4"}),
                               R({"gold", "5"})}));
  ShardEnumMembers enums(&cursor_);
  auto merged = MergeSortStreams(std::move(in), {{0}}, &enums);
  ASSERT_THAT(merged, IsOk());
  std::vector<Row> rows;
  Row row;
  while (*(*merged)->Next(&row)) rows.push_back(row);
  EXPECT_THAT(Dump(rows), ElementsAre("NULL|0", "bronze|1", "silver|4",
                                      "gold|2", "gold|5", "platinum|3"));
}

TEST_F(EnumOrderTest, DescendingAndUnknownValue) {
  std::vector<Field> fields = {TierField()};
  ShardEnumMembers enums(&cursor_);
  auto cmp = RowComparator::Create(fields, {{0, kNoColumn, true}}, &enums);
  ASSERT_THAT(cmp, IsOk());
  EXPECT_LT(cmp->Compare(R({"platinum"}), R({"bronze"})), 0);
  EXPECT_GT(cmp->Compare(R({""}), R({"bronze"})), 0);  // '' is position 0
  EXPECT_EQ(cmp->Compare(R({"gold"}), R({"gold"})), 0);
}

TEST_F(EnumOrderTest, RefusedWithoutMembersOrColumn) {
  std::vector<Field> fields = {TierField()};
  EXPECT_THAT(RowComparator::Create(fields, {{0}}).status(),
              MysqlErrorIs(1235, "42000"));
  EXPECT_THAT(RowComparator::CreateForEquality(fields, {{0}}), IsOk());
  Field expr = TierField();
  expr.org_table.clear();
  ShardEnumMembers enums(&cursor_);
  EXPECT_THAT(RowComparator::Create({expr}, {{0}}, &enums).status(),
              MysqlErrorIs(1235, "42000"));
  Field set = testutil::F("s", FieldType::kString, 45, field_flag::kSet);
  EXPECT_THAT(RowComparator::Create({set}, {{0}}, &enums).status(),
              MysqlErrorIs(1235, "42000"));
}

}  // namespace
}  // namespace tessera::engine
