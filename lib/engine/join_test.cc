#include "lib/engine/join.h"

#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/engine/fake_cursor.h"
#include "lib/engine/hash_join.h"
#include "lib/engine/route.h"
#include "lib/engine/test_util.h"
#include "lib/testing/status_matchers.h"

namespace tessera::engine {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::MysqlErrorIs;
using ::testing::ElementsAre;
using testutil::Dump;
using testutil::F;
using testutil::IntF;
using testutil::R;
using testutil::Res;
using testutil::Rows;
using testutil::TextF;

class JoinTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_THAT(cursor_.shard_map().AddKeyspace("ks", {"-80", "80-"}), IsOk());
    ctx_.cursor = &cursor_;
    // orders(user_id, amount) live on both shards.
    cursor_.SetHandler(
        [this](const std::string& target,
               const std::string& sql) -> absl::StatusOr<Result> {
          std::vector<Field> f = {IntF("user_id"), IntF("amount")};
          if (target == "ks/-80" &&
              sql == "select user_id, amount from o where user_id = 1") {
            return Res(f, {R({"1", "10"}), R({"1", "20"})});
          }
          if (target == "ks/80-" &&
              sql == "select user_id, amount from o where user_id = 1") {
            return Res(f, {R({"1", "30"})});
          }
          return Res(f, {});
        });
    right_ = std::make_shared<Route>(
        RouteSpec{RouteVariant::kScatter, "ks",
                  "select user_id, amount from o where user_id = :u_id"});
  }
  absl::StatusOr<Result> Run(const Operator& op) {
    return ExecuteToResult(op, ctx_, {});
  }
  FakeCursor cursor_;
  ExecContext ctx_;
  OperatorPtr right_;
};

TEST_F(JoinTest, NestedLoopInnerAndLeft) {
  auto users = std::make_shared<Rows>(
      std::vector<Field>{IntF("id"), TextF("name")},
      std::vector<Row>{R({"1", "ann"}), R({"2", "bob"}), R({nullptr, "nul"})});
  JoinSpec spec{users, right_, false, {{"u_id", 0}}, {{true, 1}, {false, 1}}};
  auto res = Run(Join(spec));
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("ann|10", "ann|20", "ann|30"));
  spec.left_join = true;
  res = Run(Join(spec));
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("ann|10", "ann|20", "ann|30",
                                           "bob|NULL", "nul|NULL"));
  EXPECT_EQ(res->fields[1].name, "amount");
  EXPECT_THAT(cursor_.log(),
              ::testing::Contains("ks/-80: select user_id, amount from o where "
                                  "user_id = NULL"));
}

TEST_F(JoinTest, EmptyLeftStillKnowsFields) {
  auto none = std::make_shared<Rows>(std::vector<Field>{IntF("id")},
                                     std::vector<Row>{});
  JoinSpec spec{none, right_, true, {{"u_id", 0}}, {{true, 0}, {false, 1}}};
  auto res = Run(Join(spec));
  ASSERT_THAT(res, IsOk());
  EXPECT_TRUE(res->rows.empty());
  ASSERT_EQ(res->fields.size(), 2u);
  EXPECT_EQ(res->fields[1].name, "amount");
  spec.columns = {{false, 7}};
  EXPECT_FALSE(Run(Join(spec)).ok());
}

TEST(HashJoinTest, InnerLeftNullsAndMixedTypes) {
  ExecContext ctx;
  // Left key is text (case-insensitive), right key text too; second key
  // int vs decimal.
  auto left = std::make_shared<Rows>(
      std::vector<Field>{TextF("k"), IntF("n")},
      std::vector<Row>{R({"a", "1"}), R({"B", "2"}), R({nullptr, "3"}),
                       R({"c", "4"})});
  auto right = std::make_shared<Rows>(
      std::vector<Field>{TextF("k"), F("n", FieldType::kNewDecimal),
                         TextF("v")},
      std::vector<Row>{R({"A", "1.0", "x"}), R({"b", "2.00", "y"}),
                       R({"b", "2", "z"}), R({nullptr, "3", "w"}),
                       R({"c", "5", "q"})});
  HashJoinSpec spec{left,   right,  false,
                    {0, 1}, {0, 1}, {{true, 0}, {false, 2}}};
  auto res = ExecuteToResult(HashJoin(spec), ctx, {});
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("a|x", "B|y", "B|z"));
  spec.left_join = true;
  res = ExecuteToResult(HashJoin(spec), ctx, {});
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows),
              ElementsAre("a|x", "B|y", "B|z", "NULL|NULL", "c|NULL"));
  ctx.limits.max_memory_rows = 2;
  EXPECT_THAT(ExecuteToResult(HashJoin(spec), ctx, {}),
              MysqlErrorIs(1041, "HY000"));
  spec.right_keys = {0};
  EXPECT_FALSE(ExecuteToResult(HashJoin(spec), ctx, {}).ok());
}

TEST(HashJoinTest, FallsBackWhenKeysCannotBeHashedExactly) {
  ExecContext ctx;
  auto marker =
      std::make_shared<Rows>(std::vector<Field>{TextF("k"), TextF("v")},
                             std::vector<Row>{R({"nested", "loop"})});
  auto text_left = std::make_shared<Rows>(
      std::vector<Field>{TextF("k"), F("w", FieldType::kVarString)},
      std::vector<Row>{R({"e", "E"}), R({"b", "B"})});
  auto int_right =
      std::make_shared<Rows>(std::vector<Field>{IntF("k"), TextF("v")},
                             std::vector<Row>{R({"1", "x"})});
  // Text = number: MariaDB compares as doubles.
  HashJoinSpec spec{text_left, int_right, false,
                    {0},       {0},       {{true, 0}, {false, 1}}};
  spec.fallback = marker;
  auto res = ExecuteToResult(HashJoin(spec), ctx, {});
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("nested|loop"));
  // Case-insensitive text without weight strings.
  auto text_right = std::make_shared<Rows>(
      std::vector<Field>{TextF("k"), TextF("v"), F("w", FieldType::kVarString)},
      std::vector<Row>{R({"\xc3\xa9", "acute", "E"}), R({"c", "cee", "C"})});
  spec.right = text_right;
  res = ExecuteToResult(HashJoin(spec), ctx, {});
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("nested|loop"));
  // With weight strings of the same collation: hashed by weight, so the
  // accented value matches as the collation says.
  spec.left_weights = {1};
  spec.right_weights = {2};
  res = ExecuteToResult(HashJoin(spec), ctx, {});
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("e|acute"));
  // Another collation on one side.
  auto bin_right =
      std::make_shared<Rows>(std::vector<Field>{TextF("k", 46), TextF("v"),
                                                F("w", FieldType::kVarString)},
                             std::vector<Row>{R({"e", "bin", "E"})});
  spec.right = bin_right;
  res = ExecuteToResult(HashJoin(spec), ctx, {});
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("nested|loop"));
  // A build side over the memory limit.
  spec.right = text_right;
  ctx.limits.max_memory_rows = 1;
  res = ExecuteToResult(HashJoin(spec), ctx, {});
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("nested|loop"));
}

}  // namespace
}  // namespace tessera::engine
