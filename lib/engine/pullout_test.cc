#include "lib/engine/pullout.h"

#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/engine/test_util.h"
#include "lib/testing/status_matchers.h"

namespace tessera::engine {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::MysqlErrorIs;
using testutil::IntF;
using testutil::R;
using testutil::Rows;

// Records the bind variables it is opened with.
class Capture : public Operator {
 public:
  absl::StatusOr<std::unique_ptr<RowStream>> Open(
      ExecContext&, const BindVars& vars) const override {
    seen = vars;
    return std::unique_ptr<RowStream>(std::make_unique<VectorStream>(
        std::vector<Field>{}, std::vector<Row>{}));
  }
  std::string Describe() const override { return "Capture"; }
  mutable BindVars seen;
};

struct Outcome {
  absl::Status status;
  BindVars vars;
};

Outcome Pull(PulloutKind kind, std::vector<Field> fields,
             std::vector<Row> rows) {
  auto outer = std::make_shared<Capture>();
  PulloutSpec spec;
  spec.kind = kind;
  spec.subquery = std::make_shared<Rows>(std::move(fields), std::move(rows));
  spec.outer = outer;
  spec.var = "sq";
  spec.has_values_var = "has";
  PulloutSubquery op(spec);
  ExecContext ctx;
  auto s = op.Open(ctx, {});
  return {s.status(), outer->seen};
}

TEST(PulloutTest, InBindsListAndHasValues) {
  Outcome r =
      Pull(PulloutKind::kIn, {IntF("a")}, {R({"3"}), R({nullptr}), R({"5"})});
  ASSERT_THAT(r.status, IsOk());
  ASSERT_TRUE(r.vars["sq"].is_list);
  ASSERT_EQ(r.vars["sq"].values.size(), 3u);
  EXPECT_EQ(r.vars["sq"].values[0].bytes, "3");
  EXPECT_TRUE(r.vars["sq"].values[1].is_null());
  EXPECT_EQ(r.vars["has"].value.bytes, "1");
}

TEST(PulloutTest, EmptyInBindsOneNullAndNoValues) {
  Outcome r = Pull(PulloutKind::kIn, {IntF("a")}, {});
  ASSERT_THAT(r.status, IsOk());
  ASSERT_EQ(r.vars["sq"].values.size(), 1u);
  EXPECT_TRUE(r.vars["sq"].values[0].is_null());
  EXPECT_EQ(r.vars["has"].value.bytes, "0");
}

TEST(PulloutTest, ScalarValueNullOrError) {
  Outcome one = Pull(PulloutKind::kValue, {IntF("a")}, {R({"7"})});
  ASSERT_THAT(one.status, IsOk());
  EXPECT_EQ(one.vars["sq"].value.bytes, "7");
  Outcome none = Pull(PulloutKind::kValue, {IntF("a")}, {});
  ASSERT_THAT(none.status, IsOk());
  EXPECT_TRUE(none.vars["sq"].value.is_null());
  EXPECT_THAT(
      Pull(PulloutKind::kValue, {IntF("a")}, {R({"1"}), R({"2"})}).status,
      MysqlErrorIs(1242, "21000"));
  EXPECT_THAT(Pull(PulloutKind::kIn, {IntF("a"), IntF("b")}, {}).status,
              MysqlErrorIs(1241, "21000"));
}

TEST(PulloutTest, Exists) {
  EXPECT_EQ(Pull(PulloutKind::kExists, {IntF("a"), IntF("b")}, {R({"1", "2"})})
                .vars["sq"]
                .value.bytes,
            "1");
  EXPECT_EQ(Pull(PulloutKind::kExists, {IntF("a")}, {}).vars["sq"].value.bytes,
            "0");
}

}  // namespace
}  // namespace tessera::engine
