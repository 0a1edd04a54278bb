#include "lib/router/vindex_executor.h"

#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/engine/dml_support.h"
#include "lib/engine/row_stream.h"
#include "lib/mysql/client/query.h"
#include "lib/planner/planner.h"
#include "lib/planner/tables.h"
#include "lib/planner/walk.h"
#include "lib/router/params.h"
#include "lib/sql/format.h"
#include "lib/sql/normalize.h"
#include "lib/sql/parser.h"

namespace tessera::router {
namespace {

// Runs every query on the executor's pinned connection of its shard.
class PinningCursor : public engine::ShardCursor {
 public:
  PinningCursor(engine::BackendCursor* real, VindexExecutor* owner)
      : real_(real), owner_(owner) {}

  absl::StatusOr<std::vector<std::string>> ResolveShards(
      absl::string_view keyspace, const engine::Destination& dest) override {
    return real_->ResolveShards(keyspace, dest);
  }
  absl::StatusOr<std::vector<std::unique_ptr<engine::RowStream>>> Execute(
      const std::vector<engine::ShardQuery>& queries) override {
    std::vector<std::unique_ptr<engine::RowStream>> out;
    const sqltypes::BindVars none;
    for (const engine::ShardQuery& q : queries) {
      TESSERA_ASSIGN_OR_RETURN(mysql::BackendConnection * conn,
                               owner_->Pinned(q.keyspace, q.shard));
      TESSERA_ASSIGN_OR_RETURN(
          std::string sql,
          mysql::BuildQuery(*conn, q.sql,
                            q.bind_vars != nullptr ? *q.bind_vars : none,
                            absl::ZeroDuration()));
      absl::StatusOr<Result> r = conn->Execute(sql);
      if (!r.ok()) {
        return engine::AnnotateShardError(r.status(), q.keyspace, q.shard);
      }
      out.push_back(std::make_unique<engine::VectorStream>(*std::move(r)));
    }
    return out;
  }

