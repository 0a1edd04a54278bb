// Insert and Dml with sequences, owned lookup vindexes, INSERT ... SELECT
// input and reference-table replication, over a fake cursor and a fake
// vindex query executor.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/base/mysql_error.h"
#include "lib/engine/dml.h"
#include "lib/engine/fake_cursor.h"
#include "lib/engine/insert.h"
#include "lib/engine/test_util.h"
#include "lib/sqltypes/value.h"
#include "lib/testing/status_matchers.h"
#include "lib/vindex/builtin.h"
#include "lib/vindex/test_support.h"
#include "lib/vschema/loader.h"
#include "lib/vschema/sequence.h"
#include "lib/vschema/vschema.h"

namespace tessera::engine {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::MysqlErrorIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testutil::IntF;
using testutil::R;
using testutil::Res;
using testutil::TextF;
using vindex::testing::FakeExecutor;

// Even numbers to -80, odd ones to 80-.
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

constexpr char kVSchema[] = R"({"keyspaces": {
  "ks": {"sharded": true,
    "vindexes": {"hash": {"type": "hash"},
      "email_idx": {"type": "lookup_unique", "owner": "user",
        "params": {"table": "meta.email_idx", "from": "email",
                   "to": "keyspace_id"}}},
    "tables": {"user": {"column_vindexes": [
        {"column": "id", "name": "hash"},
        {"column": "email", "name": "email_idx"}]}}},
  "meta": {"tables": {"email_idx": {}}}}})";

class WriteOpsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_THAT(cursor_.shard_map().AddKeyspace("ks", {"-80", "80-"}), IsOk());
    ctx_.cursor = &cursor_;
    ctx_.vindex_executor = &executor_;
    ctx_.sequences = &sequences_;
    registry_ =
        std::make_unique<vindex::VindexRegistry>(vindex::NewBuiltinRegistry());
    auto src = vschema::ParseVSchemaJson(kVSchema);
    ASSERT_TRUE(src.ok()) << src.status();
    auto vs = vschema::VSchema::Build(*src, *registry_);
    ASSERT_TRUE(vs.ok()) << vs.status();
    vschema_ = *std::move(vs);
    auto t = vschema_->FindTable("ks", "user");
    ASSERT_TRUE(t.ok());
    user_ = *t;
    cursor_.SetHandler(
        [this](const std::string& target,
               const std::string& sql) -> absl::StatusOr<Result> {
          if (target == fail_shard_) {
            return absl::InternalError("shard down");
          }
          if (absl::StartsWith(sql, "select")) {
            // The selected rows live on 80- (odd ids).
            if (target == "ks/80-") return select_result_;
            return Res(select_result_.fields, {});
          }
          Result r;
          r.affected_rows = 1;
          return r;
        });
    // A sequence row: next_id 10, cache 100.
    executor_.set_handler([](const std::string& sql, vindex::ExecMode)
                              -> absl::StatusOr<vindex::QueryResult> {
      vindex::QueryResult r;
      if (absl::StartsWith(sql, "select next_id")) {
        r.rows.push_back({vindex::Value::Int64(10), vindex::Value::Int64(100)});
      }
      r.rows_affected = 1;
      return r;
    });
  }

  std::vector<std::string> ExecutorCalls() const {
    std::vector<std::string> out;
    for (const auto& c : executor_.calls()) out.push_back(c.sql);
    return out;
  }

  FakeCursor cursor_;
  FakeExecutor executor_;
  vschema::SequenceAllocators sequences_;
  ExecContext ctx_;
  std::unique_ptr<vindex::VindexRegistry> registry_;
  std::unique_ptr<vschema::VSchema> vschema_;
  const vschema::Table* user_ = nullptr;
  std::string fail_shard_;
  Result select_result_;
};

