#include "lib/router/column_names.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tessera::router {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Names(const char* sql) {
  auto stmt = sql::Parse(sql);
  EXPECT_TRUE(stmt.ok()) << sql << ": " << stmt.status();
  if (!stmt.ok()) return {"<parse error>"};
  return ClientColumnNames(*stmt);
}

TEST(ClientColumnNamesTest, ExpressionsKeepTheirText) {
  EXPECT_THAT(Names("SELECT 1+1, COUNT(*)  , c.name, 'abc', x AS y FROM t c"),
              ElementsAre("1+1", "COUNT(*)", "", "", "y"));
  EXPECT_THAT(Names("SELECT a AS `x``y`, b 'it''s', c \"Q\" FROM t"),
              ElementsAre("x`y", "it's", "Q"));
  EXPECT_THAT(Names("select a RLIKE 'x',Upper( b ) from t"),
              ElementsAre("a RLIKE 'x'", "Upper( b )"));
  // The first block of a UNION names the columns.
  EXPECT_THAT(Names("(SELECT a+1 FROM t) UNION SELECT b FROM u"),
              ElementsAre("a+1"));
}

TEST(ClientColumnNamesTest, NothingToRename) {
  EXPECT_THAT(Names("SELECT a, b.c, 7, 'x' FROM t"), IsEmpty());
  EXPECT_THAT(Names("SELECT *, a+1 FROM t"), IsEmpty());
  EXPECT_THAT(Names("UPDATE t SET a = a + 1"), IsEmpty());
  EXPECT_THAT(Names("SELECT - 5, LAST_INSERT_ID()"),
              ElementsAre("- 5", "LAST_INSERT_ID()"));
}

TEST(ClientColumnNamesTest, LongNamesAreCut) {
  std::string sql = "SELECT CONCAT(";
  for (int i = 0; i < 100; ++i) sql += "'a', ";
  sql += "'b') FROM t";
  auto names = Names(sql.c_str());
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0].size(), 256u);
}

TEST(ApplyColumnNamesTest, RenamesOnlyNamedColumns) {
  std::vector<Field> fields(3);
  fields[0].name = "1 + 1";
  fields[1].name = "a";
  fields[2].name = "count(*)";
  ApplyColumnNames({"1+1", "", "COUNT(*)"}, &fields);
  EXPECT_EQ(fields[0].name, "1+1");
  EXPECT_EQ(fields[1].name, "a");
  EXPECT_EQ(fields[2].name, "COUNT(*)");
  ApplyColumnNames({"x"}, &fields);  // counts differ: untouched
  EXPECT_EQ(fields[0].name, "1+1");
}

}  // namespace
}  // namespace tessera::router
