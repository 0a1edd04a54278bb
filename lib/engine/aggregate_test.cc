#include "lib/engine/aggregate.h"

#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/engine/distinct.h"
#include "lib/engine/expr.h"
#include "lib/engine/filter.h"
#include "lib/engine/test_util.h"
#include "lib/testing/status_matchers.h"

namespace tessera::engine {
namespace {

using ::tessera::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;
using testutil::Dump;
using testutil::F;
using testutil::IntF;
using testutil::R;
using testutil::Rows;
using testutil::TextF;

absl::StatusOr<Result> RunOp(const Operator& op, Limits limits = {}) {
  ExecContext ctx;
  ctx.limits = limits;
  return ExecuteToResult(op, ctx, {});
}

OperatorPtr Input(std::vector<Field> f, std::vector<Row> rows) {
  return std::make_shared<Rows>(std::move(f), std::move(rows));
}

TEST(AggregateTest, GroupByMergesPartialsFromShards) {
  // Shard partials of: select k, count(*), sum(x), min(x), max(x) ...
  // group by k order by k, merged. Key text is case-insensitive.
  std::vector<Field> f = {TextF("k"), IntF("c"), F("s", FieldType::kNewDecimal),
                          IntF("mn"), IntF("mx")};
  auto in =
      Input(f, {R({nullptr, "1", nullptr, nullptr, nullptr}),
                R({"a", "2", "5", "1", "4"}), R({"A", "1", "-7", "-7", "-7"}),
                R({"b", "3", "9.5", "2", "9"}),
                R({"c", "0", nullptr, nullptr, nullptr})});
  AggregateParams p{in,
                    {{0}},
                    {{AggregateOp::kCount, 1},
                     {AggregateOp::kSum, 2},
                     {AggregateOp::kMin, 3},
                     {AggregateOp::kMax, 4}}};
  auto res = RunOp(Aggregate(p));
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows),
              ElementsAre("NULL|1|NULL|NULL|NULL", "a|3|-2|-7|4", "b|3|9.5|2|9",
                          "c|0|NULL|NULL|NULL"));
  EXPECT_EQ(res->fields[1].type, FieldType::kLongLong);
  EXPECT_EQ(res->fields[2].type, FieldType::kNewDecimal);
}

TEST(AggregateTest, ScalarOnEmptyInputReturnsOneRow) {
  std::vector<Field> f = {IntF("c"), F("s", FieldType::kNewDecimal),
                          IntF("mx")};
  AggregateParams p{Input(f, {}),
                    {},
                    {{AggregateOp::kCount, 0},
                     {AggregateOp::kSum, 1},
                     {AggregateOp::kMax, 2}}};
  auto res = RunOp(Aggregate(p));
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("0|NULL|NULL"));
}

TEST(AggregateTest, AvgIsSumOverCount) {
  // Shards sent SUM(x) (decimal scale 2) and COUNT(x).
  Field sum = F("avg_x", FieldType::kNewDecimal);
  sum.decimals = 2;
  std::vector<Field> f = {sum, IntF("cnt")};
  AggregateParams p{
      Input(f, {R({"10.00", "3"}), R({nullptr, "0"}), R({"0.50", "1"})}),
      {},
      {{AggregateOp::kAvg, 0, 1}}};
  auto res = RunOp(Aggregate(p));
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("2.625000|4"));
  EXPECT_EQ(res->fields[0].decimals, 6);
  // Float average stays a double.
  std::vector<Field> g = {F("a", FieldType::kDouble), IntF("cnt")};
  AggregateParams q{Input(g, {R({"1.5", "2"}), R({"1", "1"})}),
                    {},
                    {{AggregateOp::kAvg, 0, 1}}};
  res = RunOp(Aggregate(q));
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("0.8333333333333334|3"));
}

