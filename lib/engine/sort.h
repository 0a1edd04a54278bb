// Sort: orders rows in memory (ORDER BY on values only the router has,
// such as merged aggregates or join output), within
// ExecContext::limits. Stable: equal rows keep their input order.
#ifndef TESSERA_LIB_ENGINE_SORT_H_
#define TESSERA_LIB_ENGINE_SORT_H_

#include <string>
#include <vector>

#include "lib/engine/operator.h"
#include "lib/engine/order.h"

namespace tessera::engine {

class Sort : public Operator {
 public:
  Sort(OperatorPtr input, std::vector<OrderKey> keys)
      : input_(std::move(input)), keys_(std::move(keys)) {}

  // Errors: 1041 HY000 past the memory limits; 1105 for a bad key.
  absl::StatusOr<std::unique_ptr<RowStream>> Open(
      ExecContext& ctx, const BindVars& bind_vars) const override;
  std::string Describe() const override {
    return "Sort " + DescribeKeys(keys_);
  }
  std::vector<const Operator*> inputs() const override {
    return {input_.get()};
  }

 private:
  OperatorPtr input_;
  std::vector<OrderKey> keys_;
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_SORT_H_
