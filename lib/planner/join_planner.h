// Joins the router performs: a query block whose tables fall into several
// route groups (join_layout.h) becomes one Route per group, chained by
// nested-loop Join operators. Each group's query selects what later steps
// need; columns of earlier groups become bind variables (:__j<g>_<i>) in
// later groups' queries, so a join on a vindex column routes each lookup
// to one shard. LEFT JOIN groups are null-extended by the Join operator;
// WHERE conditions over them that no later inner group can evaluate run at
// the router as a Filter over values the shards computed (exact only when
// a NULL-extended row makes them NULL, else refused). ORDER BY, DISTINCT,
// LIMIT, GROUP BY and aggregates run at the router over the joined rows.
#ifndef TESSERA_LIB_PLANNER_JOIN_PLANNER_H_
#define TESSERA_LIB_PLANNER_JOIN_PLANNER_H_

#include "absl/status/statusor.h"
#include "lib/planner/context.h"
#include "lib/planner/join_layout.h"
#include "lib/planner/scatter_select.h"
#include "lib/sql/ast.h"

namespace tessera::planner {

// Plans `sel` (rewriting its expressions) over `layout`, which has more
// than one group. Errors (1235) for what cannot be answered exactly.
absl::StatusOr<PlanPart> PlanJoin(sql::Select& sel, JoinLayout& layout,
                                  const PlannerContext& ctx,
                                  PlanScratch& scratch, sql::Arena& arena,
                                  absl::string_view text);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_JOIN_PLANNER_H_
