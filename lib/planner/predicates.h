// Finding vindex predicates: which shards a query block must visit, and
// which tables a join keeps on the same shard.
#ifndef TESSERA_LIB_PLANNER_PREDICATES_H_
#define TESSERA_LIB_PLANNER_PREDICATES_H_

#include <string>
#include <vector>

#include "lib/engine/route.h"
#include "lib/planner/tables.h"
#include "lib/sql/ast.h"

namespace tessera::planner {

// Appends the conjuncts of an AND tree (`e` itself when it is no AND).
void SplitAnd(const sql::Expr* e, std::vector<const sql::Expr*>* out);

// The routing a block's filters allow.
struct RouteChoice {
  engine::RouteVariant variant = engine::RouteVariant::kScatter;
  int table = -1;  // the binding whose vindex routes
  const vindex::Vindex* vindex = nullptr;
  std::string value_var;  // bind variable (list for kIn)
};

// Whether tables `a` and `b` (both sharded) are co-located by `cond`: an
// equality between their primary vindex columns over the same vindex.
bool JoinsOnVindex(const sql::Expr* cond, const FromInfo& from, int a, int b);

// A vindex that can route queries on `table`: the primary vindex when it is
// functional and unique, and every single-column lookup vindex that is not
// write_only.
struct RouteCandidate {
  const vindex::Vindex* vindex = nullptr;
  std::string column;
};
std::vector<RouteCandidate> RoutingVindexes(const vschema::Table& table);

// The cheapest routing the `conjuncts` allow for sharded table `t` over its
// RoutingVindexes: `col = :v` → EqualUnique (Equal for a non-unique
// lookup), `col IN ::list` → IN, `col = NULL` → None; otherwise Scatter.
// Ties go to the cheaper vindex (hash before a lookup).
RouteChoice ChooseRoute(const std::vector<const sql::Expr*>& conjuncts,
                        const FromInfo& from, int t);

// The primary vindex column of a sharded table ("" if none).
std::string PrimaryVindexColumn(const vschema::Table& table);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_PREDICATES_H_
