#include "lib/planner/planner.h"

#include "lib/planner/dml_planner.h"
#include "lib/planner/select_planner.h"

namespace tessera::planner {

absl::StatusOr<Plan> PlanStatement(sql::ParsedStatement& stmt,
                                   const PlannerContext& ctx) {
  if (ctx.vschema == nullptr) {
    return absl::FailedPreconditionError("planner: no vschema");
  }
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

}  // namespace tessera::planner
