#include "lib/engine/join.h"

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"

namespace tessera::engine {

absl::StatusOr<std::vector<Field>> JoinFields(
    const std::vector<JoinColumn>& columns, const std::vector<Field>& left,
    const std::vector<Field>& right, bool left_join) {
  std::vector<Field> out;
  for (const JoinColumn& c : columns) {
    const std::vector<Field>& side = c.from_left ? left : right;
    if (c.index < 0 || static_cast<size_t>(c.index) >= side.size()) {
      return InternalMysqlError(
          absl::StrCat("join: ", c.from_left ? "left" : "right", " column ",
                       c.index, " out of range"));
    }
    out.push_back(side[c.index]);
    if (left_join && !c.from_left) out.back().flags &= ~field_flag::kNotNull;
  }
  return out;
}

void JoinRow(const std::vector<JoinColumn>& columns, const Row& left,
             const Row* right, Row* out) {
  out->resize(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    const JoinColumn& c = columns[i];
    if (c.from_left) {
      (*out)[i] = left[c.index];
    } else {
      (*out)[i] = right != nullptr ? (*right)[c.index] : Value::Null();
    }
  }
}

namespace {

class JoinStream : public RowStream {
 public:
  JoinStream(const JoinSpec& spec, ExecContext& ctx, BindVars vars,
             std::unique_ptr<RowStream> left)
      : spec_(spec),
        ctx_(ctx),
        vars_(std::move(vars)),
        left_(std::move(left)) {}

  // Reads the first left row and opens the right side once for fields.
  absl::Status Start() {
    TESSERA_ASSIGN_OR_RETURN(has_left_, left_->Next(&left_row_));
    if (has_left_) {
      TESSERA_RETURN_IF_ERROR(OpenRight());
    } else {
      TESSERA_RETURN_IF_ERROR(OpenRightForFields());
    }
    TESSERA_ASSIGN_OR_RETURN(
        fields_, JoinFields(spec_.columns, left_->fields(), right_fields_,
                            spec_.left_join));
    return absl::OkStatus();
  }

  const std::vector<Field>& fields() const override { return fields_; }

  absl::StatusOr<bool> Next(Row* row) override {
    while (has_left_) {
      TESSERA_ASSIGN_OR_RETURN(bool more, right_->Next(&right_row_));
      if (more) {
        if (right_row_.size() != right_->fields().size()) {
          return InternalMysqlError(
              "join: right row width differs from fields");
        }
        matched_ = true;
        JoinRow(spec_.columns, left_row_, &right_row_, row);
        return true;
      }
      const bool emit_outer = spec_.left_join && !matched_;
      if (emit_outer) JoinRow(spec_.columns, left_row_, nullptr, row);
      TESSERA_ASSIGN_OR_RETURN(has_left_, left_->Next(&left_row_));
      if (has_left_) TESSERA_RETURN_IF_ERROR(OpenRight());
      if (emit_outer) return true;
    }
    return false;
  }

 private:
  absl::Status OpenRight() {
    if (left_row_.size() != left_->fields().size()) {
      return InternalMysqlError("join: left row width differs from fields");
    }
    for (const auto& [name, col] : spec_.vars) {
      if (col < 0 || static_cast<size_t>(col) >= left_row_.size()) {
        return InternalMysqlError(
            absl::StrCat("join: variable column ", col, " out of range"));
      }
      const Field& f = left_->fields()[col];
      vars_[name] = BindVariable::Single(
          TypedValue::FromCell(left_row_[col], sqltypes::KindOf(f), f.charset));
    }
    matched_ = false;
    TESSERA_ASSIGN_OR_RETURN(right_, spec_.right->Open(ctx_, vars_));
    if (right_fields_.empty()) right_fields_ = right_->fields();
    return absl::OkStatus();
  }

  absl::Status OpenRightForFields() {
    for (const auto& [name, col] : spec_.vars) {
      vars_[name] = BindVariable::Single(TypedValue::Null());
    }
    TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<RowStream> r,
                             spec_.right->Open(ctx_, vars_));
    right_fields_ = r->fields();
    return absl::OkStatus();
  }

  const JoinSpec& spec_;
  ExecContext& ctx_;
  BindVars vars_;
  std::unique_ptr<RowStream> left_;
  std::unique_ptr<RowStream> right_;
  std::vector<Field> right_fields_;
  std::vector<Field> fields_;
  Row left_row_, right_row_;
  bool has_left_ = false;
  bool matched_ = false;
};

}  // namespace

absl::StatusOr<std::unique_ptr<RowStream>> Join::Open(
    ExecContext& ctx, const BindVars& bind_vars) const {
  TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<RowStream> left,
                           spec_.left->Open(ctx, bind_vars));
  auto stream =
      std::make_unique<JoinStream>(spec_, ctx, bind_vars, std::move(left));
  TESSERA_RETURN_IF_ERROR(stream->Start());
  return std::unique_ptr<RowStream>(std::move(stream));
}

std::string Join::Describe() const {
  std::string out = spec_.left_join ? "Join left-outer" : "Join inner";
  for (const auto& [name, col] : spec_.vars) {
    absl::StrAppend(&out, " :", name, "=L", col);
  }
  return out;
}

}  // namespace tessera::engine
