// Planning INSERT, UPDATE and DELETE.
//
// INSERT ... VALUES on a sharded table: every row's primary vindex value
// picks its shard; rows for one shard travel in one statement; NULL or
// missing auto_increment columns get sequence ids; owned lookup vindex rows
// are created first. INSERT ... SELECT runs the SELECT through the router
// and inserts its rows (sent unchanged when every table it reads lives on
// the target's one shard). Reference tables are written on every shard.
// UPDATE and DELETE route like a SELECT on their WHERE clause; on tables
// owning lookup vindexes they first read the affected rows to remove or
// move their lookup rows. Changing a primary vindex column, ON DUPLICATE
// KEY UPDATE of a vindex column, ORDER BY/LIMIT on several shards and
// multi-table forms across shards are refused with ER_NOT_SUPPORTED_YET
// (insert_planner.cc holds PlanInsert).
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
