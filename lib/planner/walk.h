// Walking expressions and queries of the AST.
#ifndef TESSERA_LIB_PLANNER_WALK_H_
#define TESSERA_LIB_PLANNER_WALK_H_

#include <vector>

#include "absl/functional/function_ref.h"
#include "lib/sql/ast.h"

namespace tessera::planner {

// Calls `fn` on `e` and every expression below it, not entering subqueries
// (whose QueryExpr goes to `on_query` when given).
void VisitExpr(const sql::Expr* e, absl::FunctionRef<void(const sql::Expr*)> fn,
               absl::FunctionRef<void(const sql::QueryExpr*)> on_query);

// Whether an aggregate function (COUNT, SUM, ...) occurs in `e` outside
// subqueries.
bool ContainsAggregate(const sql::Expr* e);
bool IsAggregate(const sql::FuncCall& f);
// Whether `e` holds a window function (OVER) or a subquery.
bool ContainsWindow(const sql::Expr* e);
bool ContainsSubquery(const sql::Expr* e);

// Every table named anywhere in `q` (FROM clauses, derived tables and
// subqueries at any depth), skipping references to the CTEs `q` defines.
void CollectTables(const sql::QueryExpr* q,
                   std::vector<const sql::TableFactor*>* out);
// Every table named in subqueries and derived tables of a query block (not
// the block's own FROM tables).
void CollectNestedTables(const sql::Select& sel,
                         std::vector<const sql::TableFactor*>* out);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_WALK_H_
