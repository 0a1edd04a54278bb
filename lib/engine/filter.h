// Filter: keeps the rows for which a predicate is true (HAVING evaluated
// at the router after a cross-shard aggregate; NULL and false drop the row).
#ifndef TESSERA_LIB_ENGINE_FILTER_H_
#define TESSERA_LIB_ENGINE_FILTER_H_

#include <string>

#include "lib/engine/expr.h"
#include "lib/engine/operator.h"

namespace tessera::engine {

class Filter : public Operator {
 public:
  Filter(OperatorPtr input, ExprPtr predicate)
      : input_(std::move(input)), predicate_(std::move(predicate)) {}

  absl::StatusOr<std::unique_ptr<RowStream>> Open(
      ExecContext& ctx, const BindVars& bind_vars) const override;
  std::string Describe() const override {
    return "Filter " + predicate_->ToString();
  }
  std::vector<const Operator*> inputs() const override {
    return {input_.get()};
  }

 private:
  OperatorPtr input_;
  ExprPtr predicate_;
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_FILTER_H_
