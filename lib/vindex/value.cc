#include "lib/vindex/value.h"

#include "absl/strings/ascii.h"
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

absl::StatusOr<Value> ParseValue(absl::string_view text, absl::string_view as) {
  int64_t i;
  uint64_t u;
  if (as == "auto") {
    if (text == "null" || text == "NULL") return Value::Null();
    if (absl::SimpleAtoi(text, &i)) return Value::Int64(i);
    if (absl::SimpleAtoi(text, &u)) return Value::Uint64(u);
    return Value::Text(text);
  }
  if (as == "int") {
    if (absl::SimpleAtoi(text, &i)) return Value::Int64(i);
  } else if (as == "uint") {
    if (absl::SimpleAtoi(text, &u)) return Value::Uint64(u);
  } else if (as == "text") {
    return Value::Text(text);
  } else if (as == "binary") {
    return Value::Binary(text);
  } else if (as == "hex") {
    bool hex = text.size() % 2 == 0;
    for (char c : text) hex = hex && absl::ascii_isxdigit(c);
    if (hex) return Value::Binary(absl::HexStringToBytes(text));
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown value type '", as,
                     "' (want auto, int, uint, text, binary or hex)"));
  }
  return absl::InvalidArgumentError(
      absl::StrCat("'", text, "' is not a valid ", as, " value"));
}

}  // namespace tessera::vindex
