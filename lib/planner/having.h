// HAVING after a cross-shard aggregate, translated into a router-side
// predicate over the aggregated rows.
#ifndef TESSERA_LIB_PLANNER_HAVING_H_
#define TESSERA_LIB_PLANNER_HAVING_H_

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "lib/engine/expr.h"
#include "lib/sql/ast.h"

namespace tessera::planner {

// IFNULL(a, b) or COALESCE(a, ...): translated as the first non-NULL one.
bool IsCoalesce(const sql::FuncCall& f);

// `column_of` maps an aggregate call, alias or grouped column to the index
// of the aggregated row's column holding it (or an error).
absl::StatusOr<engine::ExprPtr> TranslateHaving(
    const sql::Expr* e,
    absl::FunctionRef<absl::StatusOr<int>(const sql::Expr*)> column_of);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_HAVING_H_
