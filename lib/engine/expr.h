// Small expressions evaluated at the router: HAVING filters and join
// predicates the shards cannot evaluate. Three-valued logic as in SQL:
// comparisons with NULL are NULL, AND/OR follow Kleene logic.
//
// Thread safety: immutable after construction; Eval is const.
#ifndef TESSERA_LIB_ENGINE_EXPR_H_
#define TESSERA_LIB_ENGINE_EXPR_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/sqltypes/bind_vars.h"
#include "lib/sqltypes/value.h"
#include "tessera/result.h"

namespace tessera::engine {

class Expr;
using ExprPtr = std::shared_ptr<const Expr>;

class Expr {
 public:
  virtual ~Expr() = default;
  // Evaluates on one row of a stream with `fields`. Errors (1105): a
  // column out of range, a missing bind variable.
  virtual absl::StatusOr<sqltypes::TypedValue> Eval(
      const Row& row, const std::vector<Field>& fields,
      const sqltypes::BindVars& vars) const = 0;
  virtual std::string ToString() const = 0;
};

enum class CompareOp { kEq, kNe, kLt, kLe, kGt, kGe, kNullSafeEq };
enum class LogicOp { kAnd, kOr };
enum class ArithOp { kAdd, kSub, kMul };

ExprPtr ColumnExpr(int index);
ExprPtr LiteralExpr(sqltypes::TypedValue value);
ExprPtr BindVarExpr(std::string name);
ExprPtr CompareExpr(CompareOp op, ExprPtr left, ExprPtr right);
ExprPtr LogicExpr(LogicOp op, ExprPtr left, ExprPtr right);
ExprPtr NotExpr(ExprPtr operand);
ExprPtr IsNullExpr(ExprPtr operand, bool negated);
// Exact for integers and decimals (result DECIMAL), double with floats.
ExprPtr ArithExpr(ArithOp op, ExprPtr left, ExprPtr right);
// The first non-NULL argument (COALESCE, IFNULL), NULL when all are.
ExprPtr CoalesceExpr(std::vector<ExprPtr> args);

// SQL truth: NULL -> nullopt, zero -> false, any other number -> true;
// strings are read as numbers (MySQL semantics).
std::optional<bool> Truth(const sqltypes::TypedValue& v);

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_EXPR_H_
