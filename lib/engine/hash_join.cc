#include "lib/engine/hash_join.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/engine/distinct.h"

namespace tessera::engine {
namespace {

using Table = absl::flat_hash_map<std::string, std::vector<Row>>;

absl::StatusOr<std::vector<KeyColumn>> Keys(const std::vector<int>& cols,
                                            const std::vector<Field>& fields) {
  std::vector<KeyColumn> out;
  for (int c : cols) {
    if (c < 0 || static_cast<size_t>(c) >= fields.size()) {
      return InternalMysqlError(
          absl::StrCat("hash join: key column ", c, " out of range"));
    }
    out.push_back({c, sqltypes::ColumnTypeOf(fields[c])});
  }
  return out;
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
  TESSERA_ASSIGN_OR_RETURN(std::vector<KeyColumn> right_keys,
                           Keys(spec_.right_keys, right->fields()));
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
    TESSERA_RETURN_IF_ERROR(budget.Add(row));
    table[key].push_back(std::move(row));
    row.clear();
  }
  TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<RowStream> left,
                           spec_.left->Open(ctx, bind_vars));
  TESSERA_ASSIGN_OR_RETURN(std::vector<KeyColumn> left_keys,
                           Keys(spec_.left_keys, left->fields()));
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
                      absl::StrJoin(spec_.right_keys, ","), ")");
}

}  // namespace tessera::engine
