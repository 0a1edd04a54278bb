#include "lib/engine/filter.h"

#include "lib/base/status_macros.h"

namespace tessera::engine {
namespace {

class FilterStream : public RowStream {
 public:
  FilterStream(std::unique_ptr<RowStream> in, ExprPtr predicate, BindVars vars)
      : in_(std::move(in)),
        predicate_(std::move(predicate)),
        vars_(std::move(vars)) {}

  const std::vector<Field>& fields() const override { return in_->fields(); }
  absl::StatusOr<bool> Next(Row* row) override {
    while (true) {
      TESSERA_ASSIGN_OR_RETURN(bool more, in_->Next(row));
      if (!more) return false;
      TESSERA_ASSIGN_OR_RETURN(sqltypes::TypedValue v,
                               predicate_->Eval(*row, in_->fields(), vars_));
      std::optional<bool> t = Truth(v);
      if (t.has_value() && *t) return true;
    }
  }
  uint16_t warnings() const override { return in_->warnings(); }

 private:
  std::unique_ptr<RowStream> in_;
  ExprPtr predicate_;
  BindVars vars_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<RowStream>> Filter::Open(
    ExecContext& ctx, const BindVars& bind_vars) const {
  TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<RowStream> in,
                           input_->Open(ctx, bind_vars));
  return std::unique_ptr<RowStream>(
      std::make_unique<FilterStream>(std::move(in), predicate_, bind_vars));
}

}  // namespace tessera::engine
