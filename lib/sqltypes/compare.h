// MySQL comparison semantics for merging rows from several shards.
//
// NULL compares below every value (MySQL sorts NULLs first in ascending
// order and last in descending order, which a reversed comparison yields).
// Numbers compare exactly across integer, unsigned and decimal kinds and as
// doubles when a float is involved; temporal values compare by their
// instant (DATE '2020-01-02' equals DATETIME '2020-01-02 00:00:00'); text
// compares in its collation (see CollationInfo), binary strings bytewise.
//
// Thread safety: pure functions.
#ifndef TESSERA_LIB_SQLTYPES_COMPARE_H_
#define TESSERA_LIB_SQLTYPES_COMPARE_H_

#include <string>

#include "absl/strings/string_view.h"
#include "lib/sqltypes/kind.h"
#include "lib/sqltypes/value.h"
#include "tessera/result.h"

namespace tessera::sqltypes {

// How to compare one column's cells.
struct ColumnType {
  Kind kind = Kind::kText;
  uint16_t collation = 45;
};

inline ColumnType ColumnTypeOf(const Field& f) {
  return {KindOf(f), f.charset};
}

// Three-way comparison of two cells of the same column: <0, 0, >0.
int CompareCells(const Value& a, const Value& b, ColumnType type);

// Three-way comparison of two typed values of possibly different kinds.
int Compare(const TypedValue& a, const TypedValue& b);

// Text comparison in a collation (trailing-space padding, ASCII folding).
int CompareText(absl::string_view a, absl::string_view b, CollationInfo c);

// Appends a key such that two non-NULL cells compare equal exactly when
// their keys are equal (for hashing in DISTINCT, GROUP BY and hash joins).
// Numbers are canonicalized ("01.50" and "1.5" give the same key); text is
// folded per collation. NULL cells append a distinct marker.
void AppendKey(const Value& cell, ColumnType type, std::string* out);

}  // namespace tessera::sqltypes

#endif  // TESSERA_LIB_SQLTYPES_COMPARE_H_
