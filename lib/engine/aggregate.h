// Aggregate: GROUP BY over a stream ordered by the group keys (the shards
// grouped and ordered their part; MergeSort merged them), folding the
// partial aggregates of each group into one row. Streaming: holds one
// group at a time. With no group keys it is a scalar aggregate and always
// returns exactly one row (COUNT 0, other aggregates NULL on no input).
//
// Output rows have the input's columns; aggregate columns hold the merged
// value and get MySQL's result type. Other columns keep the group's first
// row (their values are equal within a group or, as in MySQL, arbitrary).
//
// Opcodes and what the shard sends in the column:
//   kCount          COUNT(x) or COUNT(*) per shard -> summed, BIGINT
//   kSum            SUM(x) per shard -> summed exactly (DOUBLE for floats)
//   kMin, kMax      MIN/MAX per shard -> min/max in the column's collation,
//                   or by `weight_column` (WEIGHT_STRING of the partial)
//   kAvg            SUM(x) per shard here, COUNT(x) in `count_column`
//                   -> SUM/COUNT at MySQL's scale (+4)
//   kCountDistinct  the distinct value itself; the input must be grouped
//                   and ordered by (group keys, value) -> number of
//                   distinct non-NULL values
//   kSumDistinct    as kCountDistinct, summing the distinct values
//   kGroupConcat    GROUP_CONCAT per shard -> joined with `separator`
//                   (order across shards is the merge order)
//   kBitAnd, kBitOr, kBitXor
//                   BIT_AND/BIT_OR/BIT_XOR per shard (BIGINT UNSIGNED,
//                   never NULL) -> folded with &, |, ^ (exact: the
//                   operations are associative and commutative); the
//                   shard's column type is already the result's
// Over raw rows (e.g. a join's output sorted at the router), instead of
// shard partials:
//   kCountRows      COUNT(*): rows in the group, BIGINT
//   kCountValues    COUNT(x): non-NULL values of the column, BIGINT
//   kAvgValues      AVG(x) of the values (no count column)
// kSum, kMin, kMax and the DISTINCT forms work on raw values as they are.
#ifndef TESSERA_LIB_ENGINE_AGGREGATE_H_
#define TESSERA_LIB_ENGINE_AGGREGATE_H_

#include <string>
#include <vector>

#include "lib/engine/operator.h"
#include "lib/engine/order.h"

namespace tessera::engine {

enum class AggregateOp {
  kCount,
  kSum,
  kMin,
  kMax,
  kAvg,
  kCountDistinct,
  kSumDistinct,
  kGroupConcat,
  kCountRows,
  kCountValues,
  kAvgValues,
  kBitAnd,
  kBitOr,
  kBitXor,
};

// Columns may count from the end (-1 = last), as in OrderKey.
struct AggregateSpec {
  AggregateOp op;
  int column;
  int count_column = kNoColumn;  // kAvg: the partial COUNT column
  // kCountDistinct/kSumDistinct/kMin/kMax: WEIGHT_STRING of the value, or
  // kNoColumn; used only when the value column is text.
  int weight_column = kNoColumn;
  std::string separator = ",";  // kGroupConcat
};

struct AggregateParams {
  OperatorPtr input;
  // Group keys (direction unused; weight columns used for equality).
  std::vector<OrderKey> group_by;
  std::vector<AggregateSpec> aggregates;
};

class Aggregate : public Operator {
 public:
  explicit Aggregate(AggregateParams params) : params_(std::move(params)) {}

  // Errors (1105): a column out of range; a SUM over a non-number.
  absl::StatusOr<std::unique_ptr<RowStream>> Open(
      ExecContext& ctx, const BindVars& bind_vars) const override;
  std::string Describe() const override;
  std::vector<const Operator*> inputs() const override {
    return {params_.input.get()};
  }

 private:
  AggregateParams params_;
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_AGGREGATE_H_
