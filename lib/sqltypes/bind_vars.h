// Bind variables and their substitution into SQL text.
//
// Plans carry SQL with placeholders: ":name" for one value and "::name"
// for a list, which expands to a parenthesized tuple "(1, 2, 3)". Values
// are rendered as SQL literals: numbers are checked to be numbers (never
// pasted as text), strings are quoted and escaped for the connection's
// mode, binary strings become X'hex'. Placeholders inside quoted strings,
// quoted identifiers and comments are left alone, and ":=" is not one.
//
// Thread safety: plain values and pure functions.
#ifndef TESSERA_LIB_SQLTYPES_BIND_VARS_H_
#define TESSERA_LIB_SQLTYPES_BIND_VARS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/sqltypes/value.h"

namespace tessera::sqltypes {

struct BindVariable {
  bool is_list = false;
  TypedValue value;                // when !is_list
  std::vector<TypedValue> values;  // when is_list

  static BindVariable Single(TypedValue v) {
    BindVariable b;
    b.value = std::move(v);
    return b;
  }
  static BindVariable List(std::vector<TypedValue> vs) {
    BindVariable b;
    b.is_list = true;
    b.values = std::move(vs);
    return b;
  }
};

using BindVars = absl::flat_hash_map<std::string, BindVariable>;

// How the backend connection reads backslashes in string literals: as
// escapes (the default) or literally (sql_mode NO_BACKSLASH_ESCAPES).
enum class EscapeMode { kBackslash, kNoBackslashEscapes };

// Appends `v` as a SQL literal. Errors (1210 HY000) when a numeric or
// temporal value does not have the syntax of its kind.
absl::Status AppendSqlLiteral(const TypedValue& v, EscapeMode mode,
                              std::string* out);

// Appends `s` quoted as a string literal ('...'), escaped for `mode`.
void AppendQuotedString(absl::string_view s, EscapeMode mode, std::string* out);

// Replaces every placeholder in `sql` by its literal. Errors (1210 HY000):
// a placeholder without a variable, ":name" naming a list, "::name" naming
// an empty list, or a malformed value.
absl::StatusOr<std::string> SubstituteBindVars(
    absl::string_view sql, const BindVars& vars,
    EscapeMode mode = EscapeMode::kBackslash);

}  // namespace tessera::sqltypes

#endif  // TESSERA_LIB_SQLTYPES_BIND_VARS_H_
