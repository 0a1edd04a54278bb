#include "lib/engine/order.h"

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"

namespace tessera::engine {

absl::StatusOr<int> ResolveColumn(int column, size_t width) {
  const int64_t c = column < 0 ? static_cast<int64_t>(width) + column : column;
  if (column == kNoColumn || c < 0 || c >= static_cast<int64_t>(width)) {
    return InternalMysqlError(absl::StrCat(
        "column ",
        column == kNoColumn ? std::string("<none>") : absl::StrCat(column),
        " out of range (", width, " columns)"));
  }
  return static_cast<int>(c);
}

absl::StatusOr<ResolvedKey> ResolveKey(const std::vector<Field>& fields,
                                       int column, int weight_column) {
  TESSERA_ASSIGN_OR_RETURN(int col, ResolveColumn(column, fields.size()));
  if (weight_column == kNoColumn ||
      sqltypes::KindOf(fields[col]) != sqltypes::Kind::kText) {
    return ResolvedKey{col, false};
  }
  TESSERA_ASSIGN_OR_RETURN(int w, ResolveColumn(weight_column, fields.size()));
  return ResolvedKey{w, true};
}

absl::StatusOr<RowComparator> RowComparator::Create(
    const std::vector<Field>& fields, std::vector<OrderKey> keys) {
  RowComparator cmp;
  for (const OrderKey& k : keys) {
    TESSERA_ASSIGN_OR_RETURN(ResolvedKey r,
                             ResolveKey(fields, k.column, k.weight_column));
    sqltypes::ColumnType type =
        r.is_weight ? sqltypes::ColumnType{sqltypes::Kind::kBinary,
                                           sqltypes::kBinaryCollation}
                    : sqltypes::ColumnTypeOf(fields[r.column]);
    cmp.keys_.push_back({r.column, type, k.descending});
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
    if (keys[i].weight_column != kNoColumn) {
      absl::StrAppend(&out, " (weight ", keys[i].weight_column, ")");
    }
  }
  return out;
}

}  // namespace tessera::engine
