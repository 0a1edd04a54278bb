#include "lib/engine/union.h"

#include "absl/container/flat_hash_set.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/engine/distinct.h"

namespace tessera::engine {
namespace {

class DistinctRows : public RowStream {
 public:
  DistinctRows(std::unique_ptr<RowStream> in, const Limits& limits)
      : in_(std::move(in)),
        cols_(*KeyColumns(in_->fields(), {})),  // all columns: no error
        budget_(limits, "UNION") {}

  const std::vector<Field>& fields() const override { return in_->fields(); }
  absl::StatusOr<bool> Next(Row* row) override {
    while (true) {
      TESSERA_ASSIGN_OR_RETURN(bool more, in_->Next(row));
      if (!more) return false;
      if (row->size() != cols_.size()) {
        return MysqlError(1222, "21000",
                          "The used SELECT statements have a different "
                          "number of columns");
      }
      BuildKey(*row, cols_, &key_);
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

// MariaDB turns ENUM and SET columns into plain strings in a UNION's
// result (they order and compare as text there, not by member position).
class UnionFields : public RowStream {
 public:
  explicit UnionFields(std::unique_ptr<RowStream> in)
      : in_(std::move(in)), fields_(in_->fields()) {
    for (Field& f : fields_) {
      f.flags &= ~(field_flag::kEnum | field_flag::kSet);
    }
  }
  const std::vector<Field>& fields() const override { return fields_; }
  absl::StatusOr<bool> Next(Row* row) override { return in_->Next(row); }

 private:
  std::unique_ptr<RowStream> in_;
  std::vector<Field> fields_;
};

}  // namespace

std::vector<const Operator*> Union::inputs() const {
  std::vector<const Operator*> out;
  for (const OperatorPtr& in : inputs_) out.push_back(in.get());
  return out;
}

absl::StatusOr<std::unique_ptr<RowStream>> Union::Open(
    ExecContext& ctx, const BindVars& bind_vars) const {
  std::vector<std::unique_ptr<RowStream>> streams;
  for (const OperatorPtr& in : inputs_) {
    TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<RowStream> s,
                             in->Open(ctx, bind_vars));
    if (!streams.empty() && s->fields().size() != streams[0]->fields().size()) {
      return MysqlError(1222, "21000",
                        "The used SELECT statements have a different number "
                        "of columns");
    }
    streams.push_back(std::move(s));
  }
  std::unique_ptr<RowStream> all =
      std::make_unique<UnionFields>(Concat(std::move(streams)));
  if (!distinct_) return all;
  return std::unique_ptr<RowStream>(
      std::make_unique<DistinctRows>(std::move(all), ctx.limits));
}

}  // namespace tessera::engine
