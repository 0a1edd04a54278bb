// The multi-shard part of SELECT planning: rewriting a query block into what
// each shard runs and the router operators that merge the shards' rows.
#ifndef TESSERA_LIB_PLANNER_SCATTER_SELECT_H_
#define TESSERA_LIB_PLANNER_SCATTER_SELECT_H_

#include <memory>

#include "absl/status/statusor.h"
#include "lib/engine/route.h"
#include "lib/planner/plan.h"
#include "lib/sql/ast.h"

namespace tessera::planner {

// An operator with its explain node.
struct PlanPart {
  engine::OperatorPtr op;
  std::shared_ptr<ExplainNode> explain;
};

// Builds the router side for a multi-shard block. `route` has variant,
// keyspace, destination and vindex set; its query is filled in here from
// the rewritten `sel`. `text` is the statement text the AST points into.
absl::StatusOr<PlanPart> PlanScatterBlock(sql::Select& sel,
                                          engine::RouteSpec route,
                                          sql::Arena& arena,
                                          absl::string_view text);

// `op` on top of `in`, with an explain node named `name`.
PlanPart Wrap(PlanPart in, engine::OperatorPtr op, std::string name,
              std::string detail);
// An explain node with one input (or none).
std::shared_ptr<ExplainNode> ExplainOf(std::string op, std::string detail,
                                       std::shared_ptr<ExplainNode> input);
// LIMIT at the router over `in` (whose shards may have been asked for
// count+offset rows through :__upper_limit).
absl::StatusOr<PlanPart> AddLimit(PlanPart in, const sql::Limit* limit);

// A Route operator for a SELECT block that runs unchanged (value-routed
// variants get the query itself as field query).
PlanPart RouteOperator(engine::RouteSpec spec);
// The explain node of a route (also for DML, which wraps the route).
std::shared_ptr<ExplainNode> RouteExplain(const engine::RouteSpec& spec);

// For a route whose shards depend on vindex values (EqualUnique, Equal,
// IN): `sel` with WHERE 1 != 1 as the field query, so that a value mapping
// to no shard (e.g. absent from a lookup table) still returns the columns.
void SetFieldQuery(engine::RouteSpec* spec, sql::Select& sel, sql::Arena& arena,
                   absl::string_view text);

// Canonical SQL of a query expression (as a whole SELECT statement).
std::string FormatQuery(sql::QueryExpr* q, sql::Arena& arena,
                        absl::string_view text);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_SCATTER_SELECT_H_
