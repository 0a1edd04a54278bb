// FROM clause extensions: MariaDB FOR SYSTEM_TIME, JSON_TABLE, ODBC escapes
// ({d '...'}, {t ...}, {ts ...}, {fn ...}, {oj ...}).
#include "absl/strings/match.h"
#include "lib/sql/parse_ext.h"

namespace tessera::sql {
namespace {

// [TIMESTAMP | TRANSACTION] expr, as in MariaDB's history_point. TIMESTAMP
// followed by a string is the timestamp literal itself.
bool ParseHistoryPoint(Parser& p, absl::string_view* unit, Expr** out) {
  if ((p.IsKw(KW_TIMESTAMP) && !p.Is(Tok::kString, 1)) ||
      p.IsKw(KW_TRANSACTION)) {
    *unit = KeywordText(p.Next().kw);
  }
  *out = p.ParseExprPrec(kPrecBitOr);
  return *out != nullptr;
}

}  // namespace

bool ParseBeforeSystemTime(Parser& p, SystemTime** out) {
  if (!p.AcceptWord("system_time")) return p.Fail();
  auto* st = p.New<SystemTime>();
  st->kind = SystemTimeKind::kAsOf;
  *out = st;
  return ParseHistoryPoint(p, &st->unit, &st->from);
}

namespace {

bool IsLiteralToken(const Parser& p) {
  switch (p.Peek().kind) {
    case Tok::kString:
    case Tok::kNString:
    case Tok::kInt:
    case Tok::kDecimal:
    case Tok::kFloat:
      return true;
    default:
      return false;
  }
}

bool ParseJtResponse(Parser& p, JtColumn* c) {
  return ParseJsonResponse(p, &c->on_empty, &c->empty_default, &c->on_error,
                           &c->error_default);
}

bool ParseJtColumns(Parser& p, List<JtColumn>* out);

bool ParseJtColumn(Parser& p, JtColumn* c) {
  if (p.IsWord("nested")) {
    p.Next();
    p.AcceptWord("path");
    c->kind = JtColumnKind::kNested;
    if (!p.Is(Tok::kString)) return p.Fail();
    c->path = p.ParseLiteral();
    return ParseJtColumns(p, &c->nested);
  }
  if (!p.ParseIdent(&c->name)) return false;
  if (p.AcceptKw(KW_FOR)) {
    c->kind = JtColumnKind::kOrdinality;
    return p.AcceptWord("ordinality") || p.Fail();
  }
  c->type = p.ParseDataType(false);
  if (c->type == nullptr) return false;
  if (p.AcceptKw(KW_COLLATE) && !p.ParseAnyWord(&c->type->collate))
    return false;
  c->kind =
      p.AcceptKw(KW_EXISTS) ? JtColumnKind::kExistsPath : JtColumnKind::kPath;
  if (!p.AcceptWord("path")) return p.Fail();
  if (!p.Is(Tok::kString)) return p.Fail();
  c->path = p.ParseLiteral();
  if (c->kind == JtColumnKind::kPath) {
    while (ParseJtResponse(p, c)) {
    }
  }
  return !p.failed();
}

// COLUMNS (column, ...)
bool ParseJtColumns(Parser& p, List<JtColumn>* out) {
  if (!p.AcceptKw(KW_COLUMNS)) return p.Fail();
  if (!p.Expect(Tok::kLParen) || !p.Enter()) return false;
  Vec<JtColumn> v;
  do {
    JtColumn c;
    if (!ParseJtColumn(p, &c)) return false;
    v.push_back(c);
  } while (p.Accept(Tok::kComma));
  p.Leave();
  *out = p.ToList(v);
  return p.Expect(Tok::kRParen);
}

}  // namespace

// {NULL | ERROR | DEFAULT literal} ON {EMPTY | ERROR}; false when no
// response starts here (without failing) or on a syntax error (failed()).
bool ParseJsonResponse(Parser& p, JtResponse* on_empty, Literal** empty_default,
                       JtResponse* on_error, Literal** error_default) {
  JtResponse r;
  Literal* def = nullptr;
  if (p.IsKw(KW_NULL)) {
    r = JtResponse::kNull;
  } else if (p.IsWord("error")) {
    r = JtResponse::kError;
  } else if (p.IsKw(KW_DEFAULT)) {
    r = JtResponse::kDefault;
  } else {
    return false;
  }
  p.Next();
  if (r == JtResponse::kDefault) {
    if (!IsLiteralToken(p)) return p.Fail();
    def = p.ParseLiteral();
  }
  if (!p.ExpectKw(KW_ON)) return false;
  if (p.AcceptWord("empty") && *on_empty == JtResponse::kNone) {
    *on_empty = r;
    *empty_default = def;
  } else if (p.AcceptWord("error") && *on_error == JtResponse::kNone) {
    *on_error = r;
    *error_default = def;
  } else {
    return p.Fail();
  }
  return true;
}

bool ParseSystemTime(Parser& p, SystemTime** out) {
  p.Next(), p.Next();  // FOR SYSTEM_TIME
  auto* st = p.New<SystemTime>();
  if (p.AcceptKw(KW_ALL)) {
    st->kind = SystemTimeKind::kAll;
  } else if (p.AcceptKw(KW_AS)) {
    if (!p.AcceptWord("of")) return p.Fail();
    st->kind = SystemTimeKind::kAsOf;
    if (!ParseHistoryPoint(p, &st->unit, &st->from)) return false;
  } else if (p.IsKw(KW_BETWEEN) || p.IsKw(KW_FROM)) {
    bool between = p.Next().kw == KW_BETWEEN;
    st->kind = between ? SystemTimeKind::kBetween : SystemTimeKind::kFromTo;
    if (!ParseHistoryPoint(p, &st->unit, &st->from)) return false;
    if (!p.ExpectKw(between ? KW_AND : KW_TO)) return false;
    if (!ParseHistoryPoint(p, &st->unit2, &st->to)) return false;
  } else {
    return p.Fail();
  }
  *out = st;
  return true;
}

TableRef* ParseJsonTable(Parser& p) {
  p.Next();  // JSON_TABLE
  auto* j = p.New<JsonTable>();
  if (!p.Expect(Tok::kLParen)) return nullptr;
  j->expr = p.ParseExpr();
  if (j->expr == nullptr || !p.Expect(Tok::kComma)) return nullptr;
  if (!p.Is(Tok::kString)) return p.Fail(), nullptr;
  j->path = p.ParseLiteral();
  if (!ParseJtColumns(p, &j->columns) || !p.Expect(Tok::kRParen))
    return nullptr;
  if (!p.ParseAlias(&j->alias, false)) return nullptr;
  return j;
}

Expr* ParseOdbcEscape(Parser& p) {
  p.Next();  // {
  if (!p.Is(Tok::kIdent) && !p.Is(Tok::kQuotedIdent)) return p.Fail(), nullptr;
  absl::string_view word = p.Text(p.Next());
  Expr* e;
  if (p.Is(Tok::kString) &&
      (word == "d" || word == "D" || word == "t" || word == "T" ||
       absl::EqualsIgnoreCase(word, "ts"))) {
    Literal* lit = p.ParseLiteral();
    if (lit == nullptr) return nullptr;
    lit->lit = word.size() == 2               ? LitKind::kTimestamp
               : (word == "d" || word == "D") ? LitKind::kDate
                                              : LitKind::kTime;
    e = lit;
  } else {
    e = p.ParseExpr();
    if (e == nullptr) return nullptr;
  }
  return p.Expect(Tok::kRBrace) ? e : nullptr;
}

TableRef* ParseOdbcJoin(Parser& p) {
  p.Next(), p.Next();  // { OJ
  TableRef* t = p.ParseJoinedTable();
  if (t == nullptr) return nullptr;
  return p.Expect(Tok::kRBrace) ? t : nullptr;
}

}  // namespace tessera::sql