TEST(AggregateTest, CountAndSumDistinctOverOrderedValues) {
  // select k, count(distinct v), sum(distinct v): shards sent
  // "group by k, v order by k, v" rows, merged; v text is case-insensitive.
  std::vector<Field> f = {IntF("k"), TextF("v"), IntF("n")};
  auto in =
      Input(f, {R({"1", nullptr, "1"}), R({"1", "x", "5"}), R({"1", "X", "5"}),
                R({"1", "y", "6"}), R({"2", "z", "6"}), R({"2", "z", "6"})});
  AggregateParams p{
      in,
      {{0}},
      {{AggregateOp::kCountDistinct, 1}, {AggregateOp::kSumDistinct, 2}}};
  auto res = RunOp(Aggregate(p));
  ASSERT_THAT(res, IsOk());
  // Group 1: distinct v = {x, y} -> 2; distinct n = {1, 5, 6} -> 12.
  EXPECT_THAT(Dump(res->rows), ElementsAre("1|2|12", "2|1|6"));
}

TEST(AggregateTest, GroupConcatAndWeightStringKeys) {
  // Group key column 0 compared by its weight string in column 1.
  std::vector<Field> f = {TextF("k"), F("w", FieldType::kVarString, 63),
                          TextF("g")};
  auto in = Input(
      f, {R({"é", "E", "1,2"}), R({"e", "E", "3"}), R({"f", "F", nullptr})});
  AggregateParams p{in, {{0, 1}}, {{AggregateOp::kGroupConcat, 2}}};
  auto res = RunOp(Aggregate(p));
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("é|E|1,2,3", "f|F|NULL"));
}

TEST(AggregateTest, BitAggregatesFoldShardPartials) {
  // Shard partials of: select k, bit_and(x), bit_or(x), bit_xor(x) ...
  // group by k. A shard with no rows of a group sends nothing for it.
  std::vector<Field> f = {IntF("k"), IntF("a"), IntF("o"), IntF("x")};
  auto in = Input(f, {R({"1", "12", "12", "12"}), R({"1", "10", "10", "6"}),
                      R({"2", "18446744073709551615", "0", "0"}),
                      R({"2", "18446744073709551614", "1", "1"})});
  AggregateParams p{in,
                    {{0}},
                    {{AggregateOp::kBitAnd, 1},
                     {AggregateOp::kBitOr, 2},
                     {AggregateOp::kBitXor, 3}}};
  auto res = RunOp(Aggregate(p));
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows),
              ElementsAre("1|8|14|10", "2|18446744073709551614|1|1"));

  // Scalar over no partials at all: MySQL's values for an empty set.
  AggregateParams empty{Input(f, {}),
                        {},
                        {{AggregateOp::kBitAnd, 1},
                         {AggregateOp::kBitOr, 2},
                         {AggregateOp::kBitXor, 3}}};
  res = RunOp(Aggregate(empty));
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("NULL|18446744073709551615|0|0"));

  // A partial that is not a number is an internal error, not a guess.
  AggregateParams bad{
      Input(f, {R({"1", "x", "1", "1"})}), {{0}}, {{AggregateOp::kBitAnd, 1}}};
  EXPECT_FALSE(RunOp(Aggregate(bad)).ok());
}

TEST(AggregateTest, NegativeColumnsAndTextOnlyWeights) {
  // [k, sum, cnt, v, weight(v)] with AVG(-4 / -3) and COUNT(DISTINCT v)
  // by weight (-1). For an int value the weight column is ignored.
  std::vector<Field> f = {IntF("k"), F("s", FieldType::kNewDecimal), IntF("c"),
                          TextF("v"), TextF("w", 63)};
  auto in =
      Input(f, {R({"1", "3", "2", "x", "X"}), R({"1", "1", "1", "X", "X"}),
                R({"1", "0", "1", "y", "Y"})});
  AggregateParams p{in,
                    {{-5}},
                    {{AggregateOp::kAvg, -4, -3},
                     {AggregateOp::kCountDistinct, -2, kNoColumn, -1}}};
  auto res = RunOp(Aggregate(p));
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("1|1.0000|4|2|X"));
  std::vector<Field> g = {IntF("n"), TextF("w", 63)};
  AggregateParams q{Input(g, {R({"1", "same"}), R({"2", "same"})}),
                    {},
                    {{AggregateOp::kCountDistinct, 0, kNoColumn, 1}}};
  res = RunOp(Aggregate(q));
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("2|same"));
  AggregateParams bad{in, {}, {{AggregateOp::kAvg, 1}}};  // no count column
  EXPECT_FALSE(RunOp(Aggregate(bad)).ok());
}

