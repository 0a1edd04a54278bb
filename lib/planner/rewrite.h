// Rewriting expressions in place and finding the tables they reference.
#ifndef TESSERA_LIB_PLANNER_REWRITE_H_
#define TESSERA_LIB_PLANNER_REWRITE_H_

#include <set>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "lib/planner/tables.h"
#include "lib/sql/ast.h"

namespace tessera::planner {

// Calls `fn` on *slot and, when it returns null, on every child expression
// slot below it (not entering subqueries); a non-null result replaces the
// expression in its slot and is not visited further.
void ReplaceExprs(sql::Expr** slot,
                  absl::FunctionRef<sql::Expr*(sql::Expr*)> fn);

// Adds to `out` the indexes of the `from` tables that `e` references.
// Errors (1235): a column no table can be told to own (unqualified in a
// multi-table query without authoritative column lists), or a subquery.
absl::Status TablesOf(const sql::Expr* e, const FromInfo& from,
                      std::set<int>* out);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_REWRITE_H_
