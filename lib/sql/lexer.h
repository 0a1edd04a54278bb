// The MySQL/MariaDB lexer.
//
// Splits a statement into tokens that point into the input (no copies).
// Comments are dropped, except that the contents of version comments
// `/*!50708 ... */` (and MariaDB's `/*M!100100 ... */`) are lexed as normal
// text when their version is not above `server_version`, and optimizer hints
// `/*+ ... */` directly after SELECT/INSERT/REPLACE/UPDATE/DELETE are recorded
// so the parser can keep them on the statement.
#ifndef TESSERA_LIB_SQL_LEXER_H_
#define TESSERA_LIB_SQL_LEXER_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "lib/sql/token.h"

namespace tessera::sql {

struct LexOptions {
  bool ansi_quotes = false;           // "x" is an identifier
  bool no_backslash_escapes = false;  // '\' is an ordinary character
  // For /*!NNNNN ... */ and /*M!NNNNNN ... */: 80035 is MySQL 8.0.35;
  // from 100000 on, MariaDB's rules (e.g. 101100: 10.11 skips /*!50700+).
  uint32_t server_version = 80035;
};

// A hint comment that followed the token at `after_token`.
struct HintComment {
  uint32_t after_token;
  absl::string_view text;  // the whole comment, "/*+ ... */"
};

struct LexResult {
  std::vector<Token> tokens;  // always ends with a kEnd token
  std::vector<HintComment> hints;
};

// Tokenizes `input`. On an unterminated string, identifier or comment it
// returns ER_PARSE_ERROR pointing at its start.
absl::Status Lex(absl::string_view input, const LexOptions& options,
                 LexResult* out);
// ER_PARSE_ERROR (1064, 42000) in MySQL's words for an error at byte `pos`:
// "You have an error in your SQL syntax; ... near '<rest>' at line N".
absl::Status SyntaxErrorAt(absl::string_view input, size_t pos);

namespace internal {
// The readable '\0' bytes LexPadded needs after its input.
inline constexpr size_t kLexPadding = 16;
// Tokenizes the `n` bytes at `s`, followed by kLexPadding readable '\0'
// bytes, into `tokens`, which has room for n + 1 tokens (every token but the
// final kEnd takes at least one byte) and one more before it, tokens[-1],
// where it writes a kEnd sentinel. Returns the number of tokens, or 0
// after a lexical error at byte *error_pos. Hints point into `s`.
size_t LexPadded(const char* s, size_t n, const LexOptions& options,
                 Token* tokens, std::vector<HintComment>* hints,
                 size_t* error_pos);

struct IdentCharTable {
  bool v[256];
  constexpr IdentCharTable() : v() {
    for (int c = 0; c < 256; ++c) {
      v[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
             (c >= '0' && c <= '9') || c == '_' || c == '$' || c >= 0x80;
    }
  }
};
inline constexpr IdentCharTable kIdentChars;
}  // namespace internal

inline bool IsIdentChar(unsigned char c) { return internal::kIdentChars.v[c]; }

}  // namespace tessera::sql

#endif  // TESSERA_LIB_SQL_LEXER_H_