TEST(AggregateTest, MinMaxByWeightString) {
  // MIN/MAX of text per shard, with WEIGHT_STRING of each partial: 'ñ'
  // sorts as 'N' in a general_ci collation, below 'z'.
  std::vector<Field> f = {TextF("mn"), TextF("wmn", 63), TextF("mx"),
                          TextF("wmx", 63)};
  auto in = Input(f, {R({"ñandú", "NANDU", "ñandú", "NANDU"}),
                      R({"zebra", "ZEBRA", "zebra", "ZEBRA"}),
                      R({nullptr, nullptr, nullptr, nullptr})});
  AggregateParams p{in,
                    {},
                    {{AggregateOp::kMin, 0, kNoColumn, 1},
                     {AggregateOp::kMax, 2, kNoColumn, 3}}};
  auto res = RunOp(Aggregate(p));
  ASSERT_THAT(res, IsOk());
  ASSERT_EQ(res->rows.size(), 1u);
  EXPECT_EQ(res->rows[0][0].bytes(), "ñandú");
  EXPECT_EQ(res->rows[0][2].bytes(), "zebra");
}

TEST(AggregateTest, RawRowsAfterAJoin) {
  // Join output sorted by k: count rows, count values, avg, sum, min.
  std::vector<Field> f = {IntF("k"), IntF("a"), IntF("b"),
                          IntF("c"), IntF("d"), IntF("e")};
  auto in = Input(f, {R({"1", "x", "5", "5", "5", "5"}),
                      R({"1", "y", nullptr, nullptr, nullptr, nullptr}),
                      R({"1", "z", "2", "2", "2", "2"}),
                      R({"2", nullptr, "7", "7", "7", "7"})});
  AggregateParams p{in,
                    {{0}},
                    {{AggregateOp::kCountRows, 1},
                     {AggregateOp::kCountValues, 2},
                     {AggregateOp::kAvgValues, 3},
                     {AggregateOp::kSum, 4},
                     {AggregateOp::kMin, 5}}};
  auto res = RunOp(Aggregate(p));
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows),
              ElementsAre("1|3|2|3.5000|7|2", "2|1|1|7.0000|7|7"));
  EXPECT_EQ(res->fields[3].type, FieldType::kNewDecimal);
  EXPECT_EQ(res->fields[3].decimals, 4);
  AggregateParams empty{Input(f, {}), {}, {{AggregateOp::kCountRows, 1}}};
  res = RunOp(Aggregate(empty));
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("NULL|0|NULL|NULL|NULL|NULL"));
}

TEST(AggregateTest, ErrorsOnBadInput) {
  std::vector<Field> f = {IntF("c")};
  AggregateParams bad_col{Input(f, {}), {}, {{AggregateOp::kCount, 3}}};
  EXPECT_FALSE(RunOp(Aggregate(bad_col)).ok());
  AggregateParams bad_sum{Input({F("s", FieldType::kNewDecimal)}, {R({"abc"})}),
                          {},
                          {{AggregateOp::kSum, 0}}};
  EXPECT_FALSE(RunOp(Aggregate(bad_sum)).ok());
  AggregateParams narrow{Input({IntF("a"), IntF("b")}, {R({"1"})}),
                         {{0}},
                         {{AggregateOp::kCount, 1}}};
  EXPECT_FALSE(RunOp(Aggregate(narrow)).ok());
}

