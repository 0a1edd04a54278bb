#include "lib/engine/distinct.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"

namespace tessera::engine {

absl::StatusOr<std::vector<KeyColumn>> KeyColumns(
    const std::vector<Field>& fields, const std::vector<OrderKey>& keys) {
  std::vector<KeyColumn> cols;
  if (keys.empty()) {
    for (size_t i = 0; i < fields.size(); ++i) {
      cols.push_back({static_cast<int>(i), sqltypes::ColumnTypeOf(fields[i])});
    }
    return cols;
  }
  for (const OrderKey& k : keys) {
    TESSERA_ASSIGN_OR_RETURN(ResolvedKey r,
                             ResolveKey(fields, k.column, k.weight_column));
    if (r.is_weight) {
      cols.push_back(
          {r.column, {sqltypes::Kind::kBinary, sqltypes::kBinaryCollation}});
    } else {
      cols.push_back({r.column, sqltypes::ColumnTypeOf(fields[r.column])});
    }
  }
  return cols;
}

bool BuildKey(const Row& row, const std::vector<KeyColumn>& cols,
              std::string* key) {
  key->clear();
  bool has_null = false;
  for (const KeyColumn& c : cols) {
    has_null = has_null || row[c.column].is_null();
    sqltypes::AppendKey(row[c.column], c.type, key);
  }
  return !has_null;
}

namespace {

class DistinctStream : public RowStream {
 public:
  DistinctStream(std::unique_ptr<RowStream> in, std::vector<KeyColumn> cols,
                 const Limits& limits)
      : in_(std::move(in)),
        cols_(std::move(cols)),
        budget_(limits, "DISTINCT") {}

  const std::vector<Field>& fields() const override { return in_->fields(); }
  uint16_t warnings() const override { return in_->warnings(); }
  absl::StatusOr<bool> Next(Row* row) override {
    while (true) {
      TESSERA_ASSIGN_OR_RETURN(bool more, in_->Next(row));
      if (!more) return false;
      if (row->size() != in_->fields().size()) {
        return InternalMysqlError("distinct: row width differs from fields");
      }
      BuildKey(*row, cols_, &key_);  // NULLs are equal to each other here
      if (!seen_.insert(key_).second) continue;
      TESSERA_RETURN_IF_ERROR(budget_.Add(*row));
      return true;
    }
  }

 private:
  std::unique_ptr<RowStream> in_;
  std::vector<KeyColumn> cols_;
  MemoryBudget budget_;
  absl::flat_hash_set<std::string> seen_;
  std::string key_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<RowStream>> Distinct::Open(
    ExecContext& ctx, const BindVars& bind_vars) const {
  TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<RowStream> in,
                           spec_.input->Open(ctx, bind_vars));
  TESSERA_ASSIGN_OR_RETURN(std::vector<KeyColumn> cols,
                           KeyColumns(in->fields(), spec_.keys));
  return std::unique_ptr<RowStream>(std::make_unique<DistinctStream>(
      std::move(in), std::move(cols), ctx.limits));
}

std::string Distinct::Describe() const {
  return spec_.keys.empty()
             ? "Distinct"
             : absl::StrCat("Distinct ", DescribeKeys(spec_.keys));
}

}  // namespace tessera::engine
