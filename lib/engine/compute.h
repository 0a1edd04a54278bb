// Compute: replaces columns of each row with expressions over the row,
// evaluated at the router. The planner uses it for select items that do
// arithmetic over aggregates across shards (`MAX(x) - MIN(x)`,
// `COUNT(*) * 2`): the shards compute the item over their own part only,
// which gives the column MariaDB's exact type, and the router overwrites
// the value with the expression over the folded aggregates.
//
// Exact or refused: a computed column must have an integer or DECIMAL
// type (else 1235 at Open), each value must come out as an exact number
// (integer or decimal arithmetic; a float or text operand is 1235), fit the
// column (BIGINT range, 1690 22003 as on one server) and need no more
// fraction digits than the column has (else 1235).
#ifndef TESSERA_LIB_ENGINE_COMPUTE_H_
#define TESSERA_LIB_ENGINE_COMPUTE_H_

#include <string>
#include <vector>

#include "lib/engine/expr.h"
#include "lib/engine/operator.h"

namespace tessera::engine {

struct ComputedColumn {
  int column;  // may count from the end (-1 = last)
  ExprPtr expr;
  std::string text;  // the item's SQL, for error messages
};

class Compute : public Operator {
 public:
  Compute(OperatorPtr input, std::vector<ComputedColumn> columns)
      : input_(std::move(input)), columns_(std::move(columns)) {}

  absl::StatusOr<std::unique_ptr<RowStream>> Open(
      ExecContext& ctx, const BindVars& bind_vars) const override;
  std::string Describe() const override;
  std::vector<const Operator*> inputs() const override {
    return {input_.get()};
  }

 private:
  OperatorPtr input_;
  std::vector<ComputedColumn> columns_;
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_COMPUTE_H_
