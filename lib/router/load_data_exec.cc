// RouterImpl::LoadDataLocal: plans the split (load_data.cc) and runs each
// shard's part as its own LOAD DATA LOCAL INFILE, every shard in one
// transaction: the session's, or an implicit one committed at the end, so
// a failure on one shard leaves no shard changed.
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/mysql/client/query.h"
#include "lib/router/load_data.h"
#include "lib/router/router_impl.h"
#include "lib/sql/parser.h"

namespace tessera::router {
namespace {

// "Records: 3  Deleted: 0  Skipped: 0  Warnings: 0" summed over shards.
struct Totals {
  unsigned long long records = 0, deleted = 0, skipped = 0, warnings = 0;
  void Add(const std::string& info) {
    unsigned long long r = 0, d = 0, s = 0, w = 0;
    if (std::sscanf(info.c_str(),
                    "Records: %llu Deleted: %llu Skipped: %llu Warnings: %llu",
                    &r, &d, &s, &w) == 4) {
      records += r, deleted += d, skipped += s, warnings += w;
    }
  }
  std::string Info() const {
    return absl::StrCat("Records: ", records, "  Deleted: ", deleted,
                        "  Skipped: ", skipped, "  Warnings: ", warnings);
  }
};

// The table's columns in order, read from one of its keyspace's shards.
absl::StatusOr<std::vector<std::string>> ShardTableColumns(
    engine::BackendCursor& cursor, absl::string_view keyspace,
    absl::string_view table) {
  TESSERA_ASSIGN_OR_RETURN(
      std::vector<std::string> shards,
      cursor.ResolveShards(keyspace, engine::Destination::AllShards()));
  if (shards.empty()) return InternalMysqlError("keyspace without shards");
  engine::ShardQuery q;
  q.keyspace = std::string(keyspace);
  q.shard = shards[0];
  q.sql = absl::StrCat(
      "select column_name from information_schema.columns where "
      "table_schema = database() and table_name = '",
      absl::StrReplaceAll(table, {{"\\", "\\\\"}, {"'", "''"}}),
      "' order by ordinal_position");
  TESSERA_ASSIGN_OR_RETURN(auto streams, cursor.Execute({q}));
  std::vector<std::string> names;
  Row row;
  while (true) {
    TESSERA_ASSIGN_OR_RETURN(bool more, streams[0]->Next(&row));
    if (!more) break;
    if (!row.empty()) names.push_back(row[0].bytes());
  }
  if (names.empty()) {
    return MysqlError(
        er::kNoSuchTable, "42S02",
        absl::StrCat("Table '", keyspace, ".", table, "' doesn't exist"));
  }
  return names;
}

// Before any shard loads into the session's transaction: every part may
// join it, and transaction_mode single takes one shard only.
absl::Status CheckCanLoad(Transaction& txn, const LoadDataPlan& plan) {
  for (const LoadDataPart& part : plan.parts) {
    TESSERA_RETURN_IF_ERROR(txn.CheckCanJoin(plan.keyspace, part.shard));
  }
  if (txn.mode() == TransactionMode::kSingle && plan.parts.size() > 1) {
    return UnsupportedError(absl::StrCat(
        "unsupported: transaction_mode single: LOAD DATA would reach ",
        plan.parts.size(), " shards of ", plan.keyspace));
  }
  return absl::OkStatus();
}

// The warnings of the LOAD DATA just run on `conn`, appended to `out`.
void CollectWarnings(mysql::BackendConnection& conn,
                     std::vector<Warning>& out) {
  absl::StatusOr<Result> w = conn.Execute("show warnings");
  if (!w.ok()) return;
  for (const Row& row : w->rows) {
    if (row.size() < 3) continue;
    out.push_back({static_cast<uint16_t>(std::atoi(row[1].bytes().c_str())),
                   row[0].bytes(), row[2].bytes()});
  }
}

// Runs each part's LOAD DATA on its shard's transaction connection.
struct ShardLoader {
  SessionImpl* s;
  const RouterState* st;
  const LoadDataPlan* plan;
  absl::Duration timeout;

  // One shard's LOAD DATA, recorded in the session's ActiveQueries so that
  // KILL QUERY and the query timeout reach it.
  absl::StatusOr<Result> Run(mysql::BackendConnection& conn,
                             const LoadDataPart& part) {
    TESSERA_ASSIGN_OR_RETURN(std::string q,
                             mysql::BuildQuery(conn, plan->sql, {}, timeout,
                                               s->vars().statement_vars()));
    mysql::ActiveQueries* active = s->active_queries().get();
    if (active == nullptr) return conn.ExecuteLocalInfile(q, part.data);
    TESSERA_RETURN_IF_ERROR(
        active->Add(st->cursor->pool(plan->keyspace, part.shard), &conn));
    absl::StatusOr<Result> r = conn.ExecuteLocalInfile(q, part.data);
    active->Remove(&conn);
    return r;
  }

