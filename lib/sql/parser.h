// Parsing MySQL/MariaDB statements into the typed AST.
//
//   TESSERA_ASSIGN_OR_RETURN(ParsedStatement stmt, Parse(sql, ParseOptions()));
//   std::string canonical = Format(stmt);
//
// Errors (all absl::Status carrying a MySQL error, see lib/base/mysql_error.h):
//   1064 ER_PARSE_ERROR (42000) "You have an error in your SQL syntax; ...
//        near '...' at line N" for anything that does not parse;
//   1065 ER_EMPTY_QUERY (42000) for an input holding only comments/space;
//   1436 ER_STACK_OVERRUN-like (HY000) when nesting exceeds max_depth;
//   1153 ER_NET_PACKET_TOO_LARGE (08S01) when the input exceeds max_length.
// Parse never crashes or overflows the stack on any byte string; memory use
// is bounded by a small multiple of the input size. Thread-compatible: each
// call is independent.
#ifndef TESSERA_LIB_SQL_PARSER_H_
#define TESSERA_LIB_SQL_PARSER_H_

#include <cstddef>
#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/sql/ast.h"
#include "lib/sql/lexer.h"

namespace tessera::sql {

struct ParseOptions {
  LexOptions lex;
  int max_depth = 1000;          // nesting of expressions/queries
  size_t max_length = 64 << 20;  // bytes
  // sql_mode PIPES_AS_CONCAT: `a || b` is concatenation, binding tighter
  // than `^` (below the unary operators); parsed as concat(a, b).
  bool pipes_as_concat = false;
  // sql_mode HIGH_NOT_PRECEDENCE: prefix NOT binds like `!` (NOT a BETWEEN
  // b AND c is (NOT a) BETWEEN b AND c); parsed as `!`.
  bool high_not_precedence = false;
};

// Options for a session's @@sql_mode (a comma-separated list, as the server
// reports it): ANSI_QUOTES, NO_BACKSLASH_ESCAPES, PIPES_AS_CONCAT and
// HIGH_NOT_PRECEDENCE (also through ANSI, ORACLE, MSSQL, DB2, POSTGRESQL,
// MAXDB) are set or cleared in `base`; every other mode is ignored.
ParseOptions ParseOptionsForSqlMode(absl::string_view sql_mode,
                                    ParseOptions base = {});

// A parsed statement. Owns a copy of the SQL text and the arena holding the
// AST; movable, not copyable.
class ParsedStatement {
 public:
  ParsedStatement() = default;
  ParsedStatement(ParsedStatement&&) = default;
  ParsedStatement& operator=(ParsedStatement&&) = default;

  StmtKind kind() const { return root_->kind; }
  const Stmt* root() const { return root_; }
  Stmt* mutable_root() { return root_; }
  // The statement text the AST points into (the parser's own copy).
  absl::string_view sql() const { return sql_; }
  Arena& arena() { return arena_; }

 private:
  friend absl::StatusOr<ParsedStatement> Parse(absl::string_view sql,
                                               const ParseOptions& options);
  Arena arena_;
  absl::string_view sql_;
  Stmt* root_ = nullptr;
};

// Parses one statement (an optional trailing ';' is allowed).
absl::StatusOr<ParsedStatement> Parse(absl::string_view sql,
                                      const ParseOptions& options = {});

}  // namespace tessera::sql

#endif  // TESSERA_LIB_SQL_PARSER_H_