TEST(HavingTest, FilterKeepsTrueRowsOnly) {
  std::vector<Field> f = {TextF("k"), IntF("c")};
  auto in = Input(
      f, {R({"a", "3"}), R({"b", "1"}), R({"c", nullptr}), R({"d", "2"})});
  // HAVING c >= 2 AND NOT k = 'D'
  auto pred =
      LogicExpr(LogicOp::kAnd,
                CompareExpr(CompareOp::kGe, ColumnExpr(1),
                            LiteralExpr(TypedValue::Int(2))),
                NotExpr(CompareExpr(CompareOp::kEq, ColumnExpr(0),
                                    LiteralExpr(TypedValue::Text("D")))));
  auto res = RunOp(Filter(in, pred));
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("a|3"));
}

TEST(ExprTest, ThreeValuedLogicAndArithmetic) {
  std::vector<Field> f = {IntF("a"), F("d", FieldType::kNewDecimal)};
  Row row = R({nullptr, "1.25"});
  struct Case {
    ExprPtr e;
    const char* want;  // nullptr = NULL
  } cases[] = {
      {CompareExpr(CompareOp::kEq, ColumnExpr(0), ColumnExpr(0)), nullptr},
      {CompareExpr(CompareOp::kNullSafeEq, ColumnExpr(0),
                   LiteralExpr(TypedValue::Null())),
       "1"},
      {LogicExpr(LogicOp::kOr, ColumnExpr(0), LiteralExpr(TypedValue::Int(1))),
       "1"},
      {LogicExpr(LogicOp::kAnd, ColumnExpr(0), LiteralExpr(TypedValue::Int(0))),
       "0"},
      {LogicExpr(LogicOp::kAnd, ColumnExpr(0), LiteralExpr(TypedValue::Int(1))),
       nullptr},
      {IsNullExpr(ColumnExpr(0), false), "1"},
      {ArithExpr(ArithOp::kAdd, ColumnExpr(1), LiteralExpr(TypedValue::Int(2))),
       "3.25"},
      {ArithExpr(ArithOp::kSub, LiteralExpr(TypedValue::Int(1)), ColumnExpr(1)),
       "-0.25"},
      {ArithExpr(ArithOp::kMul, ColumnExpr(1), LiteralExpr(TypedValue::Int(4))),
       "5.00"},
      {ArithExpr(ArithOp::kAdd, ColumnExpr(0), ColumnExpr(1)), nullptr},
  };
  for (const auto& c : cases) {
    auto v = c.e->Eval(row, f, {});
    ASSERT_THAT(v, IsOk()) << c.e->ToString();
    if (c.want == nullptr) {
      EXPECT_TRUE(v->is_null()) << c.e->ToString();
    } else {
      EXPECT_EQ(v->bytes, c.want) << c.e->ToString();
    }
  }
  EXPECT_FALSE(ColumnExpr(5)->Eval(row, f, {}).ok());
  EXPECT_FALSE(BindVarExpr("nope")->Eval(row, f, {}).ok());
}

TEST(DistinctTest, CollationAwareAndNullsEqual) {
  std::vector<Field> f = {TextF("t"), F("d", FieldType::kNewDecimal)};
  auto in = Input(f, {R({"a", "1.0"}), R({"A ", "1"}), R({nullptr, "2"}),
                      R({nullptr, "2.00"}), R({"b", "1"})});
  auto res = RunOp(Distinct({in}));
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("a|1.0", "NULL|2", "b|1"));
  // Keys counting from the end: only the decimal column (-1).
  res = RunOp(Distinct({in, {{-1}}}));
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("a|1.0", "NULL|2"));
  Limits small;
  small.max_memory_rows = 2;
  EXPECT_THAT(RunOp(Distinct({in}), small),
              tessera::testing::MysqlErrorIs(1041, "HY000"));
}

}  // namespace
}  // namespace tessera::engine
