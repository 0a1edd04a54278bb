// ORDER BY keys and the row comparator shared by MergeSort, Sort and the
// ordered aggregate.
#ifndef TESSERA_LIB_ENGINE_ORDER_H_
#define TESSERA_LIB_ENGINE_ORDER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tessera/result.h"
#include "lib/sqltypes/compare.h"

namespace tessera::engine {

struct OrderKey {
  int column = 0;
  // A column holding WEIGHT_STRING(column) from the shard, compared
  // bytewise instead of the value (exact collation order); -1 if none.
  int weight_column = -1;
  bool descending = false;
};

// Compares rows on a list of keys, MySQL style: NULL first ascending and
// last descending; values compare per their column's kind and collation.
class RowComparator {
 public:
  // Errors (1105) when a key names a column the fields do not have.
  static absl::StatusOr<RowComparator> Create(const std::vector<Field>& fields,
                                              std::vector<OrderKey> keys);

  // <0, 0, >0 as `a` sorts before, with, or after `b`.
  int Compare(const Row& a, const Row& b) const;

 private:
  struct Key {
    int column;
    sqltypes::ColumnType type;
    bool descending;
  };
  std::vector<Key> keys_;
};

// Describes keys for explain: "1 DESC, 0 ASC (weight 3)".
std::string DescribeKeys(const std::vector<OrderKey>& keys);

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_ORDER_H_
