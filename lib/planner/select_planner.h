// Planning SELECT statements.
//
// A query block whose tables all live on one shard set is sent as one Route
// (Unsharded, EqualUnique, IN, Scatter, Reference, ByDestination, None, DBA
// for system schemas). When a route spans several shards, the router does
// what the shards cannot: merge-sort by ORDER BY (with WEIGHT_STRING columns
// so text sorts in its collation), LIMIT/OFFSET (shards return limit+offset
// rows), and GROUP BY/aggregates (shards send partial aggregates ordered by
// the group keys; the router folds them). Anything it cannot answer exactly
// is refused with ER_NOT_SUPPORTED_YET.
#ifndef TESSERA_LIB_PLANNER_SELECT_PLANNER_H_
#define TESSERA_LIB_PLANNER_SELECT_PLANNER_H_

#include "absl/status/statusor.h"
#include "lib/planner/context.h"
#include "lib/planner/plan.h"
#include "lib/sql/parser.h"

namespace tessera::planner {

// `stmt` must be a normalized SELECT (literals replaced by :v params); the
// planner may rewrite its AST.
absl::StatusOr<Plan> PlanSelect(sql::ParsedStatement& stmt,
                                const PlannerContext& ctx);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_SELECT_PLANNER_H_
