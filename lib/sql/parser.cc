#include "lib/sql/parser.h"

#include <cstring>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/sql/parser_internal.h"

namespace tessera::sql {

Parser::Parser(absl::string_view sql, const ParseOptions& options, Arena* arena,
               absl::Span<const Token> tokens,
               const std::vector<HintComment>* hints)
    : sql_(sql),
      options_(options),
      arena_(arena),
      tokens_(tokens),
      hints_(*hints),
      tok_(tokens.data()),
      last_(tokens.data() + tokens.size() - 1),
      cur_(tokens.data()),
      max_depth_(options.max_depth) {}

bool Parser::Fail() {
  if (!failed_) {
    failed_ = true;
    error_pos_ = Peek(0).pos;  // bounds-checked
  }
  return false;
}

bool Parser::TooDeep() {
  if (!failed_) {
    too_deep_ = true;
    Fail();
  }
  // Make every caller unwind: the token stream is now exhausted.
  cur_ = last_;
  return false;
}

absl::Status Parser::status() const {
  if (!failed_) return absl::OkStatus();
  if (too_deep_) {
    return MysqlError(er::kStackOverrun, "HY000",
                      absl::StrCat("SQL statement nesting is deeper than the "
                                   "parser limit of ",
                                   options_.max_depth));
  }
  return SyntaxErrorAt(sql_, error_pos_);
}

absl::string_view Parser::HintAfter(size_t token_index) const {
  for (const HintComment& h : hints_) {
    if (h.after_token == token_index) return h.text;
  }
  return {};
}

absl::string_view Parser::Copy(absl::string_view s) {
  char* p = static_cast<char*>(arena_->Allocate(s.size() + 1, 1));
  std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  return absl::string_view(p, s.size());
}

absl::StatusOr<ParsedStatement> Parse(absl::string_view sql,
                                      const ParseOptions& options) {
  if (sql.size() > options.max_length) {
    return MysqlError(er::kNetPacketTooLarge, "08S01",
                      absl::StrCat("statement of ", sql.size(),
                                   " bytes exceeds the parser limit of ",
                                   options.max_length, " bytes"));
  }
  ParsedStatement out;
  const size_t n = sql.size();
  out.arena_ = Arena(std::max<size_t>(1024, std::min<size_t>(n * 12, 1 << 20)));
  Arena* arena = &out.arena_;
  // The AST points into the arena's copy of the text, which the lexer wants
  // followed by zero bytes.
  char* text =
      static_cast<char*>(arena->Allocate(n + internal::kLexPadding, 1));
  std::memcpy(text, sql.data(), n);
  std::memset(text + n, 0, internal::kLexPadding);
  absl::string_view copy(text, n);

  // Room for the lexer's sentinel and n + 1 tokens, on the stack for
  // statements up to ~1 KB (12 KB).
  constexpr size_t kStackTokens = 1024;
  Token stack_tokens[kStackTokens];
  std::unique_ptr<Token[]> heap_tokens;
  Token* tokens = stack_tokens + 1;
  if (n + 2 > kStackTokens) {
    heap_tokens.reset(new Token[n + 2]);
    tokens = heap_tokens.get() + 1;
  }
  std::vector<HintComment> hints;
  size_t error_pos = 0;
  size_t count =
      internal::LexPadded(text, n, options.lex, tokens, &hints, &error_pos);
  if (count == 0) return SyntaxErrorAt(copy, error_pos);
  if (count == 1 || (count == 2 && tokens[0].kind == Tok::kSemicolon)) {
    return MysqlError(er::kEmptyQuery, "42000", "Query was empty");
  }
  Parser parser(copy, options, arena, absl::Span<const Token>(tokens, count),
                &hints);
  Stmt* root = parser.ParseStatement();
  if (root == nullptr) {
    absl::Status err = parser.status();
    if (err.ok()) err = SyntaxErrorAt(copy, 0);
    return err;
  }
  out.sql_ = copy;
  out.root_ = root;
  return out;
}

}  // namespace tessera::sql
