// How Tessera classifies a MySQL column for comparison and arithmetic.
//
// The wire protocol describes a column by type, flags and collation id
// (include/tessera/result.h). Merging results from several shards needs
// less detail and more meaning: is the value an exact integer, a decimal,
// a float, a temporal value, text in some collation, or raw bytes? Kind
// answers that, and CollationInfo says how text in a collation compares.
//
// Thread safety: plain functions over immutable tables.
#ifndef TESSERA_LIB_SQLTYPES_KIND_H_
#define TESSERA_LIB_SQLTYPES_KIND_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "tessera/result.h"

namespace tessera::sqltypes {

enum class Kind : uint8_t {
  kNull,      // the NULL type (a column of only NULLs)
  kInt,       // signed integer (TINYINT..BIGINT)
  kUint,      // unsigned integer
  kDecimal,   // DECIMAL / NUMERIC: exact
  kFloat,     // FLOAT / DOUBLE
  kYear,      // YEAR: compares as an integer
  kDate,      // 'YYYY-MM-DD'
  kDateTime,  // DATETIME / TIMESTAMP 'YYYY-MM-DD hh:mm:ss[.f]'
  kTime,      // TIME '[-]h..h:mm:ss[.f]'
  kText,      // character data in a collation (CHAR, VARCHAR, TEXT, ENUM..)
  kBinary,    // bytes (BINARY, VARBINARY, BLOB, BIT, GEOMETRY)
};

absl::string_view KindName(Kind kind);

bool IsNumeric(Kind kind);   // kInt, kUint, kDecimal, kFloat, kYear
bool IsIntegral(Kind kind);  // kInt, kUint, kYear
bool IsTemporal(Kind kind);  // kDate, kDateTime, kTime

// The kind of a column described by a ColumnDefinition.
Kind KindOf(const Field& field);
Kind KindOf(FieldType type, uint32_t flags, uint16_t charset);

// How text in a collation compares when the shards did not send a
// WEIGHT_STRING column. Exact for binary and *_bin collations; for
// case-insensitive collations exact on ASCII only (non-ASCII bytes compare
// by code point order, which is what MariaDB does for characters without
// case or accent folding). The planner asks the shards for WEIGHT_STRING
// whenever exact non-ASCII ordering matters.
struct CollationInfo {
  bool binary = false;            // the 'binary' charset: bytes, no padding
  bool case_insensitive = false;  // ASCII letters fold to upper case
  bool pad_space = true;          // trailing spaces are ignored
};

CollationInfo CollationOf(uint16_t collation_id);

inline constexpr uint16_t kBinaryCollation = 63;

}  // namespace tessera::sqltypes

#endif  // TESSERA_LIB_SQLTYPES_KIND_H_
