// RouterImpl::OpenRowCursor: RunPlan's set-up for a SELECT, kept alive in a
// RouterRowCursor so the rows can be pulled later.
#include "lib/router/row_cursor.h"

#include "lib/base/status_macros.h"
#include "lib/planner/session_functions.h"
#include "lib/router/column_names.h"
#include "lib/router/params.h"
#include "lib/router/router_impl.h"

namespace tessera::router {

absl::StatusOr<std::unique_ptr<RouterRowCursor>> RouterImpl::OpenRowCursor(
    tessera::Session& session, absl::string_view sql,
    absl::Span<const BindValue> params,
    std::shared_ptr<mysql::ActiveQueries> active) {
  auto& s = static_cast<SessionImpl&>(session);
  std::string text;
  if (!params.empty() || sql.find('?') != absl::string_view::npos) {
    TESSERA_ASSIGN_OR_RETURN(text, SubstituteParams(sql, params));
    sql = text;
  }
  TESSERA_ASSIGN_OR_RETURN(sql::ParsedStatement stmt, sql::Parse(sql));
  if (stmt.kind() != sql::StmtKind::kSelect) return nullptr;
  auto c = std::make_unique<RouterRowCursor>();
  c->state_ = State();
  if (active == nullptr) {
    active = std::make_shared<mysql::ActiveQueries>();
    active->Begin();
  }
  c->active_ = std::move(active);
  const RouterState& st = *c->state_;
  const std::vector<std::string> names = ClientColumnNames(stmt);
  TESSERA_ASSIGN_OR_RETURN(c->plan_, GetPlan(s, st, stmt, &c->vars_));
  const planner::Plan& plan = *c->plan_;
  if (plan.kind != planner::PlanKind::kSelect) return nullptr;
  if (plan.uses_last_insert_id) {
    c->vars_[planner::kLastInsertIdVar] = sqltypes::BindVariable::Single(
        sqltypes::TypedValue::Uint(s.last_insert_id()));
  }
  Transaction& txn = s.txn();
  engine::BackendCursor* base = st.cursor.get();
  if (s.parsed_target().tablet_type != TabletType::kPrimary) {
    TESSERA_ASSIGN_OR_RETURN(base, ReplicaCursor(s, st, plan));
  }
  if (!txn.active() && !s.autocommit() && base == st.cursor.get()) {
    txn.Begin(s.vars().TransactionStart("start transaction"), st.cursor);
  }
  c->cursor_ = std::make_unique<SessionCursor>(
      base, &txn,
      options_.query_timeout_ms > 0
          ? absl::Milliseconds(options_.query_timeout_ms)
          : absl::ZeroDuration(),
      /*statement_writes=*/false, &s.vars().statement_vars(), c->active_.get());
  engine::ExecContext& ctx = c->ctx_;
  ctx.cursor = c->cursor_.get();
  ctx.limits.max_result_rows = options_.max_result_rows;
  ctx.limits.max_result_bytes = options_.max_result_bytes;
  c->vindex_executor_ = std::make_unique<VindexExecutor>(
      st.vschema.get(), st.cursor.get(), c->cursor_->lookup_cursor(),
      ctx.limits, &sequences_);
  c->vindex_executor_->set_plan_cache(&plan_cache_, st.generation);
  c->vindex_executor_->set_side_cursors(c->cursor_->side_cursor(true),
                                        c->cursor_->side_cursor(false));
  ctx.vindex_executor = c->vindex_executor_.get();
  ctx.sequences = &sequences_;
  TESSERA_ASSIGN_OR_RETURN(c->stream_, plan.root->Open(ctx, c->vars_));
  c->fields_ = c->stream_->fields();
  ApplyColumnNames(names, &c->fields_);
  return c;
}

}  // namespace tessera::router
