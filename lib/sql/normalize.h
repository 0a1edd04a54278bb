// Normalization for plan caching: literals become bind variables.
//
//   select * from t where id = 5 and name = 'x' limit 10
//   -> select * from t where id = :v1 and name = :v2 limit :v3
//      with v1 = INT64 "5", v2 = STRING "x", v3 = INT64 "10"
//
// `x IN (1, 2, 3)` with only literals in the list becomes `x IN (::v1)`: one
// list bind variable (kList), so lists of any length share a plan.
// Integers above INT64_MAX are kUint64. A minus applied directly to a numeric
// literal is part of the value: `id = -5` binds "-5".
//
// Queries of the same shape normalize to the same text. Left alone: NULL,
// TRUE/FALSE, DATE/TIME/TIMESTAMP literals, ORDER BY and GROUP BY positions
// (`order by 1`), LIKE ... ESCAPE, window frame offsets, GROUP_CONCAT
// separators, INTERVAL units, and everything in SET statements and in
// statements kept as token streams (DDL, SHOW, ...).
#ifndef TESSERA_LIB_SQL_NORMALIZE_H_
#define TESSERA_LIB_SQL_NORMALIZE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/sql/parser.h"

namespace tessera::sql {

enum class BindType : uint8_t {
  kInt64,
  kUint64,
  kDecimal,
  kFloat64,
  kString,
  kHex,
  kBit,
  kList,
};

struct BindValue {
  std::string name;  // "v1" (empty for list elements)
  BindType type;
  std::string value;  // digits as written; strings decoded to their bytes;
                      // hex/bit literals as written (0x1F, X'1F', b'01')
  std::string
      charset;  // introducer without '_' ("utf8mb4", "binary"), or empty
  std::vector<BindValue> list;  // kList: the elements, in order
};

struct Normalized {
  std::string sql;
  std::vector<BindValue> binds;
};

// The bind variable LAST_INSERT_ID() (without arguments) becomes: the
// session's value, which the caller binds (a shard connection's own value
// means nothing to the client).
inline constexpr char kLastInsertIdVar[] = "__lastInsertId";

// Replaces literals in `stmt` (in place) by ":v1", ":v2", ... and appends
// their values to `binds`; LAST_INSERT_ID() by ":__lastInsertId" (a select
// item keeps its column name through an alias).
void NormalizeStatement(ParsedStatement* stmt, std::vector<BindValue>* binds);

// Parse + NormalizeStatement + Format. Errors are those of Parse().
absl::StatusOr<Normalized> Normalize(absl::string_view sql,
                                     const ParseOptions& options = {});

// Decodes a quoted string literal token ('..' or ".."), undoing doubled
// quotes and backslash escapes (unless no_backslash_escapes).
std::string DecodeString(absl::string_view quoted,
                         bool no_backslash_escapes = false);

absl::string_view BindTypeName(BindType t);

}  // namespace tessera::sql

#endif  // TESSERA_LIB_SQL_NORMALIZE_H_
