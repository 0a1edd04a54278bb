// RouterImpl's statements that act on the session or go to shards
// unplanned: USE, BEGIN/COMMIT/ROLLBACK/SAVEPOINT, SET, DDL and SHOW.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/router/router_impl.h"

namespace tessera::router {

absl::StatusOr<Result> RouterImpl::RunUse(SessionImpl& s, const RouterState& st,
                                          const sql::ParsedStatement& stmt) {
  const auto* use = static_cast<const sql::UseStmt*>(stmt.root());
  std::string name(use->db.raw);
  TESSERA_ASSIGN_OR_RETURN(Target t, ParseTarget(name));
  if (t.has_keyspace() && st.vschema->FindKeyspace(t.keyspace) == nullptr) {
    return MysqlError(er::kBadDb, "42000",
                      absl::StrCat("Unknown database '", t.keyspace, "'"));
  }
  s.set_target(std::move(t));
  return Result{};
}

// DDL goes to every shard of the session's keyspace; SHOW and other
// statements about the schema to any one shard.
absl::StatusOr<Result> RouterImpl::RunOnShards(SessionImpl& s,
                                               const RouterState& st,
                                               absl::string_view sql,
                                               bool all_shards) {
  std::string ks = s.parsed_target().keyspace;
  if (ks.empty()) {
    if (st.vschema->keyspaces().size() != 1) {
      return MysqlError(er::kNoDb, "3D000", "No database selected");
    }
    ks = st.vschema->keyspaces().begin()->first;
  }
  engine::Destination dest = all_shards ? engine::Destination::AllShards()
                                        : engine::Destination::AnyShard();
  if (!s.parsed_target().shard.empty()) {
    dest = engine::Destination::Shards({s.parsed_target().shard});
  }
  TESSERA_ASSIGN_OR_RETURN(auto shards, st.cursor->ResolveShards(ks, dest));
  std::vector<engine::ShardQuery> queries;
  sqltypes::BindVars none;
  for (const auto& shard : shards) {
    queries.push_back({ks, shard, std::string(sql), &none});
  }
  TESSERA_ASSIGN_OR_RETURN(auto streams, st.cursor->Execute(queries));
  Result out;
  for (size_t i = 0; i < streams.size(); ++i) {
    Row row;
    Result one;
    one.fields = streams[i]->fields();
    while (true) {
      TESSERA_ASSIGN_OR_RETURN(bool more, streams[i]->Next(&row));
      if (!more) break;
      one.rows.push_back(row);
    }
    if (i == 0) {
      out = std::move(one);
    }
    out.affected_rows = streams[i]->affected_rows();
  }
  return out;
}

absl::StatusOr<Result> RouterImpl::RunTxn(SessionImpl& s, const RouterState& st,
                                          const sql::ParsedStatement& stmt) {
  TESSERA_ASSIGN_OR_RETURN(TxnStatement t, ParseTxnStatement(stmt));
  Transaction& txn = s.txn();
  switch (t.kind) {
    case TxnStatement::Kind::kBegin:
      // As in MySQL, BEGIN inside a transaction commits it first.
      TESSERA_RETURN_IF_ERROR(txn.Commit());
      txn.Begin(s.vars().TransactionStart(std::move(t.start_sql)), st.cursor);
      break;
    case TxnStatement::Kind::kCommit:
      TESSERA_RETURN_IF_ERROR(txn.Commit());
      break;
    case TxnStatement::Kind::kRollback:
      TESSERA_RETURN_IF_ERROR(txn.Rollback());
      break;
    case TxnStatement::Kind::kSavepoint:
      TESSERA_RETURN_IF_ERROR(txn.Savepoint(t.savepoint));
      break;
    case TxnStatement::Kind::kRollbackToSavepoint:
      TESSERA_RETURN_IF_ERROR(txn.RollbackToSavepoint(t.savepoint));
      break;
    case TxnStatement::Kind::kReleaseSavepoint:
      TESSERA_RETURN_IF_ERROR(txn.ReleaseSavepoint(t.savepoint));
      break;
  }
  TESSERA_RETURN_IF_ERROR(txn.RollbackIfAborted());
  return Result{};
}

absl::StatusOr<Result> RouterImpl::RunSet(SessionImpl& s, const RouterState& st,
                                          const sql::ParsedStatement& stmt) {
  TESSERA_ASSIGN_OR_RETURN(SetEffects effects, AnalyzeSet(stmt));
  SessionVars next = s.vars();
  next.Apply(effects);
  if (!effects.vars.empty() && !next.statement_vars().empty() &&
      !st.vschema->keyspaces().empty()) {
    // Let a shard judge names and values now rather than fail every later
    // statement: SET STATEMENT <vars> FOR SELECT 1.
    std::string ks = st.vschema->keyspaces().begin()->first;
    TESSERA_ASSIGN_OR_RETURN(
        auto shards,
        st.cursor->ResolveShards(ks, engine::Destination::AnyShard()));
    sqltypes::BindVars none;
    engine::ShardQuery probe{ks, shards[0], "select 1", &none,
                             &next.statement_vars()};
    TESSERA_ASSIGN_OR_RETURN(auto streams, st.cursor->Execute({probe}));
  }
  if (effects.autocommit.has_value()) {
    // Switching autocommit on commits the open transaction (as MySQL).
    if (*effects.autocommit && !s.autocommit()) {
      TESSERA_RETURN_IF_ERROR(s.txn().Commit());
    }
    s.set_autocommit(*effects.autocommit);
  }
  s.vars() = std::move(next);
  return Result{};
}

}  // namespace tessera::router
