// Canonical SQL text from the AST.
//
// Keywords and built-in function names in lower case, single spaces,
// identifiers backquoted only when needed, literals exactly as written,
// parentheses only where precedence requires them. For every statement that
// parses, Parse(Format(Parse(x))) is the same AST as Parse(x).
#ifndef TESSERA_LIB_SQL_FORMAT_H_
#define TESSERA_LIB_SQL_FORMAT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "lib/sql/ast.h"
#include "lib/sql/parser.h"

namespace tessera::sql {

struct FormatOptions {
  // Parenthesize every operator expression: shows the tree's shape (tests).
  bool parenthesize_all = false;
};

std::string Format(const ParsedStatement& stmt,
                   const FormatOptions& options = {});

// Appends what Format() returns to *out. Prefer it (and Format) to
// FormatStmt on the root: names are looked up in place in the parser's
// zero-padded copy of the text instead of being copied first.
void AppendFormatted(const ParsedStatement& stmt, const FormatOptions& options,
                     std::string* out);

// Formats a single statement node; `sql` is the text its tokens point into.
void FormatStmt(const Stmt& stmt, absl::string_view sql,
                const FormatOptions& options, std::string* out);
void FormatExpr(const Expr& expr, absl::string_view sql,
                const FormatOptions& options, std::string* out);

// Appends an identifier, backquoted only if it needs to be.
void AppendIdent(absl::string_view name, std::string* out);

}  // namespace tessera::sql

#endif  // TESSERA_LIB_SQL_FORMAT_H_
