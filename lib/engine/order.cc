#include "lib/engine/order.h"

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"

namespace tessera::engine {

absl::StatusOr<RowComparator> RowComparator::Create(
    const std::vector<Field>& fields, std::vector<OrderKey> keys) {
  RowComparator cmp;
  for (const OrderKey& k : keys) {
    const int col = k.weight_column >= 0 ? k.weight_column : k.column;
    if (col < 0 || static_cast<size_t>(col) >= fields.size()) {
      return InternalMysqlError(absl::StrCat("order key column ", col,
                                             " out of range (", fields.size(),
                                             " columns)"));
    }
    sqltypes::ColumnType type =
        k.weight_column >= 0 ? sqltypes::ColumnType{sqltypes::Kind::kBinary,
                                                    sqltypes::kBinaryCollation}
                             : sqltypes::ColumnTypeOf(fields[col]);
    cmp.keys_.push_back({col, type, k.descending});
  }
  return cmp;
}

int RowComparator::Compare(const Row& a, const Row& b) const {
  for (const Key& k : keys_) {
    int c = sqltypes::CompareCells(a[k.column], b[k.column], k.type);
    if (c != 0) return k.descending ? -c : c;
  }
  return 0;
}

std::string DescribeKeys(const std::vector<OrderKey>& keys) {
  std::string out;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) out += ", ";
    absl::StrAppend(&out, keys[i].column,
                    keys[i].descending ? " DESC" : " ASC");
    if (keys[i].weight_column >= 0) {
      absl::StrAppend(&out, " (weight ", keys[i].weight_column, ")");
    }
  }
  return out;
}

}  // namespace tessera::engine
