// The values a vindex maps: a type tag plus MySQL's text form of the value.
//
// Kept deliberately small so that lib/vindex does not depend on the engine's
// value type; the engine converts its values to these at the seam. For
// integers and decimals `data` holds the decimal text ("-42"); for strings
// and binary the raw bytes.
#ifndef TESSERA_LIB_VINDEX_VALUE_H_
#define TESSERA_LIB_VINDEX_VALUE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::vindex {

enum class ValueType {
  kNull,
  kInt64,
  kUint64,
  kFloat64,
  kDecimal,
  kText,
  kBinary
};

class Value {
 public:
  Value() = default;  // NULL
  Value(ValueType type, std::string data)
      : type_(type), data_(std::move(data)) {}

  static Value Null() { return Value(); }
  static Value Int64(int64_t v);
  static Value Uint64(uint64_t v);
  static Value Text(absl::string_view s) {
    return Value(ValueType::kText, std::string(s));
  }
  static Value Binary(absl::string_view s) {
    return Value(ValueType::kBinary, std::string(s));
  }

  ValueType type() const { return type_; }
  bool is_null() const { return type_ == ValueType::kNull; }
  bool is_integral() const {
    return type_ == ValueType::kInt64 || type_ == ValueType::kUint64;
  }
  // The bytes hashed by byte-oriented vindexes (binary, xxhash, md5...):
  // the text form for numbers, the raw bytes for strings.
  absl::string_view bytes() const { return data_; }
  const std::string& data() const { return data_; }

  // The value as Vitess's hash/numeric vindexes see it: signed integers
  // wrap to their two's-complement uint64 (-1 -> 0xffff...ff); unsigned
  // integers as is; text/binary that spells a decimal integer is parsed the
  // same way. nullopt for NULL, fractions and anything else.
  std::optional<uint64_t> ToUint64() const;

  // For tests and messages: 'abc', 42, NULL.
  std::string DebugString() const;

  friend bool operator==(const Value& a, const Value& b) {
    return a.type_ == b.type_ && a.data_ == b.data_;
  }

 private:
  ValueType type_ = ValueType::kNull;
  std::string data_;
};

// Parses a value typed on a command line. `as` is "auto" (a decimal
// integer becomes kInt64 or kUint64, anything else kText), "int", "uint",
// "text", "binary" (raw bytes) or "hex" (hex digits -> kBinary); "null"
// text with "auto" is NULL. Errors: InvalidArgument naming the text.
absl::StatusOr<Value> ParseValue(absl::string_view text, absl::string_view as);

// The values of one row for a vindex's columns (one for most vindexes).
using Row = std::vector<Value>;

}  // namespace tessera::vindex

#endif  // TESSERA_LIB_VINDEX_VALUE_H_
