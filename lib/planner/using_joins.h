// JOIN ... USING across shards: the router joins tables through explicit
// conditions, so `a JOIN b USING (c)` becomes `a JOIN b ON a.c = b.c` and
// every unqualified reference to c in the query block names the table
// whose value USING yields (the left one, or the right one of a RIGHT
// JOIN; for inner joins both are equal).
#ifndef TESSERA_LIB_PLANNER_USING_JOINS_H_
#define TESSERA_LIB_PLANNER_USING_JOINS_H_

#include "lib/sql/ast.h"

namespace tessera::planner {

// Rewrites `sel` as above when every USING join of its FROM joins two
// single tables and the select list has no `*` (whose columns USING would
// merge). Returns whether it rewrote anything; on false `sel` is unchanged.
bool RewriteUsingJoins(sql::Select& sel, sql::Arena& arena);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_USING_JOINS_H_
