// Statement classification without a full parse, and splitting of
// multi-statement strings.
#ifndef TESSERA_LIB_SQL_CLASSIFY_H_
#define TESSERA_LIB_SQL_CLASSIFY_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/sql/ast.h"
#include "lib/sql/lexer.h"

namespace tessera::sql {

// The kind of the statement in `sql` from its leading words (comments and
// leading parentheses skipped). kEmpty for blank input, kOther when unknown
// or when the text does not even tokenize.
StmtKind Classify(absl::string_view sql, const LexOptions& options = {});

// Same, over tokens already produced by Lex().
StmtKind ClassifyTokens(absl::Span<const Token> tokens, absl::string_view sql);

// A short lower-case name for a kind ("select", "create_table", ...).
absl::string_view StmtKindName(StmtKind kind);

// Whether statements of this kind read or change data/schema.
bool IsDml(StmtKind kind);  // INSERT/REPLACE/UPDATE/DELETE/LOAD DATA
bool IsDdl(StmtKind kind);  // CREATE/ALTER/DROP/TRUNCATE/RENAME

// Splits `sql` at ';' outside strings, quoted identifiers and comments.
// Pieces are trimmed of surrounding whitespace; empty pieces are dropped.
// Never fails: an unterminated string or comment runs to the end.
std::vector<absl::string_view> SplitStatements(absl::string_view sql,
                                               const LexOptions& options = {});

}  // namespace tessera::sql

#endif  // TESSERA_LIB_SQL_CLASSIFY_H_
