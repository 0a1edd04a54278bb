// HashJoin: equi-join that reads the right (build) side once into a hash
// table keyed on its join columns, then streams the left (probe) side.
// For joins whose right side is too large to re-query per left row.
// NULL keys never match; a LEFT JOIN emits unmatched left rows with NULLs.
// Keys compare as MySQL does (numbers by value, text in its collation).
// The build side is held in memory within ExecContext::limits.
#ifndef TESSERA_LIB_ENGINE_HASH_JOIN_H_
#define TESSERA_LIB_ENGINE_HASH_JOIN_H_

#include <string>
#include <vector>

#include "lib/engine/join.h"
#include "lib/engine/operator.h"

namespace tessera::engine {

struct HashJoinSpec {
  OperatorPtr left;   // probe side
  OperatorPtr right;  // build side
  bool left_join = false;
  std::vector<int> left_keys;
  std::vector<int> right_keys;  // same count as left_keys
  std::vector<JoinColumn> columns;
  // Optional, one per key (kNoColumn for none): columns holding
  // WEIGHT_STRING(RTRIM(key)) from the shards; text keys are then hashed
  // by weight, exact in any PAD SPACE collation.
  std::vector<int> left_weights;
  std::vector<int> right_weights;
  // Optional: the same join as a nested loop. When set, the hash join runs
  // only when it can match exactly as MariaDB compares the keys: both sides
  // numbers (integer/decimal, or both floating point), both the same
  // temporal family, both binary, or both text of the same PAD SPACE
  // collation with weight columns. Otherwise (e.g. text = number, which
  // MariaDB compares as doubles, or two collations), and when the build
  // side exceeds the memory limits, `fallback` runs instead.
  OperatorPtr fallback;
};

class HashJoin : public Operator {
 public:
  explicit HashJoin(HashJoinSpec spec) : spec_(std::move(spec)) {}

  // Errors: 1041 HY000 when the build side exceeds the memory limits (and
  // there is no fallback); 1105 on bad columns.
  absl::StatusOr<std::unique_ptr<RowStream>> Open(
      ExecContext& ctx, const BindVars& bind_vars) const override;
  std::string Describe() const override;
  std::vector<const Operator*> inputs() const override {
    return {spec_.left.get(), spec_.right.get()};
  }

 private:
  HashJoinSpec spec_;
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_HASH_JOIN_H_
