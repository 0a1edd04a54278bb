// Routing rules (the VSchema's `routing_rules`, Vitess's format; from a
// topology, its RoutingRules): a query naming `t` or `ks.t` reads the
// rule's target `ks2.t2` instead. The planner resolves tables through
// them (VSchema::FindTable); this rewrites the statement's table names to
// the targets too, so the shards of ks2 get a query naming ks2.t2 (with
// the original name as alias, so that `t.col` still means the table).
#ifndef TESSERA_LIB_PLANNER_ROUTING_RULES_H_
#define TESSERA_LIB_PLANNER_ROUTING_RULES_H_

#include "lib/planner/context.h"
#include "lib/sql/parser.h"

namespace tessera::planner {

// Rewrites every table of `stmt` (FROM clauses, joins, subqueries, derived
// tables, the target of INSERT/UPDATE/DELETE) that a routing rule names.
void ApplyRoutingRules(sql::ParsedStatement& stmt, const PlannerContext& ctx);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_ROUTING_RULES_H_
