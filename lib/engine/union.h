// Union: the rows of several inputs one after another (UNION ALL), or
// without duplicates (UNION, through Distinct). Fields come from the first
// input, as in MySQL.
#ifndef TESSERA_LIB_ENGINE_UNION_H_
#define TESSERA_LIB_ENGINE_UNION_H_

#include <string>
#include <vector>

#include "lib/engine/operator.h"

namespace tessera::engine {

class Union : public Operator {
 public:
  Union(std::vector<OperatorPtr> inputs, bool distinct)
      : inputs_(std::move(inputs)), distinct_(distinct) {}

  // Errors: inputs with different column counts (1222 21000).
  absl::StatusOr<std::unique_ptr<RowStream>> Open(
      ExecContext& ctx, const BindVars& bind_vars) const override;
  std::string Describe() const override {
    return distinct_ ? "Union distinct" : "Union all";
  }
  std::vector<const Operator*> inputs() const override;

 private:
  std::vector<OperatorPtr> inputs_;
  bool distinct_;
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_UNION_H_
