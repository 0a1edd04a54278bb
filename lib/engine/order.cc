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
    const std::vector<Field>& fields, std::vector<OrderKey> keys,
    EnumMembers* enums) {
  return Build(fields, std::move(keys), enums, false);
}

absl::StatusOr<RowComparator> RowComparator::CreateForEquality(
    const std::vector<Field>& fields, std::vector<OrderKey> keys) {
  return Build(fields, std::move(keys), nullptr, true);
}

namespace {

// Member positions of the ENUM column behind `field`.
absl::StatusOr<std::shared_ptr<const absl::flat_hash_map<std::string, int>>>
MemberPositions(const Field& field, EnumMembers* enums) {
  if (enums == nullptr) {
    return UnsupportedError(absl::StrCat(
        "unsupported: ordering by ENUM column ", field.name, " at the router"));
  }
  TESSERA_ASSIGN_OR_RETURN(std::vector<std::string> members,
                           enums->Members(field));
  auto positions = std::make_shared<absl::flat_hash_map<std::string, int>>();
  for (size_t i = 0; i < members.size(); ++i) {
    positions->emplace(members[i], static_cast<int>(i) + 1);
  }
  return positions;
}

}  // namespace

absl::StatusOr<RowComparator> RowComparator::Build(
    const std::vector<Field>& fields, std::vector<OrderKey> keys,
    EnumMembers* enums, bool equality_only) {
  RowComparator cmp;
  for (const OrderKey& k : keys) {
    TESSERA_ASSIGN_OR_RETURN(int col, ResolveColumn(k.column, fields.size()));
    const Field& f = fields[col];
    if (!equality_only && (f.flags & field_flag::kSet) != 0) {
      return UnsupportedError(absl::StrCat(
          "unsupported: ordering by SET column ", f.name, " at the router"));
    }
    if (!equality_only && (f.flags & field_flag::kEnum) != 0) {
      TESSERA_ASSIGN_OR_RETURN(auto members, MemberPositions(f, enums));
      cmp.keys_.push_back(
          {col, sqltypes::ColumnTypeOf(f), k.descending, std::move(members)});
      continue;
    }
    TESSERA_ASSIGN_OR_RETURN(ResolvedKey r,
                             ResolveKey(fields, k.column, k.weight_column));
    sqltypes::ColumnType type =
        r.is_weight ? sqltypes::ColumnType{sqltypes::Kind::kBinary,
                                           sqltypes::kBinaryCollation}
                    : sqltypes::ColumnTypeOf(fields[r.column]);
    cmp.keys_.push_back({r.column, type, k.descending, nullptr});
  }
  return cmp;
}

int RowComparator::Compare(const Row& a, const Row& b) const {
  for (const Key& k : keys_) {
    int c = 0;
    if (k.members != nullptr) {
      c = CompareMembers(a[k.column], b[k.column], *k.members);
    } else {
      c = sqltypes::CompareCells(a[k.column], b[k.column], k.type);
    }
    if (c != 0) return k.descending ? -c : c;
  }
  return 0;
}

int RowComparator::CompareMembers(
    const Value& a, const Value& b,
    const absl::flat_hash_map<std::string, int>& members) {
  if (a.is_null() || b.is_null()) {
    return a.is_null() == b.is_null() ? 0 : (a.is_null() ? -1 : 1);
  }
  // A value outside the definition is the '' error value, position 0.
  auto pos = [&members](const Value& v) {
    auto it = members.find(v.bytes());
    return it == members.end() ? 0 : it->second;
  };
  int pa = pos(a), pb = pos(b);
  return pa < pb ? -1 : (pa > pb ? 1 : 0);
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
