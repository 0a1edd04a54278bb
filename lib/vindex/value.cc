#include "lib/vindex/value.h"

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace tessera::vindex {

Value Value::Int64(int64_t v) {
  return Value(ValueType::kInt64, absl::StrCat(v));
}

Value Value::Uint64(uint64_t v) {
  return Value(ValueType::kUint64, absl::StrCat(v));
}

std::optional<uint64_t> Value::ToUint64() const {
  switch (type_) {
    case ValueType::kNull:
    case ValueType::kFloat64:
    case ValueType::kDecimal:
      return std::nullopt;
    default:
      break;
  }
  uint64_t u;
  if (absl::SimpleAtoi(data_, &u)) return u;
  int64_t i;
  if (absl::SimpleAtoi(data_, &i)) return static_cast<uint64_t>(i);
  return std::nullopt;
}

std::string Value::DebugString() const {
  switch (type_) {
    case ValueType::kNull:
      return "NULL";
    case ValueType::kText:
    case ValueType::kBinary:
      return absl::StrCat("'", absl::CEscape(data_), "'");
    default:
      return data_;
  }
}

}  // namespace tessera::vindex
