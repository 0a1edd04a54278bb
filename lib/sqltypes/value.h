// A value with its MySQL kind: what bind variables and expression results
// are made of. Bytes are in text-protocol form, like tessera::Value.
//
// Thread safety: a plain value type.
#ifndef TESSERA_LIB_SQLTYPES_VALUE_H_
#define TESSERA_LIB_SQLTYPES_VALUE_H_

#include <cstdint>
#include <string>
#include <utility>

#include "absl/strings/string_view.h"
#include "lib/sqltypes/kind.h"
#include "tessera/result.h"

namespace tessera::sqltypes {

struct TypedValue {
  Kind kind = Kind::kNull;
  std::string bytes;        // text-protocol bytes; empty for NULL
  uint16_t collation = 45;  // for kText: utf8mb4_general_ci by default

  static TypedValue Null() { return TypedValue(); }
  static TypedValue Int(int64_t v);
  static TypedValue Uint(uint64_t v);
  static TypedValue Float(double v);
  // `text` must be valid decimal syntax; see Decimal::Parse.
  static TypedValue Decimal(std::string text) {
    return {Kind::kDecimal, std::move(text)};
  }
  static TypedValue Text(std::string s) { return {Kind::kText, std::move(s)}; }
  static TypedValue Binary(std::string s) {
    return {Kind::kBinary, std::move(s), kBinaryCollation};
  }
  static TypedValue Of(Kind kind, std::string bytes) {
    return {kind, std::move(bytes)};
  }
  // A result cell of a column of the given kind and collation.
  static TypedValue FromCell(const Value& cell, Kind kind, uint16_t collation);

  bool is_null() const { return kind == Kind::kNull; }
  // The cell a result row carries for this value.
  Value ToCell() const {
    return is_null() ? Value::Null() : Value::Text(bytes);
  }

  friend bool operator==(const TypedValue& a, const TypedValue& b) {
    return a.kind == b.kind && a.bytes == b.bytes;
  }
};

// MySQL's text form of a double: shortest round-trip digits, exponent form
// as MariaDB prints it ("1e20", "1.5e-7", "0.30000000000000004").
std::string FormatDouble(double v);

// Parses text-protocol bytes as the kind says. False on bad syntax.
bool ParseInt64(absl::string_view s, int64_t* out);
bool ParseUint64(absl::string_view s, uint64_t* out);
bool ParseDouble(absl::string_view s, double* out);

}  // namespace tessera::sqltypes

#endif  // TESSERA_LIB_SQLTYPES_VALUE_H_
