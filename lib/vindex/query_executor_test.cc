#include "lib/vindex/query_executor.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/base/mysql_error.h"
#include "lib/testing/status_matchers.h"

namespace tessera::vindex {
namespace {

using ::tessera::testing::IsOkAndHolds;
using ::tessera::testing::StatusIs;

TEST(QueryExecutorTest, SqlLiteral) {
  EXPECT_EQ(SqlLiteral(Value::Null()), "NULL");
  EXPECT_EQ(SqlLiteral(Value::Int64(-5)), "-5");
  EXPECT_EQ(SqlLiteral(Value::Text("it's\\\n")), "'it''s\\\\\\n'");
  EXPECT_EQ(SqlLiteral(Value::Text(std::string("a\0b", 3))), "'a\\0b'");
  EXPECT_EQ(SqlLiteral(Value::Binary("\x00\xff")), "X''");
  EXPECT_EQ(SqlLiteral(Value::Binary(std::string("\x00\xff", 2))), "X'00ff'");
}

TEST(QueryExecutorTest, Interpolate) {
  EXPECT_THAT(InterpolateQuery(BoundQuery{
                  "select a from t where a = ? and b = '?' and c = ?",
                  {Value::Int64(1), Value::Text("x")}}),
              IsOkAndHolds("select a from t where a = 1 and b = '?' and c = "
                           "'x'"));
  EXPECT_THAT(InterpolateQuery(BoundQuery{"select ?", {}}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(InterpolateQuery(BoundQuery{"select 1", {Value::Int64(1)}}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(QueryExecutorTest, DuplicateKey) {
  EXPECT_TRUE(IsDuplicateKey(MysqlError(1062, "23000", "dup")));
  EXPECT_FALSE(IsDuplicateKey(MysqlError(1146, "42S02", "no table")));
  EXPECT_FALSE(IsDuplicateKey(absl::OkStatus()));
}

}  // namespace
}  // namespace tessera::vindex
