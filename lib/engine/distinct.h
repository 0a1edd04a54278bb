// Distinct: drops rows equal to an earlier row on the key columns
// (DISTINCT, UNION). Equality is MySQL's: numbers by value, text in its
// collation, or exactly by the WEIGHT_STRING columns the planner names.
// Streaming, but the set of seen keys is held in memory within
// ExecContext::limits.
#ifndef TESSERA_LIB_ENGINE_DISTINCT_H_
#define TESSERA_LIB_ENGINE_DISTINCT_H_

#include <string>
#include <vector>

#include "lib/engine/operator.h"
#include "lib/engine/order.h"

namespace tessera::engine {

struct DistinctSpec {
  OperatorPtr input;
  // Key columns (weight_column replaces the value for equality); empty =
  // every column.
  std::vector<OrderKey> keys;
};

class Distinct : public Operator {
 public:
  explicit Distinct(DistinctSpec spec) : spec_(std::move(spec)) {}

  absl::StatusOr<std::unique_ptr<RowStream>> Open(
      ExecContext& ctx, const BindVars& bind_vars) const override;
  std::string Describe() const override;
  std::vector<const Operator*> inputs() const override {
    return {spec_.input.get()};
  }

 private:
  DistinctSpec spec_;
};

// Builds the hash key of `row` over `keys` (helper shared with HashJoin
// and Union): per column its collation-aware key (sqltypes::AppendKey).
struct KeyColumn {
  int column;
  sqltypes::ColumnType type;
};
// Errors (1105) on a column out of range.
absl::StatusOr<std::vector<KeyColumn>> KeyColumns(
    const std::vector<Field>& fields, const std::vector<OrderKey>& keys);
// False when a key column is NULL (NULL never equals anything in a join).
bool BuildKey(const Row& row, const std::vector<KeyColumn>& cols,
              std::string* key);

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_DISTINCT_H_
