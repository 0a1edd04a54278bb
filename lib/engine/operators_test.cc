// Project, Sort, Union, Insert, Dml and the result limits.
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/engine/dml.h"
#include "lib/engine/fake_cursor.h"
#include "lib/engine/insert.h"
#include "lib/engine/project.h"
#include "lib/engine/sort.h"
#include "lib/engine/test_util.h"
#include "lib/engine/union.h"
#include "lib/testing/status_matchers.h"

namespace tessera::engine {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::MysqlErrorIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testutil::Dump;
using testutil::F;
using testutil::IntF;
using testutil::R;
using testutil::Res;
using testutil::Rows;
using testutil::TextF;

class ModVindex : public VindexMapper {
 public:
  absl::StatusOr<std::vector<std::string>> Map(
      const TypedValue& v) const override {
    int64_t n = 0;
    if (!sqltypes::ParseInt64(v.bytes, &n)) return std::vector<std::string>{};
    return std::vector<std::string>{std::string(1, n % 2 ? '\x90' : '\x10')};
  }
  std::string name() const override { return "mod"; }
};

class OperatorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_THAT(cursor_.shard_map().AddKeyspace("ks", {"-80", "80-"}), IsOk());
    ASSERT_THAT(cursor_.shard_map().AddKeyspace("u", {"0"}), IsOk());
    ctx_.cursor = &cursor_;
  }
  FakeCursor cursor_;
  ExecContext ctx_;
};

OperatorPtr Input(std::vector<Field> f, std::vector<Row> rows) {
  return std::make_shared<Rows>(std::move(f), std::move(rows));
}

TEST_F(OperatorsTest, ProjectDropsHelperColumnsAndRenames) {
  auto in = Input({TextF("a"), TextF("w", 63), IntF("b")},
                  {R({"x", "X", "1"}), R({nullptr, nullptr, "2"})});
  auto res = ExecuteToResult(Project({in, {2, 0}, {"", "alias"}}), ctx_, {});
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("1|x", "2|NULL"));
  EXPECT_EQ(res->fields[1].name, "alias");
  EXPECT_FALSE(ExecuteToResult(Project({in, {3}}), ctx_, {}).ok());
}

TEST_F(OperatorsTest, ProjectDropsTrailingHelperColumns) {
  auto in = Input({TextF("a"), IntF("b"), TextF("w", 63)},
                  {R({"x", "1", "X"}), R({"y", "2", "Y"})});
  ProjectSpec spec{in, {}, {}};
  spec.drop_trailing = 1;
  auto res = ExecuteToResult(Project(spec), ctx_, {});
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("x|1", "y|2"));
  ASSERT_EQ(res->fields.size(), 2u);
  spec.drop_trailing = 4;
  EXPECT_FALSE(ExecuteToResult(Project(spec), ctx_, {}).ok());
}

TEST_F(OperatorsTest, SortIsStableAndBounded) {
  auto in = Input({IntF("n"), TextF("t")}, {R({"2", "a"}), R({nullptr, "b"}),
                                            R({"10", "c"}), R({"2", "d"})});
  auto res = ExecuteToResult(Sort(in, {{0, kNoColumn, true}}), ctx_, {});
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("10|c", "2|a", "2|d", "NULL|b"));
  ctx_.limits.max_memory_rows = 3;
  EXPECT_THAT(ExecuteToResult(Sort(in, {{0}}), ctx_, {}),
              MysqlErrorIs(1041, "HY000"));
}

TEST_F(OperatorsTest, UnionAllAndDistinct) {
  auto a = Input({TextF("t")}, {R({"x"}), R({"X"}), R({nullptr})});
  auto b = Input({TextF("u")}, {R({"y"}), R({nullptr}), R({"x "})});
  auto res = ExecuteToResult(Union({a, b}, false), ctx_, {});
  ASSERT_THAT(res, IsOk());
  EXPECT_EQ(res->rows.size(), 6u);
  EXPECT_EQ(res->fields[0].name, "t");
  res = ExecuteToResult(Union({a, b}, true), ctx_, {});
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("x", "NULL", "y"));
  auto c = Input({TextF("t"), TextF("v")}, {});
  EXPECT_THAT(ExecuteToResult(Union({a, c}, false), ctx_, {}),
              MysqlErrorIs(1222, "21000"));
}