  // Loads `part` (after `loaded` other parts) and adds its outcome to
  // `out`, `totals` and `warnings`. A failure after another shard loaded,
  // or one that ended the shard's transaction, aborts the transaction.
  absl::Status Load(const LoadDataPart& part, size_t loaded, Result& out,
                    Totals& totals, std::vector<Warning>& warnings) {
    Transaction& txn = s->txn();
    TESSERA_ASSIGN_OR_RETURN(mysql::BackendConnection * conn,
                             txn.Connection(plan->keyspace, part.shard));
    absl::StatusOr<Result> r = Run(*conn, part);
    if (!r.ok()) {
      if (EndsShardTransaction(r.status()) || loaded > 0) {
        txn.MarkAborted(absl::StrCat(
            "LOAD DATA failed on shard ", plan->keyspace, "/", part.shard,
            " after loading other shards: ", r.status().message()));
      }
      return engine::AnnotateShardError(r.status(), plan->keyspace, part.shard);
    }
    out.affected_rows += r->affected_rows;
    out.warnings = static_cast<uint16_t>(
        std::min<uint64_t>(65535, uint64_t{out.warnings} + r->warnings));
    totals.Add(r->info);
    if (r->warnings > 0) CollectWarnings(*conn, warnings);
    return absl::OkStatus();
  }
};

// Commits or rolls back an implicit transaction; in the session's own, a
// transaction a failure aborted is rolled back and the error says so.
absl::Status EndLoadTransaction(Transaction& txn, bool implicit,
                                const absl::Status& failed) {
  if (implicit) {
    if (!failed.ok()) {
      (void)txn.Rollback();
      return failed;
    }
    return txn.Commit();
  }
  if (txn.abort_reason().empty()) return failed;
  absl::Status ended = txn.RollbackIfAborted();
  if (failed.ok()) return ended;
  const MysqlErrorInfo e = ToMysqlError(failed);
  return MysqlError(
      e.code, e.sqlstate,
      absl::StrCat(failed.message(), " (the transaction was rolled back)"));
}

}  // namespace

absl::StatusOr<Result> RouterImpl::LoadDataLocal(tessera::Session& session,
                                                 absl::string_view sql,
                                                 absl::string_view data) {
  auto& s = static_cast<SessionImpl&>(session);
  std::shared_ptr<const RouterState> st = State();
  TESSERA_ASSIGN_OR_RETURN(sql::ParsedStatement stmt, sql::Parse(sql));
  LoadDataContext ctx;
  ctx.vschema = st->vschema.get();
  ctx.target = &s.parsed_target();
  ctx.shards = [&st](absl::string_view ks) {
    return st->cursor->ResolveShards(ks, engine::Destination::AllShards());
  };
  ctx.table_columns = [&st](absl::string_view ks, absl::string_view table) {
    return ShardTableColumns(*st->cursor, ks, table);
  };
  TESSERA_ASSIGN_OR_RETURN(LoadDataPlan plan, PlanLoadData(stmt, data, ctx));
  return RunLoadData(s, *st, plan);
}

absl::StatusOr<Result> RouterImpl::RunLoadData(SessionImpl& s,
                                               const RouterState& st,
                                               const LoadDataPlan& plan) {
  Transaction& txn = s.txn();
  if (!txn.active() && !s.autocommit()) {
    txn.Begin(s.vars().TransactionStart("start transaction"), st.cursor);
  }
  const bool implicit = !txn.active();
  if (implicit) {
    txn.Begin(s.vars().TransactionStart("start transaction"), st.cursor,
              /*implicit=*/true);
  } else {
    TESSERA_RETURN_IF_ERROR(CheckCanLoad(txn, plan));
  }
  ShardLoader loader{&s, &st, &plan,
                     options_.query_timeout_ms > 0
                         ? absl::Milliseconds(options_.query_timeout_ms)
                         : absl::ZeroDuration()};
  Result out;
  Totals totals;
  std::vector<Warning> warnings;
  absl::Status failed;
  size_t loaded = 0;
  for (const LoadDataPart& part : plan.parts) {
    failed = loader.Load(part, loaded, out, totals, warnings);
    if (!failed.ok()) break;
    ++loaded;
  }
  TESSERA_RETURN_IF_ERROR(EndLoadTransaction(txn, implicit, failed));
  out.info = totals.Info();
  s.set_last_warnings(out.warnings);
  s.set_warnings(std::move(warnings));
  return out;
}

}  // namespace tessera::router
