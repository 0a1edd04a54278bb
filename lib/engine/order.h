// ORDER BY keys and the row comparator shared by MergeSort, Sort and the
// ordered aggregate.
#ifndef TESSERA_LIB_ENGINE_ORDER_H_
#define TESSERA_LIB_ENGINE_ORDER_H_

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "lib/sqltypes/compare.h"
#include "tessera/result.h"

namespace tessera::engine {

// "No column" for optional column references (weight, AVG count).
inline constexpr int kNoColumn = std::numeric_limits<int>::min();

// Column references are indexes into the input row; a negative index
// counts from the end (-1 = last column), resolved when the operator opens
// against the stream's fields (for "SELECT * ... ORDER BY x" with hidden
// columns after an unknown number of columns).
struct OrderKey {
  int column = 0;
  // A column holding WEIGHT_STRING(column) from the shard, compared
  // bytewise instead of the value (exact collation order); kNoColumn if
  // none. Used only when the key column is text (CHAR, VARCHAR, TEXT,
  // ENUM, SET with a non-binary collation); other types compare by value.
  int weight_column = kNoColumn;
  bool descending = false;
};

// Resolves a column reference against a row of `width` columns. Errors
// (1105) when out of range.
absl::StatusOr<int> ResolveColumn(int column, size_t width);

// The column to compare for a key: the weight column when given and the
// key column is text, else the key column itself. Both resolved.
struct ResolvedKey {
  int column;      // compare this column
  bool is_weight;  // ... bytewise, as a weight string
};
absl::StatusOr<ResolvedKey> ResolveKey(const std::vector<Field>& fields,
                                       int column, int weight_column);

// The members of ENUM columns, which MariaDB orders by their position in
// the column definition, not by text (enum_members.h looks them up on the
// shards).
class EnumMembers {
 public:
  virtual ~EnumMembers() = default;
  // The members of the ENUM column `field` was read from, in definition
  // order. Errors: 1235 when the field does not name its column.
  virtual absl::StatusOr<std::vector<std::string>> Members(
      const Field& field) = 0;
};

// Compares rows on a list of keys, MySQL style: NULL first ascending and
// last descending; values compare per their column's kind and collation,
// ENUM values by member position.
class RowComparator {
 public:
  // Errors (1105) when a key names a column the fields do not have; 1235
  // for an ENUM key without `enums` (or whose members are unknown) and for
  // a SET key.
  static absl::StatusOr<RowComparator> Create(const std::vector<Field>& fields,
                                              std::vector<OrderKey> keys,
                                              EnumMembers* enums = nullptr);
  // For equality only (grouping adjacent rows): ENUM values compare by text,
  // which tells equal values apart exactly but does not order them.
  static absl::StatusOr<RowComparator> CreateForEquality(
      const std::vector<Field>& fields, std::vector<OrderKey> keys);

  // <0, 0, >0 as `a` sorts before, with, or after `b`.
  int Compare(const Row& a, const Row& b) const;

 private:
  struct Key {
    int column;
    sqltypes::ColumnType type;
    bool descending;
    // ENUM keys: member -> position (1-based); others: null.
    std::shared_ptr<const absl::flat_hash_map<std::string, int>> members;
  };
  static absl::StatusOr<RowComparator> Build(const std::vector<Field>& fields,
                                             std::vector<OrderKey> keys,
                                             EnumMembers* enums,
                                             bool equality_only);
  static int CompareMembers(
      const Value& a, const Value& b,
      const absl::flat_hash_map<std::string, int>& members);
  std::vector<Key> keys_;
};

// Describes keys for explain: "1 DESC, 0 ASC (weight 3)".
std::string DescribeKeys(const std::vector<OrderKey>& keys);

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_ORDER_H_
