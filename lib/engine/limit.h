// Limit: LIMIT count OFFSET offset across shards. Each shard is asked for
// count + offset rows (the input's query uses the bind variable named
// `upper_limit_var`, which Open sets); the router skips `offset` rows of
// the merged stream and stops after `count`.
#ifndef TESSERA_LIB_ENGINE_LIMIT_H_
#define TESSERA_LIB_ENGINE_LIMIT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "lib/engine/operator.h"

namespace tessera::engine {

struct LimitSpec {
  OperatorPtr input;
  // Either a constant or a bind variable holding a non-negative integer.
  std::optional<uint64_t> count;
  std::string count_var;
  std::optional<uint64_t> offset;  // none = 0
  std::string offset_var;
  std::string upper_limit_var = "__upper_limit";
};

class Limit : public Operator {
 public:
  explicit Limit(LimitSpec spec) : spec_(std::move(spec)) {}

  // Errors: a count/offset variable missing or not a non-negative
  // integer (1210 HY000).
  absl::StatusOr<std::unique_ptr<RowStream>> Open(
      ExecContext& ctx, const BindVars& bind_vars) const override;
  std::string Describe() const override;
  std::vector<const Operator*> inputs() const override {
    return {spec_.input.get()};
  }

 private:
  LimitSpec spec_;
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_LIMIT_H_