TEST_F(OperatorsTest, InsertSplitsRowsPerShard) {
  cursor_.SetHandler([](const std::string& target, const std::string& sql) {
    Result r;
    r.affected_rows = target == "ks/-80" ? 2 : 1;
    return r;
  });
  InsertSpec spec{"ks",
                  "insert into t(id, name) values ",
                  {"(:v0, :n0)", "(:v1, :n1)", "(:v2, :n2)"},
                  "",
                  std::make_shared<ModVindex>(),
                  {"v0", "v1", "v2"}};
  BindVars vars;
  vars["v0"] = BindVariable::Single(TypedValue::Int(2));
  vars["v1"] = BindVariable::Single(TypedValue::Int(3));
  vars["v2"] = BindVariable::Single(TypedValue::Int(4));
  vars["n0"] = BindVariable::Single(TypedValue::Text("a'b"));
  vars["n1"] = BindVariable::Single(TypedValue::Null());
  vars["n2"] = BindVariable::Single(TypedValue::Text("c"));
  auto res = ExecuteToResult(Insert(spec), ctx_, vars);
  ASSERT_THAT(res, IsOk());
  EXPECT_EQ(res->affected_rows, 3u);
  EXPECT_THAT(
      cursor_.log(),
      ElementsAre("ks/-80: insert into t(id, name) values (2, 'a\\'b'), "
                  "(4, 'c')",
                  "ks/80-: insert into t(id, name) values (3, NULL)"));
  vars["v1"] = BindVariable::Single(TypedValue::Null());
  auto bad = ExecuteToResult(Insert(spec), ctx_, vars);
  EXPECT_THAT(bad, MysqlErrorIs(1105, "HY000"));
  EXPECT_THAT(bad.status().message(), HasSubstr("row 2"));
  // Unsharded: everything to the only shard.
  InsertSpec u{"u", "insert into t values ", {"(1)", "(2)"}, ""};
  cursor_.ClearLog();
  ASSERT_THAT(ExecuteToResult(Insert(u), ctx_, {}), IsOk());
  EXPECT_THAT(cursor_.log(), ElementsAre("u/0: insert into t values (1), (2)"));
}

TEST_F(OperatorsTest, DmlScatterSumsAndRefusesMultiShardLimit) {
  cursor_.SetHandler([](const std::string&, const std::string&) {
    Result r;
    r.affected_rows = 4;
    return r;
  });
  RouteSpec route{RouteVariant::kScatter, "ks", "delete from t where x = 1"};
  auto res = ExecuteToResult(Dml(DmlKind::kDelete, route, false), ctx_, {});
  ASSERT_THAT(res, IsOk());
  EXPECT_EQ(res->affected_rows, 8u);
  cursor_.ClearLog();
  EXPECT_THAT(ExecuteToResult(Dml(DmlKind::kUpdate, route, true), ctx_, {}),
              MysqlErrorIs(1235, "42000"));
  EXPECT_TRUE(cursor_.log().empty());
}

TEST_F(OperatorsTest, ResultLimitIsAClearError) {
  std::vector<Row> rows(5, R({"1"}));
  ctx_.limits.max_result_rows = 4;
  auto res = ExecuteToResult(*Input({IntF("a")}, rows), ctx_, {});
  EXPECT_THAT(res, MysqlErrorIs(1104, "42000"));
}

TEST_F(OperatorsTest, ExplainTreeIndents) {
  auto in = Input({IntF("a")}, {});
  Project p(
      {std::make_shared<Sort>(in, std::vector<OrderKey>{{0, kNoColumn, true}}),
       {0}});
  EXPECT_EQ(ExplainTree(p), "Project 0\n  Sort 0 DESC\n    Rows\n");
}

}  // namespace
}  // namespace tessera::engine
