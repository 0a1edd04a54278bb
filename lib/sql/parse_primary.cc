// Primary expressions: literals, names, parameters, variables, CASE, CAST,
// subqueries, EXISTS, MATCH ... AGAINST.
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "lib/sql/parse_ext.h"

namespace tessera::sql {
namespace {

constexpr absl::string_view kCharsets[] = {
    "_armscii8", "_ascii",   "_big5",   "_binary",  "_cp1250",  "_cp1251",
    "_cp1256",   "_cp1257",  "_cp850",  "_cp852",   "_cp866",   "_cp932",
    "_dec8",     "_eucjpms", "_euckr",  "_gb18030", "_gb2312",  "_gbk",
    "_geostd8",  "_greek",   "_hebrew", "_hp8",     "_keybcs2", "_koi8r",
    "_koi8u",    "_latin1",  "_latin2", "_latin5",  "_latin7",  "_macce",
    "_macroman", "_sjis",    "_swe7",   "_tis620",  "_ucs2",    "_ujis",
    "_utf16",    "_utf16le", "_utf32",  "_utf8",    "_utf8mb3", "_utf8mb4",
};

bool IsCharsetIntroducer(absl::string_view w) {
  if (w.size() < 4 || w[0] != '_') return false;
  for (absl::string_view c : kCharsets) {
    if (absl::EqualsIgnoreCase(c, w)) return true;
  }
  return false;
}

// Reserved words that are also built-in function names when '(' follows.
bool IsReservedFunction(Keyword kw) {
  switch (kw) {
    case KW_IF:
    case KW_LEFT:
    case KW_RIGHT:
    case KW_INSERT:
    case KW_REPLACE:
    case KW_MOD:
    case KW_CHAR:
    case KW_DATABASE:
    case KW_SCHEMA:
    case KW_VALUES:
    case KW_REPEAT:
    case KW_CURRENT_USER:
    case KW_CURRENT_DATE:
    case KW_CURRENT_TIME:
    case KW_CURRENT_TIMESTAMP:
    case KW_LOCALTIME:
    case KW_LOCALTIMESTAMP:
    case KW_UTC_DATE:
    case KW_UTC_TIME:
    case KW_UTC_TIMESTAMP:
    case KW_CONVERT:
    case KW_DEFAULT:
    case KW_GROUPING:
    case KW_ROW:
      return true;
    default:
      return false;
  }
}

bool IsNiladic(Keyword kw) {
  switch (kw) {
    case KW_CURRENT_USER:
    case KW_CURRENT_DATE:
    case KW_CURRENT_TIME:
    case KW_CURRENT_TIMESTAMP:
    case KW_LOCALTIME:
    case KW_LOCALTIMESTAMP:
    case KW_UTC_DATE:
    case KW_UTC_TIME:
    case KW_UTC_TIMESTAMP:
      return true;
    default:
      return false;
  }
}

}  // namespace

Expr* Parser::ParsePrimary() {
  const Token& t = Peek();
  // Fast path: a word that is no keyword and no charset introducer (_utf8).
  if (t.kind == Tok::kIdent && t.kw == KW_NONE && sql_[t.pos] != '_') {
    return ParseIdentExpr();
  }
  switch (t.kind) {
    case Tok::kInt:
    case Tok::kDecimal:
    case Tok::kFloat:
    case Tok::kHexNum:
    case Tok::kHexString:
    case Tok::kBitNum:
    case Tok::kBitString:
    case Tok::kString:
    case Tok::kNString:
      return ParseLiteral();
    case Tok::kParam:
    case Tok::kNamedParam: {
      auto* p = New<Param>();
      p->text = Text(Next());
      return p;
    }
    case Tok::kUserVar:
    case Tok::kSysVar: {
      auto* v = New<Var>();
      v->text = Text(Next());
      return v;
    }
    case Tok::kLParen:
      return ParseParenthesized();
    case Tok::kLBrace:
      return ParseOdbcEscape(*this);
    case Tok::kQuotedIdent:
      return ParseIdentExpr();
    case Tok::kIdent:
      break;
    default:
      Fail();
      return nullptr;
  }
  // Words.
  switch (t.kw) {
    case KW_NULL:
    case KW_TRUE:
    case KW_FALSE: {
      auto* lit = New<Literal>();
      lit->lit = t.kw == KW_NULL   ? LitKind::kNull
                 : t.kw == KW_TRUE ? LitKind::kTrue
                                   : LitKind::kFalse;
      lit->text = KeywordText(t.kw);
      Next();
      return lit;
    }
    case KW_DATE:
    case KW_TIME:
    case KW_TIMESTAMP:
      if (Is(Tok::kString, 1)) {
        Next();
        Literal* lit = ParseLiteral();
        if (lit == nullptr) return nullptr;
        lit->lit = t.kw == KW_DATE   ? LitKind::kDate
                   : t.kw == KW_TIME ? LitKind::kTime
                                     : LitKind::kTimestamp;
        return lit;
      }
      break;
    case KW_EXISTS: {
      Next();
      if (!Expect(Tok::kLParen)) return nullptr;
      auto* e = New<ExistsExpr>();
      e->query = ParseQueryExpr();
      if (e->query == nullptr || !Expect(Tok::kRParen)) return nullptr;
      return e;
    }
    case KW_CASE:
      return ParseCase();
    case KW_CAST:
      if (Is(Tok::kLParen, 1)) return ParseCast(false);
      break;
    case KW_CONVERT:
      if (Is(Tok::kLParen, 1)) return ParseCast(true);
      break;
    case KW_MATCH:
      return ParseMatch();
    case KW_NEXT:
    case KW_PREVIOUS:
      if (IsKw(KW_VALUE, 1) && IsKw(KW_FOR, 2))
        return ParseSequenceValue(*this);
      break;
    case KW_ROW:
      if (Is(Tok::kLParen, 1)) {
        Next();
        Next();
        auto* tup = New<TupleExpr>();
        tup->row_keyword = true;
        if (!ParseExprList(&tup->items) || !Expect(Tok::kRParen))
          return nullptr;
        return tup;
      }
      break;
    case KW_DEFAULT:
      if (!Is(Tok::kLParen, 1)) {
        Next();
        return New<DefaultExpr>();
      }
      break;
    default:
      break;
  }
  if (IsNiladic(t.kw) && !Is(Tok::kLParen, 1)) {
    auto* f = New<FuncCall>();
    f->name = Text(Next());
    f->form = FuncForm::kNoParens;
    return f;
  }
  if (IsReservedFunction(t.kw) && Is(Tok::kLParen, 1)) {
    const Token& name = Next();
    return ParseFunction(Ident{}, name);
  }
  // _utf8mb4'x', _binary 0x41
  if (t.kw == KW_NONE &&
      (Is(Tok::kString, 1) || Is(Tok::kHexNum, 1) || Is(Tok::kHexString, 1) ||
       Is(Tok::kBitNum, 1) || Is(Tok::kBitString, 1)) &&
      IsCharsetIntroducer(Text(t))) {
    Next();
    Literal* lit = ParseLiteral();
    if (lit == nullptr) return nullptr;
    lit->introducer = Text(t);
    return lit;
  }
  return ParseIdentExpr();
}

// name, name.name, a.b.c, t.*, f(...), db.f(...)
Expr* Parser::ParseIdentExpr() {
  const Token& first = Peek();
  // Fast paths: name, and table.name not followed by '.' or '(' (the
  // token after a name exists: the name is not the final kEnd).
  const Token* t = &first + 1;
  if (IsIdentToken(first)) {
    if (t->kind == Tok::kLParen) {
      ++cur_;
      return ParseFunction(Ident{}, first);
    }
    if (t->kind != Tok::kDot) {
      ++cur_;
      auto* c = New<Column>();
      c->name = IdentOf(first);
      return c;
    }
    // t is '.', so t[1] exists, and t[2] when t[1] is a name.
    if ((t[1].kind == Tok::kIdent || t[1].kind == Tok::kQuotedIdent) &&
        t[2].kind != Tok::kDot && t[2].kind != Tok::kLParen) {
      cur_ += 3;
      auto* c = New<Column>();
      c->table = IdentOf(first);
      c->name = IdentOf(t[1]);
      return c;
    }
  }
  return ParseQualifiedName();
}

// The general case of ParseIdentExpr.
Expr* Parser::ParseQualifiedName() {
  if (!IsIdent()) {
    // Non-reserved-as-function: any word followed by '(' is a call.
    if (!(Peek().kind == Tok::kIdent && Is(Tok::kLParen, 1) &&
          ClassOf(Peek().kw) != KeywordClass::kReserved)) {
      Fail();
      return nullptr;
    }
  }
  const Token& first = Next();
  if (Is(Tok::kLParen)) return ParseFunction(Ident{}, first);
  Ident parts[3];
  int n = 1;
  parts[0] = IdentOf(first);
  while (Is(Tok::kDot)) {
    if (Is(Tok::kStar, 1)) {
      if (n > 2) return Fail(), nullptr;
      Next();
      Next();
      auto* s = New<Star>();
      if (n == 2) s->db = parts[0];
      s->table = parts[n - 1];
      return s;
    }
    if (Peek(1).kind != Tok::kIdent && Peek(1).kind != Tok::kQuotedIdent) {
      Next();
      return Fail(), nullptr;
    }
    if (n == 3) return Fail(), nullptr;
    Next();
    const Token& part = Next();
    if (n == 1 && part.kind == Tok::kIdent && Is(Tok::kLParen)) {
      return ParseFunction(parts[0], part);
    }
    parts[n++] = IdentOf(part);
  }
  auto* c = New<Column>();
  c->name = parts[n - 1];
  if (n >= 2) c->table = parts[n - 2];
  if (n == 3) c->db = parts[0];
  return c;
}

Expr* Parser::ParseCase() {
  Next();  // CASE
  auto* c = New<CaseExpr>();
  if (!IsKw(KW_WHEN)) {
    c->operand = ParseExpr();
    if (c->operand == nullptr) return nullptr;
  }
  Vec<When> whens;
  while (AcceptKw(KW_WHEN)) {
    When w;
    w.cond = ParseExpr();
    if (w.cond == nullptr || !ExpectKw(KW_THEN)) return nullptr;
    w.result = ParseExpr();
    if (w.result == nullptr) return nullptr;
    whens.push_back(w);
  }
  if (whens.empty()) return Fail(), nullptr;
  c->whens = ToList(whens);
  if (AcceptKw(KW_ELSE)) {
    c->else_expr = ParseExpr();
    if (c->else_expr == nullptr) return nullptr;
  }
  if (!ExpectKw(KW_END)) return nullptr;
  return c;
}

Expr* Parser::ParseCast(bool convert) {
  Next();
  Next();  // (
  Expr* operand = ParseExpr();
  if (operand == nullptr) return nullptr;
  if (convert && AcceptKw(KW_USING)) {
    auto* cu = New<ConvertUsing>();
    cu->operand = operand;
    if (!ParseAnyWord(&cu->charset) || !Expect(Tok::kRParen)) return nullptr;
    return cu;
  }
  if (convert ? !Expect(Tok::kComma) : !ExpectKw(KW_AS)) return nullptr;
  auto* c = New<CastExpr>();
  c->operand = operand;
  c->convert_syntax = convert;
  c->type = ParseDataType(true);
  if (c->type == nullptr) return nullptr;
  if (!convert && AcceptKw(KW_ARRAY)) c->type->array = true;
  if (!Expect(Tok::kRParen)) return nullptr;
  return c;
}

Expr* Parser::ParseMatch() {
  Next();  // MATCH
  auto* m = New<MatchExpr>();
  bool paren = Accept(Tok::kLParen);
  Vec<Expr*> cols;
  do {
    Expr* e = ParseIdentExpr();
    if (e == nullptr) return nullptr;
    cols.push_back(e);
  } while (Accept(Tok::kComma));
  m->columns = ToList(cols);
  if (paren && !Expect(Tok::kRParen)) return nullptr;
  if (!ExpectKw(KW_AGAINST) || !Expect(Tok::kLParen)) return nullptr;
  m->against = ParseExprPrec(kPrecBitOr);
  if (m->against == nullptr) return nullptr;
  if (AcceptKw(KW_IN)) {
    if (AcceptKw(KW_BOOLEAN)) {
      m->mode = MatchMode::kBoolean;
    } else {
      if (!ExpectKw(KW_NATURAL) || !ExpectKw(KW_LANGUAGE)) return nullptr;
      m->mode = MatchMode::kNaturalLanguage;
    }
    if (!ExpectKw(KW_MODE)) return nullptr;
    if (m->mode == MatchMode::kNaturalLanguage && AcceptKw(KW_WITH)) {
      if (!ExpectKw(KW_QUERY) || !ExpectKw(KW_EXPANSION)) return nullptr;
      m->mode = MatchMode::kNaturalLanguageExpansion;
    }
  } else if (AcceptKw(KW_WITH)) {
    if (!ExpectKw(KW_QUERY) || !ExpectKw(KW_EXPANSION)) return nullptr;
    m->mode = MatchMode::kExpansion;
  }
  if (!Expect(Tok::kRParen)) return nullptr;
  return m;
}

}  // namespace tessera::sql
