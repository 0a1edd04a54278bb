#include "lib/sqltypes/sum.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/sqltypes/value.h"

namespace tessera::sqltypes {

absl::Status SumAccumulator::Add(const Value& cell) {
  if (cell.is_null()) return absl::OkStatus();
  if (is_float_) {
    double d;
    if (!ParseDouble(cell.bytes(), &d)) {
      return InternalMysqlError(
          absl::StrCat("SUM: not a number: '", cell.bytes(), "'"));
    }
    float_sum_ += d;
  } else {
    auto d = Decimal::Parse(cell.bytes());
    if (!d.ok()) {
      return InternalMysqlError(
          absl::StrCat("SUM: not a number: '", cell.bytes(), "'"));
    }
    sum_ = sum_ + *d;
  }
  empty_ = false;
  return absl::OkStatus();
}

void SumAccumulator::Reset() {
  empty_ = true;
  float_sum_ = 0;
  sum_ = Decimal();
}

Value SumAccumulator::Sum() const {
  if (empty_) return Value::Null();
  return Value::Text(is_float_ ? FormatDouble(float_sum_) : sum_.ToString());
}

Value SumAccumulator::Average(uint64_t count) const {
  if (empty_ || count == 0) return Value::Null();
  if (is_float_) {
    return Value::Text(FormatDouble(float_sum_ / static_cast<double>(count)));
  }
  int scale = std::min(sum_.scale() + kDivPrecisionIncrement, kMaxDecimalScale);
  return Value::Text(sum_.DivideBy(count, scale).ToString());
}

}  // namespace tessera::sqltypes