 private:
  engine::BackendCursor* real_;
  VindexExecutor* owner_;
};

// The keyspace of the first table a SELECT reads.
absl::StatusOr<std::string> SelectKeyspace(const sql::ParsedStatement& stmt,
                                           const vschema::VSchema& vschema) {
  if (stmt.kind() != sql::StmtKind::kSelect) {
    return InternalMysqlError(
        "a keyspace-id-targeted vindex query must be a SELECT");
  }
  std::vector<const sql::TableFactor*> tables;
  planner::CollectTables(
      static_cast<const sql::SelectStmt*>(stmt.root())->query, &tables);
  if (tables.empty()) {
    return InternalMysqlError("a keyspace-id-targeted query names no table");
  }
  TESSERA_ASSIGN_OR_RETURN(
      const vschema::Table* t,
      vschema.FindTable(planner::IdentText(tables[0]->name.db),
                        planner::IdentText(tables[0]->name.name)));
  return t->keyspace;
}

std::string Verb(absl::string_view sql) {
  std::string s = absl::AsciiStrToLower(absl::StripAsciiWhitespace(sql));
  if (!s.empty() && s.back() == ';') s.pop_back();
  return s;
}

}  // namespace

VindexExecutor::~VindexExecutor() {
  if (in_transaction_) (void)EndTransaction("rollback");
}

absl::StatusOr<mysql::BackendConnection*> VindexExecutor::Pinned(
    absl::string_view keyspace, absl::string_view shard) {
  std::string key = absl::StrCat(keyspace, "/", shard);
  auto it = pinned_.find(key);
  if (it != pinned_.end()) return it->second.get();
  mysql::Pool* pool = cursor_->pool(keyspace, shard);
  if (pool == nullptr) {
    return InternalMysqlError(absl::StrCat("no connection pool for ", key));
  }
  absl::StatusOr<mysql::PooledConnection> conn = pool->Get();
  if (!conn.ok())
    return engine::AnnotateShardError(conn.status(), keyspace, shard);
  absl::StatusOr<Result> begun = (*conn)->Execute("begin");
  if (!begun.ok()) {
    return engine::AnnotateShardError(begun.status(), keyspace, shard);
  }
  mysql::BackendConnection* raw = conn->get();
  pinned_.emplace(key, *std::move(conn));
  return raw;
}

absl::Status VindexExecutor::EndTransaction(absl::string_view verb) {
  absl::Status first;
  for (auto& [key, conn] : pinned_) {
    absl::StatusOr<Result> r = conn->Execute(verb);
    if (!r.ok() && first.ok()) {
      first = r.status();
      conn.Discard();
    }
  }
  pinned_.clear();
  in_transaction_ = false;
  return first;
}

absl::StatusOr<vindex::QueryResult> VindexExecutor::Execute(
    const vindex::BoundQuery& query, vindex::ExecMode mode) {
  std::string verb = Verb(query.sql);
  if (verb == "begin" || verb == "start transaction") {
    if (in_transaction_) TESSERA_RETURN_IF_ERROR(EndTransaction("commit"));
    in_transaction_ = true;
    return vindex::QueryResult{};
  }
  if (verb == "commit" || verb == "rollback") {
    TESSERA_RETURN_IF_ERROR(EndTransaction(verb));
    return vindex::QueryResult{};
  }
  PinningCursor pinning(cursor_, this);
  if (in_transaction_) return Run(query, &pinning);
  if (mode == vindex::ExecMode::kSession && session_ != nullptr) {
    return Run(query, session_);
  }
  if (mode == vindex::ExecMode::kPre && pre_ != nullptr) {
    return Run(query, pre_);
  }
  if (mode == vindex::ExecMode::kPost && post_ != nullptr) {
    return Run(query, post_);
  }
  return Run(query, cursor_);
}

absl::StatusOr<std::shared_ptr<const planner::Plan>> VindexExecutor::PlanFor(
    sql::ParsedStatement& stmt, const planner::PlannerContext& ctx) {
  std::string key;
  if (plans_ != nullptr && !ctx.target.has_keyspace()) {
    key.reserve(stmt.sql().size() + 32);
    absl::StrAppend(&key, generation_, "\x1f(vindex)\x1f");
    sql::AppendFormatted(stmt, {}, &key);
    if (auto plan = plans_->Get(key)) return plan;
  }
  TESSERA_ASSIGN_OR_RETURN(planner::Plan plan,
                           planner::PlanStatement(stmt, ctx));
  auto shared = std::make_shared<const planner::Plan>(std::move(plan));
  if (!key.empty()) plans_->Put(key, shared, shared->bytes);
  return shared;
}

absl::StatusOr<vindex::QueryResult> VindexExecutor::Run(
    const vindex::BoundQuery& query, engine::ShardCursor* cursor) {
  TESSERA_ASSIGN_OR_RETURN(std::string text, vindex::InterpolateQuery(query));
  TESSERA_ASSIGN_OR_RETURN(sql::ParsedStatement stmt, sql::Parse(text));
  planner::PlannerContext ctx;
  ctx.vschema = vschema_;
  if (query.target_keyspace_id.has_value()) {
    TESSERA_ASSIGN_OR_RETURN(ctx.target.keyspace,
                             SelectKeyspace(stmt, *vschema_));
    ctx.target.keyspace_id = *query.target_keyspace_id;
  }
  std::vector<sql::BindValue> binds;
  sql::NormalizeStatement(&stmt, &binds);
  TESSERA_ASSIGN_OR_RETURN(sqltypes::BindVars vars, ToBindVars(binds));
  TESSERA_ASSIGN_OR_RETURN(std::shared_ptr<const planner::Plan> plan,
                           PlanFor(stmt, ctx));
  engine::ExecContext ectx;
  ectx.cursor = cursor;
  ectx.limits = limits_;
  ectx.vindex_executor = this;
  ectx.sequences = sequences_;
  TESSERA_ASSIGN_OR_RETURN(Result r,
                           engine::ExecuteToResult(*plan->root, ectx, vars));
  vindex::QueryResult out;
  out.rows_affected = r.affected_rows;
  for (const Row& row : r.rows) {
    std::vector<vindex::Value> values;
    for (size_t c = 0; c < row.size() && c < r.fields.size(); ++c) {
      values.push_back(
          engine::ToVindexValue(engine::CellValue(row[c], r.fields[c])));
    }
    out.rows.push_back(std::move(values));
  }
  return out;
}

}  // namespace tessera::router
