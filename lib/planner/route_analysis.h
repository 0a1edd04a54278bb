// Deciding where a query block runs: one keyspace, and which of its shards.
#ifndef TESSERA_LIB_PLANNER_ROUTE_ANALYSIS_H_
#define TESSERA_LIB_PLANNER_ROUTE_ANALYSIS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/engine/route.h"
#include "lib/planner/context.h"
#include "lib/planner/predicates.h"
#include "lib/planner/tables.h"
#include "lib/sql/ast.h"

namespace tessera::planner {

struct BlockRoute {
  engine::RouteVariant variant = engine::RouteVariant::kScatter;
  std::string keyspace;
  engine::Destination destination;  // kByDestination
  RouteChoice choice;               // kEqualUnique, kIn
  bool system = false;              // information_schema & co (DBA)
  // Whether the whole block runs on at most one shard, so it can be sent
  // unchanged.
  bool single_shard = false;
};

// Routes a SELECT block (or the WHERE/FROM of an UPDATE/DELETE, given as
// `from`, `where` and `nested` tables). Errors: unsupported cross-keyspace
// or cross-shard combinations, unknown tables.
absl::StatusOr<BlockRoute> RouteBlock(
    const FromInfo& from, const sql::Expr* where,
    const std::vector<const sql::TableFactor*>& nested,
    const PlannerContext& ctx, PlanScratch& scratch);

// The engine route for `r` (variant, keyspace, destination, and the vindex
// mapper and value variable for EqualUnique/IN); the caller sets the query.
engine::RouteSpec RouteSpecFor(const BlockRoute& r);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_ROUTE_ANALYSIS_H_
