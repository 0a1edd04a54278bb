// Correlated subqueries that merge into their outer query's route: every
// row a subquery reads for one outer row lives on that outer row's shard
// when the subquery's sharded tables are equal, on their primary vindex
// columns, to a sharded table of the outer query (the subquery's own
// tables being co-located among themselves). Such a subquery is sent to
// the shards inside the outer query; any other correlated subquery over
// sharded tables is refused.
#ifndef TESSERA_LIB_PLANNER_CORRELATED_H_
#define TESSERA_LIB_PLANNER_CORRELATED_H_

#include <vector>

#include "absl/status/statusor.h"
#include "lib/planner/context.h"
#include "lib/planner/tables.h"
#include "lib/sql/ast.h"

namespace tessera::planner {

// Whether `q` runs correctly inside each shard's copy of a query block
// whose FROM is `outer` (a sharded keyspace's tables on one route).
bool MergesWithOuter(const sql::QueryExpr* q, const FromInfo& outer,
                     const PlannerContext& ctx, PlanScratch& scratch);

// The tables of `sel`'s derived tables and subqueries, except those of
// subqueries that merge with `from` (what RouteBlock checks as nested).
void CollectUnmergedNested(const sql::Select& sel, const FromInfo& from,
                           const PlannerContext& ctx, PlanScratch& scratch,
                           std::vector<const sql::TableFactor*>* out);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_CORRELATED_H_
