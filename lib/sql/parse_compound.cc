// Compound statement bodies kept as token streams: where a statement ends
// when its BEGIN ... END, IF ... END IF, ... blocks hold ';'.
#include <string>

#include "lib/sql/parse_ext.h"

namespace tessera::sql {
namespace {

// Whether the token before `i` lets a compound statement start at `i`.
bool AtStatementStart(absl::Span<const Token> t, size_t i) {
  if (i == 0) return true;
  const Token& prev = t[i - 1];
  if (prev.kind == Tok::kSemicolon || prev.kind == Tok::kColon) return true;
  if (prev.kind != Tok::kIdent) return false;
  switch (prev.kw) {
    case KW_BEGIN:
    case KW_THEN:
    case KW_ELSE:
    case KW_DO:
    case KW_LOOP:
    case KW_REPEAT:
      return true;
    case KW_ROW:  // FOR EACH ROW <body>
      return i >= 2 && t[i - 2].kind == Tok::kIdent && t[i - 2].kw == KW_EACH;
    default:
      return false;
  }
}

// The block a token at `i` opens in a compound body ('B' BEGIN, 'C' CASE,
// 'P' PACKAGE, 'I' IF, 'W' WHILE, 'R' REPEAT, 'L' LOOP, 'F' FOR), or 0.
char BlockOpener(absl::Span<const Token> t, size_t i) {
  const Token& tok = t[i];
  if (tok.kind != Tok::kIdent) return 0;
  if (i > 0 && t[i - 1].kind == Tok::kIdent && t[i - 1].kw == KW_END) {
    return 0;  // END IF, END LOOP ...
  }
  Keyword next =
      i + 1 < t.size() && t[i + 1].kind == Tok::kIdent ? t[i + 1].kw : KW_NONE;
  bool call = i + 1 < t.size() && t[i + 1].kind == Tok::kLParen;
  switch (tok.kw) {
    case KW_BEGIN:
      return 'B';
    case KW_CASE:
      return 'C';
    case KW_IF:  // not IF(), IF [NOT] EXISTS, unless a statement starts here
      return AtStatementStart(t, i) ||
                     (!call && next != KW_NOT && next != KW_EXISTS)
                 ? 'I'
                 : 0;
    case KW_WHILE:
      return 'W';
    case KW_LOOP:
      return 'L';
    case KW_REPEAT:  // not REPEAT()
      return AtStatementStart(t, i) || !call ? 'R' : 0;
    case KW_FOR:  // FOR x IN ...
      return i + 2 < t.size() && t[i + 1].kind == Tok::kIdent &&
                     t[i + 2].kind == Tok::kIdent && t[i + 2].kw == KW_IN
                 ? 'F'
                 : 0;
    default:
      return 0;
  }
}

// The block END <word> closes, or 0 for a plain END.
char BlockCloser(Keyword word) {
  switch (word) {
    case KW_IF:
      return 'I';
    case KW_CASE:
      return 'C';
    case KW_WHILE:
      return 'W';
    case KW_REPEAT:
      return 'R';
    case KW_LOOP:
      return 'L';
    case KW_FOR:
      return 'F';
    default:
      return 0;
  }
}

}  // namespace

// Tokens to the statement's end for compound statements and CREATE/ALTER
// of triggers, routines, packages and events, whose bodies hold ';': BEGIN
// ... END, CASE ... END [CASE], IF/WHILE/REPEAT/LOOP/FOR ... END <word> and
// CREATE PACKAGE ... END nest.
List<Token> TokensUntilBodyEnd(Parser& p, absl::Span<const Token> all,
                               size_t first, bool package) {
  Vec<Token> v;
  std::string open(package ? "P" : "");
  while (!p.Is(Tok::kEnd) && !(p.Is(Tok::kSemicolon) && open.empty())) {
    size_t i = first + v.size();
    const Token& t = p.Next();
    v.push_back(t);
    if (t.kind != Tok::kIdent) continue;
    if (t.kw == KW_END) {
      char closes = p.Is(Tok::kIdent) ? BlockCloser(p.Peek().kw) : 0;
      if (closes == 0) {
        if (!open.empty()) open.pop_back();
      } else if (!open.empty() && open.back() == closes) {
        open.pop_back();
        v.push_back(p.Next());
      }
      continue;
    }
    if (char c = BlockOpener(all, i)) open.push_back(c);
  }
  if (!open.empty()) p.Fail();  // a block is never closed
  return p.ToList(v);
}

}  // namespace tessera::sql
