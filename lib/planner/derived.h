// Queries over one derived table: FROM (SELECT ...) AS t.
//  - When the derived query "distributes" (its rows on each shard, put
//    together, are its rows on one server: co-located tables, and any
//    GROUP BY or DISTINCT keyed by a primary vindex column, no LIMIT), the
//    whole query is sent to the shards with the derived table inline and
//    the router merges as for any multi-shard block.
//  - Otherwise the derived query is planned on its own and the router
//    projects, filters, sorts and limits its rows for a simple outer query
//    (columns of the derived table, comparisons, ORDER BY, LIMIT).
#ifndef TESSERA_LIB_PLANNER_DERIVED_H_
#define TESSERA_LIB_PLANNER_DERIVED_H_

#include "absl/status/statusor.h"
#include "lib/planner/context.h"
#include "lib/planner/scatter_select.h"
#include "lib/sql/ast.h"

namespace tessera::planner {

// The derived table `sel`'s FROM consists of, or null.
const sql::DerivedTable* SoleDerivedTable(const sql::Select& sel);

// Whether derived query `q` distributes (see above) over one sharded
// keyspace.
bool Distributes(const sql::QueryExpr* q, const PlannerContext& ctx,
                 PlanScratch& scratch);

// The router side of a simple outer query over derived table `d`, whose
// own plan is `inner`. Errors (1235) for outer queries beyond that.
absl::StatusOr<PlanPart> ProjectDerived(const sql::Select& outer,
                                        const sql::DerivedTable& d,
                                        PlanPart inner, absl::string_view text);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_DERIVED_H_
