#include "lib/router/router_impl.h"

#include <map>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/base/logging.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/engine/operator.h"
#include "lib/planner/planner.h"
#include "lib/planner/session_functions.h"
#include "lib/router/column_names.h"
#include "lib/router/next_values.h"
#include "lib/router/params.h"
#include "lib/router/parse_options.h"
#include "lib/router/session_cursor.h"
#include "lib/router/show_statements.h"
#include "lib/router/vindex_executor.h"
#include "lib/sql/format.h"
#include "lib/sql/normalize.h"
#include "lib/topo/open.h"
#include "lib/vindex/builtin.h"
#include "lib/vschema/loader.h"

namespace tessera {

uint16_t ErrorCode(const absl::Status& status) {
  return status.ok() ? 0 : ToMysqlError(status).code;
}

std::string ErrorSqlState(const absl::Status& status) {
  return status.ok() ? "00000" : ToMysqlError(status).sqlstate;
}

absl::StatusOr<std::unique_ptr<Router>> Router::Create(
    const RouterOptions& options) {
  auto r = router::RouterImpl::Create(options);
  if (!r.ok()) return r.status();
  return std::unique_ptr<Router>(std::move(*r));
}

namespace router {
namespace {

bool IsDdl(sql::StmtKind k) {
  switch (k) {
    case sql::StmtKind::kCreateTable:
    case sql::StmtKind::kAlterTable:
    case sql::StmtKind::kDropTable:
    case sql::StmtKind::kTruncate:
    case sql::StmtKind::kRenameTable:
    case sql::StmtKind::kCreateIndex:
    case sql::StmtKind::kDropIndex:
    case sql::StmtKind::kCreateView:
    case sql::StmtKind::kAlterView:
    case sql::StmtKind::kDropView:
      return true;
    default:
      return false;
  }
}

// "EXPLAIN FORMAT=tessera <stmt>" → "<stmt>"; nullopt for other EXPLAINs.
std::optional<absl::string_view> TesseraExplainTarget(absl::string_view sql) {
  absl::string_view rest = absl::StripLeadingAsciiWhitespace(sql);
  auto eat = [&rest](absl::string_view word) {
    if (rest.size() < word.size() ||
        !absl::EqualsIgnoreCase(rest.substr(0, word.size()), word)) {
      return false;
    }
    rest = absl::StripLeadingAsciiWhitespace(rest.substr(word.size()));
    return true;
  };
  if (eat("explain") && eat("format") && eat("=") && eat("tessera")) {
    return rest;
  }
  return std::nullopt;
}

bool IsWrite(planner::PlanKind k) {
  return k == planner::PlanKind::kInsert || k == planner::PlanKind::kUpdate ||
         k == planner::PlanKind::kDelete;
}

// The session's LAST_INSERT_ID() after a statement: ids a sequence
// generated, else the shard's own AUTO_INCREMENT id; explicit values
// (reported as the statement's insert id) leave it alone.
void SetLastInsertId(SessionImpl& s, const engine::ExecContext& ctx,
                     uint64_t statement_insert_id) {
  if (ctx.sequence_insert) {
    if (ctx.generated_insert_id != 0) {
      s.set_last_insert_id(ctx.generated_insert_id);
    }
    return;
  }
  if (statement_insert_id != 0) s.set_last_insert_id(statement_insert_id);
}

}  // namespace

RouterImpl::RouterImpl(const RouterOptions& options, BackendFactory backends)
    : options_(options),
      backends_(std::move(backends)),
      registry_(vindex::NewBuiltinRegistry()),
      plan_cache_(options.plan_cache_bytes) {}

absl::StatusOr<std::unique_ptr<RouterImpl>> RouterImpl::Create(
    const RouterOptions& options) {
  return Create(options, MysqlBackendFactory(options));
}

absl::StatusOr<std::unique_ptr<RouterImpl>> RouterImpl::Create(
    const RouterOptions& options, BackendFactory backends) {
  if (options.transaction_mode == TransactionMode::kTwoPC) {
    return UnsupportedError("unsupported: twopc transaction mode");
  }
  auto r =
      std::unique_ptr<RouterImpl>(new RouterImpl(options, std::move(backends)));
  std::shared_ptr<const RouterState> state;
  if (!options.topo_url.empty()) {
    if (!options.vschema_json.empty() || !options.shards.empty()) {
      return absl::InvalidArgumentError(
          "give either topo_url or vschema_json and shards, not both");
    }
    TESSERA_ASSIGN_OR_RETURN(r->topo_, topo::Open(options.topo_url));
    topo::WatchCache::Options wo;
    wo.cell = options.cell;
    TESSERA_ASSIGN_OR_RETURN(r->watch_,
                             topo::WatchCache::Start(r->topo_.get(), wo));
    // Read the generation before the data: a change in between only
    // causes one more rebuild.
    uint64_t gen = r->watch_->generation();
    TESSERA_ASSIGN_OR_RETURN(
        state, BuildRouterState(options, r->registry_, TopoView(*r->watch_),
                                nullptr, gen, r->backends_));
  } else {
    TESSERA_ASSIGN_OR_RETURN(
        state, BuildRouterState(options, r->registry_, StaticView(options),
                                nullptr, 0, r->backends_));
    for (const auto& [ks, schema] : state->vschema->keyspaces()) {
      if (!state->cursor->ResolveShards(ks, engine::Destination::AllShards())
               .ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("keyspace ", ks, " has no primary shard address"));
      }
    }
  }
  absl::MutexLock l(&r->state_mu_);
  r->state_ = std::move(state);
  return r;
}

std::shared_ptr<const RouterState> RouterImpl::State() {
  {
    // Every statement comes here: the common case shares the lock.
    absl::ReaderMutexLock l(&state_mu_);
    if (watch_ == nullptr || watch_->generation() == state_->generation) {
      return state_;
    }
  }
  absl::MutexLock l(&state_mu_);
  if (watch_->generation() != state_->generation) {
    uint64_t gen = watch_->generation();
    auto next = BuildRouterState(options_, registry_, TopoView(*watch_),
                                 state_.get(), gen, backends_);
    if (next.ok()) {
      TESSERA_LOG_INFO("router: topology generation {} applied", gen);
      state_ = *std::move(next);
    } else {
      // Keep serving the last good snapshot; retry on the next change.
      TESSERA_LOG_ERROR("router: topology generation {} not applied: {}", gen,
                        next.status().ToString());
      auto kept = std::make_shared<RouterState>(*state_);
      kept->generation = gen;
      state_ = std::move(kept);
    }
  }
  return state_;
}

absl::StatusOr<std::unique_ptr<tessera::Session>> RouterImpl::NewSession(
    absl::string_view target) {
  TESSERA_ASSIGN_OR_RETURN(Target t, ParseTarget(target));
  std::shared_ptr<const RouterState> st = State();
  if (t.has_keyspace() && st->vschema->FindKeyspace(t.keyspace) == nullptr) {
    return MysqlError(er::kBadDb, "42000",
                      absl::StrCat("Unknown database '", t.keyspace, "'"));
  }
  return std::unique_ptr<tessera::Session>(
      new SessionImpl(std::move(t), options_.transaction_mode));
}

absl::StatusOr<std::shared_ptr<const planner::Plan>> RouterImpl::GetPlan(
    SessionImpl& s, const RouterState& st, sql::ParsedStatement& stmt,
    sqltypes::BindVars* vars) {
  std::vector<sql::BindValue> binds;
  sql::NormalizeStatement(&stmt, &binds);
  TESSERA_ASSIGN_OR_RETURN(*vars, ToBindVars(binds));
  // Plans point into their snapshot's VSchema: the generation keeps a
  // stale plan from ever meeting a newer snapshot.
  std::string key;
  key.reserve(stmt.sql().size() + 64);
  absl::StrAppend(&key, st.generation, "\x1f", FormatTarget(s.parsed_target()),
                  "\x1f");
  sql::AppendFormatted(stmt, {}, &key);
  if (absl::StrContains(key, sql::kLastInsertIdVar)) {
    (*vars)[sql::kLastInsertIdVar] = sqltypes::BindVariable::Single(
        sqltypes::TypedValue::Uint(s.last_insert_id()));
  }
  if (auto plan = plan_cache_.Get(key)) return plan;
  planner::PlannerContext ctx;
  ctx.vschema = st.vschema.get();
  ctx.target = s.parsed_target();
  TESSERA_ASSIGN_OR_RETURN(planner::Plan plan,
                           planner::PlanStatement(stmt, ctx));
  auto shared = std::make_shared<const planner::Plan>(std::move(plan));
  plan_cache_.Put(key, shared, shared->bytes);
  return shared;
}

absl::StatusOr<Result> RouterImpl::Run(SessionImpl& s, const RouterState& st,
                                       absl::string_view sql,
                                       ResultSink* sink) {
  TESSERA_ASSIGN_OR_RETURN(auto next, ParseNextValues(sql));
  if (next.has_value()) {
    engine::Limits limits;
    limits.max_result_rows = options_.max_result_rows;
    limits.max_result_bytes = options_.max_result_bytes;
    VindexExecutor sequence_executor(st.vschema.get(), st.cursor.get(), nullptr,
                                     limits, &sequences_);
    sequence_executor.set_plan_cache(&plan_cache_, st.generation);
    return RunNextValues(*next, s.parsed_target().keyspace, *st.vschema,
                         sequences_, &sequence_executor);
  }
  TESSERA_ASSIGN_OR_RETURN(sql::ParsedStatement stmt,
                           sql::Parse(sql, RouterParseOptions()));
  switch (stmt.kind()) {
    case sql::StmtKind::kUse:
      return RunUse(s, st, stmt);
    case sql::StmtKind::kBegin:
    case sql::StmtKind::kCommit:
    case sql::StmtKind::kRollback:
    case sql::StmtKind::kSavepoint:
    case sql::StmtKind::kReleaseSavepoint:
      return RunTxn(s, st, stmt);
    case sql::StmtKind::kXa:
      return UnsupportedError(
          "unsupported: XA through the router (use BEGIN/COMMIT; the router "
          "coordinates the shards)");
    case sql::StmtKind::kShow: {
      TESSERA_ASSIGN_OR_RETURN(bool keyspaces, IsShowKeyspaces(stmt));
      if (keyspaces) return ShowKeyspaces(*st.vschema);
      if (std::optional<Result> w =
              ShowWarnings(stmt, s.last_warnings(), s.warnings())) {
        return *std::move(w);
      }
      return RunOnShards(s, st, sql, /*all_shards=*/false);
    }
    case sql::StmtKind::kSet:
      return RunSet(s, st, stmt);
    case sql::StmtKind::kSelect:
    case sql::StmtKind::kInsert:
    case sql::StmtKind::kUpdate:
    case sql::StmtKind::kDelete:
      return RunPlan(s, st, stmt, sink);
    case sql::StmtKind::kDescribe:
      return RunOnShards(s, st, sql, false);
    case sql::StmtKind::kExplain:
      if (std::optional<absl::string_view> inner = TesseraExplainTarget(sql)) {
        TESSERA_ASSIGN_OR_RETURN(std::string json, ExplainJson(s, *inner));
        Result r;
        r.fields.push_back(TextField("plan"));
        r.rows.push_back({Value::Text(std::move(json))});
        return r;
      }
      return RunOnShards(s, st, sql, false);
    default:
      if (IsDdl(stmt.kind())) {
        // DDL commits the open transaction first, as in MySQL.
        TESSERA_RETURN_IF_ERROR(s.txn().Commit());
        return RunOnShards(s, st, sql, /*all_shards=*/true);
      }
      return UnsupportedError(
          absl::StrCat("unsupported: this statement through the router: ",
                       sql.substr(0, 60)));
  }
}

// The cursor over the session's replica or rdonly tablets. Only reads
// outside transactions go there: writes and transactions belong to the
// primaries.
absl::StatusOr<engine::BackendCursor*> RouterImpl::ReplicaCursor(
    SessionImpl& s, const RouterState& st, const planner::Plan& plan) {
  const Target& t = s.parsed_target();
  const std::string type(TabletTypeName(t.tablet_type));
  if (IsWrite(plan.kind)) {
    return UnsupportedError(absl::StrCat("unsupported: writes to a ", type,
                                         " target (", FormatTarget(t),
                                         "); use the primary"));
  }
  if (s.txn().active()) {
    return UnsupportedError(absl::StrCat("unsupported: a transaction on a ",
                                         type, " target (", FormatTarget(t),
                                         "); transactions run on primaries"));
  }
  const auto& cursor = t.tablet_type == TabletType::kReplica ? st.replica_cursor
                                                             : st.rdonly_cursor;
  std::string ks = t.keyspace;
  if (cursor == nullptr ||
      (!ks.empty() &&
       !cursor->ResolveShards(ks, engine::Destination::AllShards()).ok())) {
    return MysqlError(er::kUnknownError, "HY000",
                      absl::StrCat("no ", type, " tablet for every shard of ",
                                   ks.empty() ? "the keyspace" : ks));
  }
  return cursor.get();
}

// Runs a planned statement. Inside a transaction (explicit, or implicit
// with autocommit=0) it uses the session's shard connections. An
// autocommit write runs in an implicit transaction of its own so that a
// failure on one shard leaves no other shard changed.
absl::StatusOr<Result> RouterImpl::RunPlan(SessionImpl& s,
                                           const RouterState& st,
                                           sql::ParsedStatement& stmt,
                                           ResultSink* sink) {
  // Before planning, which may alias the items it rewrites.
  const std::vector<std::string> names = ClientColumnNames(stmt);
  sqltypes::BindVars vars;
  TESSERA_ASSIGN_OR_RETURN(auto plan, GetPlan(s, st, stmt, &vars));
  if (plan->uses_last_insert_id) {
    vars[planner::kLastInsertIdVar] = sqltypes::BindVariable::Single(
        sqltypes::TypedValue::Uint(s.last_insert_id()));
  }
  Transaction& txn = s.txn();
  engine::BackendCursor* base = st.cursor.get();
  if (s.parsed_target().tablet_type != TabletType::kPrimary) {
    TESSERA_ASSIGN_OR_RETURN(base, ReplicaCursor(s, st, *plan));
  }
  if (!txn.active() && !s.autocommit() && base == st.cursor.get()) {
    txn.Begin(s.vars().TransactionStart("start transaction"), st.cursor);
  }
  const bool write = IsWrite(plan->kind);
  const bool implicit = !txn.active() && write;
  auto begin_implicit = [&s, &txn, &st] {
    txn.Begin(s.vars().TransactionStart("start transaction"), st.cursor,
              /*implicit=*/true);
  };
  if (implicit && !plan->single_batch_write) begin_implicit();
  SessionCursor cursor(base, &txn,
                       options_.query_timeout_ms > 0
                           ? absl::Milliseconds(options_.query_timeout_ms)
                           : absl::ZeroDuration(),
                       write, &s.vars().statement_vars(),
                       s.active_queries().get());
  if (implicit && plan->single_batch_write) {
    cursor.BeginWhenMultiShard(begin_implicit);
  }
  engine::ExecContext ctx;
  ctx.cursor = &cursor;
  ctx.limits.max_result_rows = options_.max_result_rows;
  ctx.limits.max_result_bytes = options_.max_result_bytes;
  // Lookup-vindex queries join the statement's transaction (kSession);
  // sequence blocks are reserved on connections of their own.
  VindexExecutor vindex_executor(st.vschema.get(), st.cursor.get(),
                                 cursor.lookup_cursor(), ctx.limits,
                                 &sequences_);
  vindex_executor.set_plan_cache(&plan_cache_, st.generation);
  vindex_executor.set_side_cursors(cursor.side_cursor(true),
                                   cursor.side_cursor(false));
  ctx.vindex_executor = &vindex_executor;
  ctx.sequences = &sequences_;
  RenamingSink renaming(names, sink);
  absl::StatusOr<Result> r =
      ExecutePlan(s, *plan, vars, ctx,
                  sink != nullptr && !names.empty() ? &renaming : sink);
  if (r.ok()) ApplyColumnNames(names, &r->fields);
  s.set_last_warnings(r.ok() ? r->warnings : 0);
  s.set_warnings(r.ok() ? cursor.TakeWarnings() : std::vector<Warning>{});
  if (!txn.abort_reason().empty()) {
    absl::Status ended = txn.RollbackIfAborted();
    if (r.ok()) return ended;
    if (implicit) return r;
    // The statement's own error, with what happened to the transaction.
    const MysqlErrorInfo e = ToMysqlError(r.status());
    return MysqlError(e.code, e.sqlstate,
                      absl::StrCat(r.status().message(),
                                   " (the transaction was rolled back)"));
  }
  if (implicit) {
    if (!r.ok()) {
      (void)txn.Rollback();
      return r;
    }
    TESSERA_RETURN_IF_ERROR(txn.Commit());
  }
  return r;
}

absl::StatusOr<Result> RouterImpl::ExecutePlan(SessionImpl& s,
                                               const planner::Plan& plan,
                                               const sqltypes::BindVars& vars,
                                               engine::ExecContext& ctx,
                                               ResultSink* sink) {
  if (sink == nullptr) {
    TESSERA_ASSIGN_OR_RETURN(Result r,
                             engine::ExecuteToResult(*plan.root, ctx, vars));
    SetLastInsertId(s, ctx, r.last_insert_id);
    if (plan.kind == planner::PlanKind::kSelect) {
      s.set_found_rows(r.rows.size());
    }
    return r;
  }
  TESSERA_ASSIGN_OR_RETURN(auto stream, plan.root->Open(ctx, vars));
  TESSERA_RETURN_IF_ERROR(sink->OnFields(stream->fields()));
  Row row;
  uint64_t n = 0;
  while (true) {
    TESSERA_ASSIGN_OR_RETURN(bool more, stream->Next(&row));
    if (!more) break;
    ++n;
    TESSERA_RETURN_IF_ERROR(sink->OnRow(std::move(row)));
    row = Row();
  }
  Result r;
  r.fields = stream->fields();
  r.affected_rows = stream->affected_rows();
  r.last_insert_id = stream->last_insert_id();
  r.warnings = stream->warnings();
  SetLastInsertId(s, ctx, r.last_insert_id);
  if (plan.kind == planner::PlanKind::kSelect) s.set_found_rows(n);
  return r;
}

absl::StatusOr<Result> RouterImpl::Execute(tessera::Session& session,
                                           absl::string_view sql,
                                           absl::Span<const BindValue> params) {
  auto& s = static_cast<SessionImpl&>(session);
  std::shared_ptr<const RouterState> st = State();
  if (params.empty() && sql.find('?') == absl::string_view::npos) {
    return Run(s, *st, sql, nullptr);
  }
  TESSERA_ASSIGN_OR_RETURN(std::string text, SubstituteParams(sql, params));
  return Run(s, *st, text, nullptr);
}

absl::StatusOr<Result> RouterImpl::StreamExecute(
    tessera::Session& session, absl::string_view sql,
    absl::Span<const BindValue> params, ResultSink& sink) {
  auto& s = static_cast<SessionImpl&>(session);
  std::shared_ptr<const RouterState> st = State();
  if (params.empty() && sql.find('?') == absl::string_view::npos) {
    return Run(s, *st, sql, &sink);
  }
  TESSERA_ASSIGN_OR_RETURN(std::string text, SubstituteParams(sql, params));
  return Run(s, *st, text, &sink);
}

absl::StatusOr<std::shared_ptr<const planner::Plan>> RouterImpl::CachedPlan(
    tessera::Session& session, absl::string_view sql) {
  TESSERA_ASSIGN_OR_RETURN(sql::ParsedStatement stmt,
                           sql::Parse(sql, RouterParseOptions()));
  return CachedPlan(session, stmt);
}

absl::StatusOr<std::shared_ptr<const planner::Plan>> RouterImpl::CachedPlan(
    tessera::Session& session, sql::ParsedStatement& stmt) {
  auto& s = static_cast<SessionImpl&>(session);
  sqltypes::BindVars vars;
  std::shared_ptr<const RouterState> st = State();
  return GetPlan(s, *st, stmt, &vars);
}

absl::StatusOr<std::string> RouterImpl::ExplainJson(tessera::Session& session,
                                                    absl::string_view sql) {
  TESSERA_ASSIGN_OR_RETURN(auto plan, CachedPlan(session, sql));
  return planner::ExplainJson(*plan->explain);
}

}  // namespace router
}  // namespace tessera