TEST_F(WriteOpsTest, InsertTakesSequenceIdsForNullCells) {
  InsertSpec spec;
  spec.keyspace = "ks";
  spec.prefix = "insert into t(id, name) values ";
  spec.rows = {"(:__c0_0, 'a')", "(:__c1_0, 'b')", "(:__c2_0, 'c')"};
  spec.vindex = std::make_shared<ModVindex>();
  spec.columns = {"id", "name"};
  spec.vindex_column = 0;
  spec.filled_columns = {0};
  spec.cell_sources = {{""}, {"v1"}, {""}};
  spec.sequence_column = 0;
  spec.sequence = "seq";
  BindVars vars;
  vars["v1"] = BindVariable::Single(TypedValue::Int(7));
  auto res = ExecuteToResult(Insert(spec), ctx_, vars);
  ASSERT_THAT(res, IsOk());
  EXPECT_EQ(res->last_insert_id, 10u);
  EXPECT_EQ(res->affected_rows, 2u);  // one per shard from the fake
  EXPECT_THAT(cursor_.log(),
              ElementsAre("ks/-80: insert into t(id, name) values (10, 'a')",
                          "ks/80-: insert into t(id, name) values (7, 'b'), "
                          "(11, 'c')"));
  EXPECT_EQ(sequences_.For("seq").cached(), 98);
  // Without a sequence source the statement fails clearly.
  ctx_.sequences = nullptr;
  spec.sequence = "other";
  EXPECT_THAT(ExecuteToResult(Insert(spec), ctx_, vars),
              MysqlErrorIs(1105, "HY000"));
}

TEST_F(WriteOpsTest, InsertCreatesLookupsAndTakesThemBackOnFailure) {
  InsertSpec spec;
  spec.keyspace = "ks";
  spec.prefix = "insert into user(id, email) values ";
  spec.rows = {"(:__c0_0, :__c0_1)", "(:__c1_0, :__c1_1)"};
  spec.vindex = std::make_shared<ModVindex>();
  spec.columns = {"id", "email"};
  spec.vindex_column = 0;
  spec.filled_columns = {0, 1};
  spec.cell_sources = {{"a", "b"}, {"c", "d"}};
  spec.owner = user_;
  BindVars vars;
  vars["a"] = BindVariable::Single(TypedValue::Int(2));
  vars["b"] = BindVariable::Single(TypedValue::Text("x@y"));
  vars["c"] = BindVariable::Single(TypedValue::Int(3));
  vars["d"] = BindVariable::Single(TypedValue::Text("z@y"));
  ASSERT_THAT(ExecuteToResult(Insert(spec), ctx_, vars), IsOk());
  std::vector<std::string> calls = ExecutorCalls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_THAT(calls[0], HasSubstr("insert into meta.email_idx"));
  EXPECT_THAT(calls[0], HasSubstr("'x@y', X'10'"));
  EXPECT_THAT(calls[0], HasSubstr("'z@y', X'90'"));
  // The second shard fails: its row's lookup entry is deleted again.
  executor_.clear();
  cursor_.ClearLog();
  fail_shard_ = "ks/80-";
  EXPECT_FALSE(ExecuteToResult(Insert(spec), ctx_, vars).ok());
  calls = ExecutorCalls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_THAT(calls[1], HasSubstr("delete from meta.email_idx"));
  EXPECT_THAT(calls[1], HasSubstr("'z@y'"));
}

TEST_F(WriteOpsTest, InsertSelectReadsRowsAndReplicates) {
  InsertSpec spec;
  spec.keyspace = "ks";
  spec.prefix = "insert into ref(a, b) values ";
  spec.columns = {"a", "b"};
  spec.replicate = true;
  spec.input = std::make_shared<testutil::Rows>(
      std::vector<Field>{IntF("a"), TextF("b")},
      std::vector<Row>{R({"1", "x"}), R({"2", nullptr})});
  auto res = ExecuteToResult(Insert(spec), ctx_, {});
  ASSERT_THAT(res, IsOk());
  EXPECT_EQ(res->affected_rows, 1u);  // one shard's count
  EXPECT_THAT(
      cursor_.log(),
      ElementsAre("ks/-80: insert into ref(a, b) values (1, 'x'), (2, NULL)",
                  "ks/80-: insert into ref(a, b) values (1, 'x'), (2, NULL)"));
  spec.columns = {"a"};
  EXPECT_THAT(ExecuteToResult(Insert(spec), ctx_, {}),
              MysqlErrorIs(1136, "21S01"));
}

