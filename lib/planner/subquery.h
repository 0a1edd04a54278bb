// Pulling uncorrelated subqueries out of a query block: each becomes its
// own plan, run once before the block, whose result is bound to variables
// the block's rewritten SQL reads (engine/pullout.h).
//
// A subquery is correlated when it qualifies a column with a table name or
// alias it does not define itself. Unqualified columns are taken to belong
// to the subquery's own tables (as MariaDB binds them when those tables
// have such a column); if they do not, the shard reports the unknown
// column, so a guess never yields a wrong answer.
#ifndef TESSERA_LIB_PLANNER_SUBQUERY_H_
#define TESSERA_LIB_PLANNER_SUBQUERY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/engine/pullout.h"
#include "lib/sql/ast.h"

namespace tessera::planner {

struct PulledSubquery {
  sql::QueryExpr* query = nullptr;
  engine::PulloutKind kind = engine::PulloutKind::kValue;
  std::string var;
  std::string has_values_var;  // kIn
};

// Whether `q` names a table it does not define (an outer query's).
bool IsCorrelated(const sql::QueryExpr* q);

// Whether `sel` has a subquery in its select list, WHERE, HAVING or ON
// conditions.
bool HasSubqueryExpr(const sql::Select& sel);

// Replaces every uncorrelated scalar, IN and EXISTS subquery of `sel`'s
// select list, WHERE, HAVING and ON conditions by bind variables named
// __sq<n> (n counting from *counter). Errors (1235): ANY/ALL subqueries,
// LIMIT in an IN subquery (as MariaDB), a tuple IN subquery.
absl::StatusOr<std::vector<PulledSubquery>> PullOutSubqueries(
    sql::Select& sel, sql::Arena& arena, absl::string_view text, int* counter);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_SUBQUERY_H_
