// Column attributes beyond the core ones (typed on ColumnDef) and MariaDB
// PERIOD FOR definitions.
#include "lib/sql/parse_ext.h"

namespace tessera::sql {
namespace {

// A word value (FIXED, DISK, DEFAULT, ...) in lower case.
bool WordValue(Parser& p, absl::string_view* out) {
  if (!p.IsPlainWord()) return p.Fail();
  *out = p.LowerCopy(p.Text(p.Next()));
  return true;
}

bool IntValue(Parser& p, absl::string_view* out) {
  if (!p.Is(Tok::kInt)) return p.Fail();
  *out = p.Text(p.Next());
  return true;
}

// [GENERATED ALWAYS] AS ROW {START|END}
bool IsRowPeriod(const Parser& p) {
  size_t k = p.IsKw(KW_GENERATED) ? 2 : 0;
  if (k == 2 && !p.IsKw(KW_ALWAYS, 1)) return false;
  return p.IsKw(KW_AS, k) && p.IsKw(KW_ROW, k + 1) &&
         (p.IsKw(KW_START, k + 2) || p.IsKw(KW_END, k + 2));
}

}  // namespace

ColumnAttr ParseColumnAttribute(Parser& p, ColumnDef* c) {
  const Token& t = p.Peek();
  if (t.kind != Tok::kIdent) return ColumnAttr::kNone;
  bool ok = true;
  if (IsRowPeriod(p)) {
    if (p.AcceptKw(KW_GENERATED)) p.Next();  // ALWAYS
    p.Next(), p.Next();                      // AS ROW
    c->row_period = p.LowerCopy(p.Text(p.Next()));
  } else if (t.kw == KW_SERIAL && p.IsKw(KW_DEFAULT, 1) &&
             p.IsKw(KW_VALUE, 2)) {
    p.Next(), p.Next(), p.Next();
    c->serial_default_value = true;
  } else if (t.kw == KW_VISIBLE || t.kw == KW_INVISIBLE) {
    c->visibility = KeywordText(p.Next().kw);
  } else if (t.kw == KW_COLUMN_FORMAT) {
    p.Next();
    ok = WordValue(p, &c->column_format);
  } else if (t.kw == KW_STORAGE) {
    p.Next();
    ok = WordValue(p, &c->storage);
  } else if (t.kw == KW_SRID) {
    p.Next();
    ok = IntValue(p, &c->srid);
  } else if (p.IsWord("ref_system_id")) {
    p.Next();
    ok = p.Expect(Tok::kEq) && IntValue(p, &c->ref_system_id);
  } else if (((t.kw == KW_CHARACTER && p.IsKw(KW_SET, 1)) ||
              t.kw == KW_CHARSET) &&
             c->type->charset.empty()) {
    // MariaDB: `varchar(10) COMPRESSED CHARACTER SET x`.
    if (p.Next().kw == KW_CHARACTER) p.Next();
    ok = p.ParseAnyWord(&c->type->charset);
  } else if (t.kw == KW_COMPRESSED) {
    p.Next();
    c->compressed = true;
    ok = !p.Accept(Tok::kEq) || p.ParseIdent(&c->compression);
  } else if ((t.kw == KW_WITH || p.IsWord("without")) && p.IsKw(KW_SYSTEM, 1) &&
             p.IsWord("versioning", 2)) {
    c->versioning = p.LowerCopy(p.Text(p.Next()));
    p.Next(), p.Next();
  } else if (t.kw == KW_ENFORCED ||
             (t.kw == KW_NOT && p.IsKw(KW_ENFORCED, 1))) {
    // Only right after a CHECK constraint.
    if (c->check == nullptr || c->check_enforced != -1 ||
        p.Previous().kind != Tok::kRParen) {
      return p.Fail(), ColumnAttr::kError;
    }
    c->check_enforced = p.AcceptKw(KW_NOT) ? 0 : 1;
    p.Next();
  } else {
    return ColumnAttr::kNone;
  }
  return ok ? ColumnAttr::kDone : ColumnAttr::kError;
}

bool IsPeriodStart(const Parser& p) {
  return p.IsWord("period") && p.IsKw(KW_FOR, 1);
}

// {SYSTEM_TIME | name}: the period's name.
bool ParsePeriodName(Parser& p, PeriodDef* d) {
  if (p.IsWord("system_time")) {
    p.Next();
    d->system_time = true;
    return true;
  }
  return p.ParseIdent(&d->name);
}

PeriodDef* ParsePeriod(Parser& p) {
  if (!p.ExpectKw(KW_FOR)) return nullptr;
  auto* d = p.New<PeriodDef>();
  if (!ParsePeriodName(p, d) || !p.Expect(Tok::kLParen) ||
      !p.ParseIdent(&d->start) || !p.Expect(Tok::kComma) ||
      !p.ParseIdent(&d->end) || !p.Expect(Tok::kRParen)) {
    return nullptr;
  }
  return d;
}

bool ParseEnforced(Parser& p, int8_t* out) {
  if (p.IsKw(KW_ENFORCED) || (p.IsKw(KW_NOT) && p.IsKw(KW_ENFORCED, 1))) {
    *out = p.AcceptKw(KW_NOT) ? 0 : 1;
    p.Next();
  }
  return true;
}

bool ParseColumnCheck(Parser& p, ColumnCheck* k) {
  if (p.AcceptKw(KW_CONSTRAINT)) {
    k->constraint = true;
    if (!p.IsKw(KW_CHECK) && !p.ParseIdent(&k->name)) return false;
  }
  if (!p.ExpectKw(KW_CHECK) || !p.Expect(Tok::kLParen)) return false;
  k->expr = p.ParseExpr();
  if (k->expr == nullptr || !p.Expect(Tok::kRParen)) return false;
  return ParseEnforced(p, &k->enforced);
}

}  // namespace tessera::sql

namespace tessera::sql {

bool ParseVersioningSpec(Parser& p, AlterSpec* a, absl::string_view verb) {
  if (p.IsKw(KW_SYSTEM) && p.IsWord("versioning", 1)) {
    p.Next(), p.Next();
    a->kind = AlterKind::kSystemVersioning;
    a->word = verb;
    return true;
  }
  if (!p.IsWord("period") || !(p.IsKw(KW_FOR, 1) || p.IsKw(KW_IF, 1)))
    return false;
  p.Next();
  a->period = p.New<PeriodDef>();
  if (verb == "add") {
    a->kind = AlterKind::kAddPeriod;
    a->if_not_exists = p.ParseIfNotExists();
    PeriodDef* d = ParsePeriod(p);
    if (d != nullptr) *a->period = *d;
    return true;
  }
  a->kind = AlterKind::kDropPeriod;
  a->if_exists = p.ParseIfExists();
  if (p.ExpectKw(KW_FOR)) ParsePeriodName(p, a->period);
  return true;
}

}  // namespace tessera::sql
