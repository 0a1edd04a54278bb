// The tables of a query block's FROM as a left-deep join sequence, split
// into route groups: tables that one shard query can join (same keyspace,
// and co-located: unsharded keyspace, reference tables, or sharded tables
// equal on their primary vindex columns). Groups that are not the same
// route are joined by the router (join_planner.h).
#ifndef TESSERA_LIB_PLANNER_JOIN_LAYOUT_H_
#define TESSERA_LIB_PLANNER_JOIN_LAYOUT_H_

#include <vector>

#include "absl/status/statusor.h"
#include "lib/planner/context.h"
#include "lib/planner/tables.h"
#include "lib/sql/ast.h"

namespace tessera::planner {

struct JoinGroup {
  std::vector<int> tables;  // in FROM order
  // Created by the right side of a LEFT JOIN: the router left-joins the
  // whole group, so nothing else merges into it.
  bool left = false;
  bool has_sharded = false;
};

struct JoinLayout {
  FromInfo from;                       // tables in FROM order
  std::vector<const sql::Expr*> on;    // per table: its ON (or null)
  std::vector<bool> left;              // per table: right side of LEFT JOIN
  std::vector<int> group_of;           // per table
  std::vector<JoinGroup> groups;       // in execution order
  // WHERE and inner-join ON conjuncts (filters over the whole join).
  std::vector<const sql::Expr*> conjuncts;
};

// Lays out `sel`'s FROM. Errors (1235) for shapes the router does not join
// across shards: USING/NATURAL joins, derived tables, a LEFT JOIN whose
// right side is not one table, system tables; and the usual name errors.
absl::StatusOr<JoinLayout> LayoutJoins(const sql::Select& sel,
                                       const PlannerContext& ctx,
                                       PlanScratch& scratch);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_JOIN_LAYOUT_H_
