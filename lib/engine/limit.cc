#include "lib/engine/limit.h"

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"

namespace tessera::engine {
namespace {

absl::StatusOr<uint64_t> Resolve(const std::optional<uint64_t>& constant,
                                 const std::string& var,
                                 const BindVars& bind_vars, uint64_t dflt) {
  if (constant.has_value()) return *constant;
  if (var.empty()) return dflt;
  auto it = bind_vars.find(var);
  uint64_t v = 0;
  if (it == bind_vars.end() || it->second.is_list ||
      !sqltypes::IsIntegral(it->second.value.kind) ||
      !sqltypes::ParseUint64(it->second.value.bytes, &v)) {
    return MysqlError(
        er::kWrongArguments, "HY000",
        absl::StrCat("LIMIT needs a non-negative integer in :", var));
  }
  return v;
}

class LimitStream : public RowStream {
 public:
  LimitStream(std::unique_ptr<RowStream> in, uint64_t count, uint64_t offset)
      : in_(std::move(in)), left_(count), skip_(offset) {}

  const std::vector<Field>& fields() const override { return in_->fields(); }
  absl::StatusOr<bool> Next(Row* row) override {
    while (skip_ > 0) {
      TESSERA_ASSIGN_OR_RETURN(bool more, in_->Next(row));
      if (!more) return false;
      --skip_;
    }
    if (left_ == 0) return false;
    TESSERA_ASSIGN_OR_RETURN(bool more, in_->Next(row));
    if (!more) return false;
    --left_;
    return true;
  }
  uint16_t warnings() const override { return in_->warnings(); }

 private:
  std::unique_ptr<RowStream> in_;
  uint64_t left_;
  uint64_t skip_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<RowStream>> Limit::Open(
    ExecContext& ctx, const BindVars& bind_vars) const {
  TESSERA_ASSIGN_OR_RETURN(uint64_t count, Resolve(spec_.count, spec_.count_var,
                                                   bind_vars, UINT64_MAX));
  TESSERA_ASSIGN_OR_RETURN(
      uint64_t offset, Resolve(spec_.offset, spec_.offset_var, bind_vars, 0));
  BindVars vars = bind_vars;
  uint64_t upper = count > UINT64_MAX - offset ? UINT64_MAX : count + offset;
  vars[spec_.upper_limit_var] =
      BindVariable::Single(sqltypes::TypedValue::Uint(upper));
  TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<RowStream> in,
                           spec_.input->Open(ctx, vars));
  return std::unique_ptr<RowStream>(
      std::make_unique<LimitStream>(std::move(in), count, offset));
}

std::string Limit::Describe() const {
  std::string count = spec_.count.has_value()
                          ? absl::StrCat(*spec_.count)
                          : absl::StrCat(":", spec_.count_var);
  std::string offset =
      spec_.offset.has_value()
          ? absl::StrCat(*spec_.offset)
          : (spec_.offset_var.empty() ? "0"
                                      : absl::StrCat(":", spec_.offset_var));
  return absl::StrCat("Limit ", count, " offset ", offset);
}

}  // namespace tessera::engine
