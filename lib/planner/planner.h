// The planner's entry point: a normalized statement + VSchema + target → Plan.
#ifndef TESSERA_LIB_PLANNER_PLANNER_H_
#define TESSERA_LIB_PLANNER_PLANNER_H_

#include "absl/status/statusor.h"
#include "lib/planner/context.h"
#include "lib/planner/plan.h"
#include "lib/sql/parser.h"

namespace tessera::planner {

// Plans SELECT statements (DML and DDL are planned by the router's statement
// executors as they land). `stmt` must be normalized (lib/sql/normalize.h);
// the planner may rewrite its AST. Errors: MySQL errors for unknown
// databases/tables, ER_NOT_SUPPORTED_YET (1235) for queries Tessera cannot
// answer exactly across shards.
absl::StatusOr<Plan> PlanStatement(sql::ParsedStatement& stmt,
                                   const PlannerContext& ctx);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_PLANNER_H_
