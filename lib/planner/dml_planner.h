// Planning INSERT, UPDATE and DELETE.
//
// INSERT ... VALUES on a sharded table: every row's primary vindex value
// picks its shard; rows for one shard travel in one statement. UPDATE and
// DELETE route like a SELECT on their WHERE clause (EqualUnique, IN, or all
// shards); changing a primary vindex column, ORDER BY/LIMIT on several
// shards, multi-table forms across shards, and auto_increment through
// sequences are refused for now with ER_NOT_SUPPORTED_YET.
#ifndef TESSERA_LIB_PLANNER_DML_PLANNER_H_
#define TESSERA_LIB_PLANNER_DML_PLANNER_H_

#include "absl/status/statusor.h"
#include "lib/planner/context.h"
#include "lib/planner/plan.h"
#include "lib/sql/parser.h"

namespace tessera::planner {

absl::StatusOr<Plan> PlanInsert(sql::ParsedStatement& stmt,
                                const PlannerContext& ctx);
absl::StatusOr<Plan> PlanUpdateDelete(sql::ParsedStatement& stmt,
                                      const PlannerContext& ctx);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_DML_PLANNER_H_
