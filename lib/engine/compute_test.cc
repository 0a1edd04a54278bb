#include "lib/engine/compute.h"

#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/base/mysql_error.h"
#include "lib/engine/test_util.h"
#include "lib/testing/status_matchers.h"

namespace tessera::engine {
namespace {

using ::tessera::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testutil::Dump;
using testutil::F;
using testutil::IntF;
using testutil::R;
using testutil::Rows;
using testutil::TextF;

absl::StatusOr<Result> RunOp(const Operator& op) {
  ExecContext ctx;
  return ExecuteToResult(op, ctx, {});
}

Field Dec(const std::string& name, uint8_t decimals) {
  Field f = F(name, FieldType::kNewDecimal);
  f.decimals = decimals;
  return f;
}

int Errno(const absl::Status& s) { return ToMysqlError(s).code; }

TEST(ComputeTest, ArithmeticOverFoldedAggregates) {
  // [max, min, count, item = max - min, item = count * 2 + 1]: the shards
  // sent their own (wrong) item values; Compute replaces them.
  std::vector<Field> f = {Dec("mx", 2), Dec("mn", 2), IntF("c"), Dec("d", 2),
                          IntF("e")};
  auto in = std::make_shared<Rows>(
      f, std::vector<Row>{R({"12.50", "-0.25", "3", "0.00", "7"}),
                          R({nullptr, nullptr, "0", "9.99", "1"})});
  auto diff = ArithExpr(ArithOp::kSub, ColumnExpr(0), ColumnExpr(1));
  auto lin = ArithExpr(
      ArithOp::kAdd, ArithExpr(ArithOp::kMul, ColumnExpr(2), BindVarExpr("v")),
      LiteralExpr(sqltypes::TypedValue::Int(1)));
  Compute op(in, {{3, diff, "max(x) - min(x)"}, {-1, lin, "count(*) * 2 + 1"}});
  ExecContext ctx;
  sqltypes::BindVars vars;
  vars["v"] = sqltypes::BindVariable::Single(sqltypes::TypedValue::Int(2));
  auto res = ExecuteToResult(op, ctx, vars);
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows),
              ElementsAre("12.50|-0.25|3|12.75|7", "NULL|NULL|0|NULL|1"));
  EXPECT_THAT(op.Describe(), HasSubstr("Compute 3="));
}

TEST(ComputeTest, PadsToTheColumnScaleAndRefusesRounding) {
  std::vector<Field> f = {Dec("a", 1), Dec("item", 3)};
  auto plus = ArithExpr(ArithOp::kAdd, ColumnExpr(0),
                        LiteralExpr(sqltypes::TypedValue::Int(1)));
  auto ok = RunOp(
      Compute(std::make_shared<Rows>(f, std::vector<Row>{R({"2.5", "0"})}),
              {{1, plus, "a + 1"}}));
  ASSERT_THAT(ok, IsOk());
  EXPECT_THAT(Dump(ok->rows), ElementsAre("2.5|3.500"));

  std::vector<Field> narrow = {Dec("a", 2), Dec("item", 1)};
  auto bad = RunOp(Compute(
      std::make_shared<Rows>(narrow, std::vector<Row>{R({"2.55", "0"})}),
      {{1, plus, "a + 1"}}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(Errno(bad.status()), 1235);
}

TEST(ComputeTest, BigintRangeIsMariadbsError) {
  std::vector<Field> f = {IntF("c"), IntF("item")};
  auto times = ArithExpr(ArithOp::kMul, ColumnExpr(0),
                         LiteralExpr(sqltypes::TypedValue::Int(INT64_MAX)));
  auto res =
      RunOp(Compute(std::make_shared<Rows>(f, std::vector<Row>{R({"2", "0"})}),
                    {{1, times, "count(*) * 9223372036854775807"}}));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(Errno(res.status()), 1690);

  Field u = IntF("item");
  u.flags |= field_flag::kUnsigned;
  auto minus = ArithExpr(ArithOp::kSub, ColumnExpr(0),
                         LiteralExpr(sqltypes::TypedValue::Int(5)));
  res = RunOp(Compute(std::make_shared<Rows>(std::vector<Field>{IntF("c"), u},
                                             std::vector<Row>{R({"2", "0"})}),
                      {{1, minus, "max(u) - 5"}}));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(Errno(res.status()), 1690);
}

TEST(ComputeTest, InexactOperandsAndTypesAreRefused) {
  // A DOUBLE result column is refused before any row.
  std::vector<Field> dbl = {IntF("c"), F("item", FieldType::kDouble)};
  auto plus = ArithExpr(ArithOp::kAdd, ColumnExpr(0), ColumnExpr(0));
  auto res = RunOp(
      Compute(std::make_shared<Rows>(dbl, std::vector<Row>{R({"1", "0"})}),
              {{1, plus, "c + c"}}));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(Errno(res.status()), 1235);
  // A text operand would need MariaDB's string-to-number conversion.
  std::vector<Field> txt = {TextF("s"), IntF("item")};
  res = RunOp(
      Compute(std::make_shared<Rows>(txt, std::vector<Row>{R({"12abc", "0"})}),
              {{1, plus, "max(s) + max(s)"}}));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(Errno(res.status()), 1235);
}

}  // namespace
}  // namespace tessera::engine