TEST_F(WriteOpsTest, DeleteRemovesLookupRowsThenRunsWhereTheRowsAre) {
  auto l = std::make_shared<DmlLookups>();
  l->table = user_;
  l->select_query = "select id, email from user where email = 'q' for update";
  l->columns = {"email"};
  l->primary = std::make_shared<ModVindex>();
  select_result_ = Res({IntF("id"), TextF("email")}, {R({"3", "q"})});
  RouteSpec route{RouteVariant::kScatter, "ks",
                  "delete from user where email = 'q'"};
  DmlOptions options;
  options.lookups = l;
  auto res = ExecuteToResult(Dml(DmlKind::kDelete, route, options), ctx_, {});
  ASSERT_THAT(res, IsOk());
  EXPECT_EQ(res->affected_rows, 1u);
  EXPECT_THAT(
      cursor_.log(),
      ElementsAre("ks/-80: " + l->select_query, "ks/80-: " + l->select_query,
                  "ks/80-: delete from user where email = 'q'"));
  std::vector<std::string> calls = ExecutorCalls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_THAT(calls[0], HasSubstr("delete from meta.email_idx"));
  // No rows: nothing runs.
  select_result_ = Res({IntF("id"), TextF("email")}, {});
  cursor_.ClearLog();
  ASSERT_THAT(ExecuteToResult(Dml(DmlKind::kDelete, route, options), ctx_, {}),
              IsOk());
  EXPECT_EQ(cursor_.log().size(), 2u);
}

TEST_F(WriteOpsTest, UpdateMovesLookupRowsAndUndoesOnDuplicate) {
  auto l = std::make_shared<DmlLookups>();
  l->table = user_;
  l->select_query = "select id, email from user for update";
  l->columns = {"email"};
  l->primary = std::make_shared<ModVindex>();
  l->set = {{"EMAIL", "v1"}};
  select_result_ = Res({IntF("id"), TextF("email")}, {R({"3", "old"})});
  RouteSpec route{RouteVariant::kScatter, "ks", "update user set email = :v1"};
  DmlOptions options;
  options.lookups = l;
  BindVars vars;
  vars["v1"] = BindVariable::Single(TypedValue::Text("new"));
  ASSERT_THAT(
      ExecuteToResult(Dml(DmlKind::kUpdate, route, options), ctx_, vars),
      IsOk());
  std::vector<std::string> calls = ExecutorCalls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_THAT(calls[0], HasSubstr("insert into meta.email_idx"));
  EXPECT_THAT(calls[0], HasSubstr("'new'"));
  EXPECT_THAT(calls[1], HasSubstr("delete from meta.email_idx"));
  EXPECT_THAT(calls[1], HasSubstr("'old'"));
  // The new value is taken: nothing is deleted and the update never runs.
  executor_.clear();
  cursor_.ClearLog();
  executor_.set_handler(
      [](const std::string& sql,
         vindex::ExecMode) -> absl::StatusOr<vindex::QueryResult> {
        if (absl::StartsWith(sql, "insert")) {
          return MysqlError(1062, "23000", "Duplicate entry");
        }
        return vindex::QueryResult{};
      });
  EXPECT_THAT(
      ExecuteToResult(Dml(DmlKind::kUpdate, route, options), ctx_, vars),
      MysqlErrorIs(1062, "23000"));
  EXPECT_EQ(ExecutorCalls().size(), 1u);
  EXPECT_EQ(cursor_.log().size(), 2u);  // the two selects only
}

}  // namespace
}  // namespace tessera::engine
