#include "lib/engine/hash_join.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/engine/distinct.h"
#include "lib/sqltypes/kind.h"

namespace tessera::engine {
namespace {

using Table = absl::flat_hash_map<std::string, std::vector<Row>>;
using sqltypes::Kind;

// Key columns of one side; a text key with a weight column hashes by it.
absl::StatusOr<std::vector<KeyColumn>> Keys(const std::vector<int>& cols,
                                            const std::vector<int>& weights,
                                            const std::vector<Field>& fields) {
  std::vector<OrderKey> keys;
  for (size_t i = 0; i < cols.size(); ++i) {
    keys.push_back({cols[i], i < weights.size() ? weights[i] : kNoColumn});
  }
  return KeyColumns(fields, keys);
}

// Kinds whose values MariaDB compares the way AppendKey encodes them.
int KeyFamily(Kind k) {
  switch (k) {
    case Kind::kInt:
    case Kind::kUint:
    case Kind::kDecimal:
    case Kind::kYear:
      return 1;
    case Kind::kFloat:
      return 2;
    case Kind::kDate:
    case Kind::kDateTime:
      return 3;
    case Kind::kTime:
      return 4;
    case Kind::kText:
      return 5;
    case Kind::kBinary:
      return 6;
    default:
      return 0;
  }
}

int WeightAt(const std::vector<int>& weights, size_t i) {
  return i < weights.size() ? weights[i] : kNoColumn;
}

// Whether hashing the keys matches exactly what MariaDB's `=` matches.
absl::StatusOr<bool> Hashable(const HashJoinSpec& spec,
                              const std::vector<Field>& left,
                              const std::vector<Field>& right) {
  for (size_t i = 0; i < spec.left_keys.size(); ++i) {
    TESSERA_ASSIGN_OR_RETURN(int l,
                             ResolveColumn(spec.left_keys[i], left.size()));
    TESSERA_ASSIGN_OR_RETURN(int r,
                             ResolveColumn(spec.right_keys[i], right.size()));
    Kind lk = sqltypes::KindOf(left[l]);
    Kind rk = sqltypes::KindOf(right[r]);
    if (lk == Kind::kNull || rk == Kind::kNull) continue;  // never matches
    int family = KeyFamily(lk);
    if (family == 0 || family != KeyFamily(rk)) return false;
    if (lk != Kind::kText) continue;
    if (left[l].charset != right[r].charset ||
        !sqltypes::CollationOf(left[l].charset).pad_space ||
        WeightAt(spec.left_weights, i) == kNoColumn ||
        WeightAt(spec.right_weights, i) == kNoColumn) {
      return false;
    }
  }
  return true;
}

class HashJoinStream : public RowStream {
 public:
  HashJoinStream(const HashJoinSpec& spec, std::unique_ptr<RowStream> left,
                 std::vector<KeyColumn> left_keys, Table table,
                 std::vector<Field> fields)
      : spec_(spec),
        left_(std::move(left)),
        left_keys_(std::move(left_keys)),
        table_(std::move(table)),
        fields_(std::move(fields)) {}

  const std::vector<Field>& fields() const override { return fields_; }

  absl::StatusOr<bool> Next(Row* row) override {
    while (true) {
      if (matches_ != nullptr && next_match_ < matches_->size()) {
        JoinRow(spec_.columns, left_row_, &(*matches_)[next_match_++], row);
        return true;
      }
      TESSERA_ASSIGN_OR_RETURN(bool more, left_->Next(&left_row_));
      if (!more) return false;
      if (left_row_.size() != left_->fields().size()) {
        return InternalMysqlError("hash join: row width differs from fields");
      }
      matches_ = nullptr;
      next_match_ = 0;
      if (BuildKey(left_row_, left_keys_, &key_)) {
        auto it = table_.find(key_);
        if (it != table_.end()) matches_ = &it->second;
      }
      if (matches_ == nullptr && spec_.left_join) {
        JoinRow(spec_.columns, left_row_, nullptr, row);
        return true;
      }
    }
  }

 private:
  const HashJoinSpec& spec_;
  std::unique_ptr<RowStream> left_;
  std::vector<KeyColumn> left_keys_;
  Table table_;
  std::vector<Field> fields_;
  Row left_row_;
  const std::vector<Row>* matches_ = nullptr;
  size_t next_match_ = 0;
  std::string key_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<RowStream>> HashJoin::Open(
    ExecContext& ctx, const BindVars& bind_vars) const {
  if (spec_.left_keys.size() != spec_.right_keys.size() ||
      spec_.left_keys.empty()) {
    return InternalMysqlError("hash join: key lists differ in length");
  }
  TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<RowStream> right,
                           spec_.right->Open(ctx, bind_vars));
  TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<RowStream> left,
                           spec_.left->Open(ctx, bind_vars));
  if (spec_.fallback != nullptr) {
    TESSERA_ASSIGN_OR_RETURN(bool hashable,
                             Hashable(spec_, left->fields(), right->fields()));
    if (!hashable) return spec_.fallback->Open(ctx, bind_vars);
  }
  TESSERA_ASSIGN_OR_RETURN(
      std::vector<KeyColumn> right_keys,
      Keys(spec_.right_keys, spec_.right_weights, right->fields()));
  TESSERA_ASSIGN_OR_RETURN(
      std::vector<KeyColumn> left_keys,
      Keys(spec_.left_keys, spec_.left_weights, left->fields()));
  MemoryBudget budget(ctx.limits, "hash join build side");
  Table table;
  Row row;
  std::string key;
  while (true) {
    TESSERA_ASSIGN_OR_RETURN(bool more, right->Next(&row));
    if (!more) break;
    if (row.size() != right->fields().size()) {
      return InternalMysqlError("hash join: row width differs from fields");
    }
    if (!BuildKey(row, right_keys, &key)) continue;  // NULL never matches
    absl::Status held = budget.Add(row);
    if (!held.ok()) {
      if (spec_.fallback == nullptr) return held;
      return spec_.fallback->Open(ctx, bind_vars);
    }
    table[key].push_back(std::move(row));
    row.clear();
  }
  TESSERA_ASSIGN_OR_RETURN(std::vector<Field> fields,
                           JoinFields(spec_.columns, left->fields(),
                                      right->fields(), spec_.left_join));
  return std::unique_ptr<RowStream>(std::make_unique<HashJoinStream>(
      spec_, std::move(left), std::move(left_keys), std::move(table),
      std::move(fields)));
}

std::string HashJoin::Describe() const {
  return absl::StrCat("HashJoin ", spec_.left_join ? "left-outer" : "inner",
                      " L(", absl::StrJoin(spec_.left_keys, ","), ")=R(",
                      absl::StrJoin(spec_.right_keys, ","), ")",
                      spec_.fallback != nullptr ? " or nested loop" : "");
}

}  // namespace tessera::engine
