#include "lib/planner/planner.h"

#include "lib/planner/dml_planner.h"
#include "lib/planner/routing_rules.h"
#include "lib/planner/select_planner.h"
#include "lib/planner/session_functions.h"

namespace tessera::planner {
namespace {

absl::StatusOr<Plan> PlanByKind(sql::ParsedStatement& stmt,
                                const PlannerContext& ctx) {
  switch (stmt.kind()) {
    case sql::StmtKind::kSelect:
      return PlanSelect(stmt, ctx);
    case sql::StmtKind::kInsert:
      return PlanInsert(stmt, ctx);
    case sql::StmtKind::kUpdate:
    case sql::StmtKind::kDelete:
      return PlanUpdateDelete(stmt, ctx);
    default:
      return Unsupported("this statement type in the planner yet");
  }
}

}  // namespace

absl::StatusOr<Plan> PlanStatement(sql::ParsedStatement& stmt,
                                   const PlannerContext& ctx) {
  if (ctx.vschema == nullptr) {
    return absl::FailedPreconditionError("planner: no vschema");
  }
  ApplyRoutingRules(stmt, ctx);
  if (RewriteLastInsertId(stmt)) {
    absl::StatusOr<Plan> plan = PlanByKind(stmt, ctx);
    if (plan.ok()) plan->uses_last_insert_id = true;
    return plan;
  }
  return PlanByKind(stmt, ctx);
}

}  // namespace tessera::planner
