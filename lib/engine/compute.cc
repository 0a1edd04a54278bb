#include "lib/engine/compute.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/engine/order.h"
#include "lib/sqltypes/decimal.h"

namespace tessera::engine {
namespace {

using sqltypes::Decimal;
using sqltypes::Kind;
using sqltypes::TypedValue;

bool IsIntegerType(FieldType t) {
  return t == FieldType::kTiny || t == FieldType::kShort ||
         t == FieldType::kLong || t == FieldType::kInt24 ||
         t == FieldType::kLongLong;
}

bool IsDecimalType(FieldType t) {
  return t == FieldType::kNewDecimal || t == FieldType::kDecimal;
}

absl::Status OutOfRange(bool is_unsigned, const std::string& text) {
  return MysqlError(1690, "22003",
                    absl::StrCat(is_unsigned ? "BIGINT UNSIGNED" : "BIGINT",
                                 " value is out of range in '", text, "'"));
}

// The cell MariaDB would send for `d` in an integer column.
absl::StatusOr<Value> IntegerCell(const Decimal& d, const Field& f,
                                  const std::string& text) {
  const bool is_unsigned = (f.flags & field_flag::kUnsigned) != 0;
  if (d.scale() > 0 && !(d.Rescaled(0) == d)) {
    return UnsupportedError(
        absl::StrCat("unsupported: fractional value of ", text,
                     " in an integer column across shards"));
  }
  const Decimal i = d.Rescaled(0);
  const Decimal lo = is_unsigned ? Decimal() : Decimal::FromInt(INT64_MIN);
  const Decimal hi =
      is_unsigned ? Decimal::FromUint(UINT64_MAX) : Decimal::FromInt(INT64_MAX);
  if (Decimal::Compare(i, lo) < 0 || Decimal::Compare(i, hi) > 0) {
    return OutOfRange(is_unsigned, text);
  }
  return Value::Text(i.ToString());
}

// The cell MariaDB would send for `d` in a DECIMAL column with
// `f.decimals` fraction digits: padded, never rounded.
absl::StatusOr<Value> DecimalCell(const Decimal& d, const Field& f,
                                  const std::string& text) {
  const Decimal r = d.Rescaled(f.decimals);
  if (!(r == d)) {
    return UnsupportedError(absl::StrCat("unsupported: ", text,
                                         " needs more than ", f.decimals,
                                         " fraction digits across shards"));
  }
  return Value::Text(r.ToString());
}

class ComputeStream : public RowStream {
 public:
  ComputeStream(std::unique_ptr<RowStream> in,
                std::vector<ComputedColumn> columns, BindVars vars)
      : in_(std::move(in)),
        columns_(std::move(columns)),
        vars_(std::move(vars)) {}

  const std::vector<Field>& fields() const override { return in_->fields(); }
  uint16_t warnings() const override { return in_->warnings(); }

  absl::StatusOr<bool> Next(Row* row) override {
    TESSERA_ASSIGN_OR_RETURN(bool more, in_->Next(row));
    if (!more) return false;
    // Every expression reads the input row as it came (an expression never
    // sees another computed column's new value).
    std::vector<Value> out;
    out.reserve(columns_.size());
    for (const ComputedColumn& c : columns_) {
      TESSERA_ASSIGN_OR_RETURN(TypedValue v,
                               c.expr->Eval(*row, in_->fields(), vars_));
      TESSERA_ASSIGN_OR_RETURN(Value cell, Cell(v, c));
      out.push_back(std::move(cell));
    }
    for (size_t i = 0; i < columns_.size(); ++i) {
      (*row)[columns_[i].column] = std::move(out[i]);
    }
    return true;
  }

 private:
  absl::StatusOr<Value> Cell(const TypedValue& v, const ComputedColumn& c) {
    if (v.is_null()) return Value::Null();
    if (v.kind != Kind::kInt && v.kind != Kind::kUint &&
        v.kind != Kind::kDecimal) {
      return UnsupportedError(absl::StrCat(
          "unsupported: ", c.text,
          " is not exact integer or decimal arithmetic across shards"));
    }
    TESSERA_ASSIGN_OR_RETURN(Decimal d, Decimal::Parse(v.bytes));
    const Field& f = in_->fields()[c.column];
    if (IsIntegerType(f.type)) return IntegerCell(d, f, c.text);
    return DecimalCell(d, f, c.text);
  }

  std::unique_ptr<RowStream> in_;
  std::vector<ComputedColumn> columns_;
  BindVars vars_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<RowStream>> Compute::Open(
    ExecContext& ctx, const BindVars& bind_vars) const {
  TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<RowStream> in,
                           input_->Open(ctx, bind_vars));
  std::vector<ComputedColumn> resolved = columns_;
  for (ComputedColumn& c : resolved) {
    TESSERA_ASSIGN_OR_RETURN(c.column,
                             ResolveColumn(c.column, in->fields().size()));
    const FieldType t = in->fields()[c.column].type;
    if (!IsIntegerType(t) && !IsDecimalType(t)) {
      return UnsupportedError(
          absl::StrCat("unsupported: ", c.text,
                       " (not an integer or DECIMAL result) across shards"));
    }
  }
  return std::unique_ptr<RowStream>(std::make_unique<ComputeStream>(
      std::move(in), std::move(resolved), bind_vars));
}

std::string Compute::Describe() const {
  std::string out = "Compute";
  for (const ComputedColumn& c : columns_) {
    absl::StrAppend(&out, " ", c.column, "=", c.expr->ToString());
  }
  return out;
}

}  // namespace tessera::engine
