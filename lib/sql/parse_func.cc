// Function calls (with their special argument forms), data types, windows.
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/sql/parse_ext.h"

namespace tessera::sql {
namespace {

// MariaDB functions whose arguments may carry a type: WEIGHT_STRING(s AS
// CHAR(n)), COLUMN_CREATE(name, value AS type, ...), COLUMN_ADD(d, name,
// value AS type, ...), COLUMN_GET(d, name AS type).
bool TakesTypedArgs(absl::string_view name) {
  if (name.size() != 10 && name.size() != 13) return false;
  return absl::EqualsIgnoreCase(name, "column_get") ||
         absl::EqualsIgnoreCase(name, "column_add") ||
         absl::EqualsIgnoreCase(name, "column_create") ||
         absl::EqualsIgnoreCase(name, "weight_string");
}

// After LEVEL in WEIGHT_STRING: n-m, or n [ASC|DESC] [REVERSE], ...
// (MariaDB); the canonical text goes to f->extra->levels.
bool ParseWeightLevels(Parser& p, FuncCall* f) {
  std::string text;
  if (!p.Is(Tok::kInt)) return p.Fail();
  absl::StrAppend(&text, p.Text(p.Next()));
  if (p.Accept(Tok::kMinus)) {
    if (!p.Is(Tok::kInt)) return p.Fail();
    absl::StrAppend(&text, "-", p.Text(p.Next()));
  } else {
    while (true) {
      if (p.AcceptKw(KW_DESC)) {
        text += " desc";
      } else if (p.AcceptKw(KW_ASC)) {
        text += " asc";
      }
      if (p.AcceptWord("reverse")) text += " reverse";
      if (!p.Accept(Tok::kComma)) break;
      if (!p.Is(Tok::kInt)) return p.Fail();
      absl::StrAppend(&text, ", ", p.Text(p.Next()));
    }
  }
  f->extra = p.New<FuncExtra>();
  f->extra->levels = p.Copy(text);
  return true;
}

bool ParseTypedArgs(Parser& p, FuncCall* f) {
  Vec<Expr*> v;
  bool weight = absl::EqualsIgnoreCase(f->name, "weight_string");
  do {
    Expr* e = p.ParseExpr();
    if (e == nullptr) return false;
    if (p.AcceptKw(KW_AS)) {
      auto* c = p.New<CastExpr>();
      c->operand = e;
      c->as_argument = true;
      c->type = p.ParseDataType(true);
      if (c->type == nullptr) return false;
      e = c;
    }
    v.push_back(e);
    if (weight && v.size() == 1 && p.AcceptKw(KW_LEVEL)) {
      if (!ParseWeightLevels(p, f)) return false;
      break;
    }
  } while (p.Accept(Tok::kComma));
  f->args = p.ToList(v);
  return true;
}

// JSON_VALUE(j, path [RETURNING type] [resp ON EMPTY] [resp ON ERROR]).
bool ParseJsonValueArgs(Parser& p, FuncCall* f) {
  if (!p.ParseExprList(&f->args)) return false;
  if (f->args.size != 2) return true;
  FuncExtra x;
  if (p.AcceptWord("returning")) {
    x.returning = p.ParseDataType(true);
    if (x.returning == nullptr) return false;
  }
  while (ParseJsonResponse(p, &x.on_empty, &x.empty_default, &x.on_error,
                           &x.error_default)) {
  }
  if (p.failed()) return false;
  if (x.returning != nullptr || x.on_empty != JtResponse::kNone ||
      x.on_error != JtResponse::kNone) {
    f->extra = p.New<FuncExtra>(x);
  }
  return true;
}

// The tail of GROUP_CONCAT-like aggregates after the arguments: [ORDER BY
// ...] [SEPARATOR 'x'] [LIMIT [offset,] n | n OFFSET m] (MariaDB: LIMIT;
// JSON_ARRAYAGG takes ORDER BY and LIMIT).
bool ParseAggregateTail(Parser& p, FuncCall* f, bool separator) {
  if (p.AcceptKw(KW_ORDER)) {
    if (!p.ExpectKw(KW_BY) || !p.ParseOrderBy(&f->order_by)) return false;
  }
  if (separator && p.AcceptKw(KW_SEPARATOR)) {
    if (!p.Is(Tok::kString)) return p.Fail();
    f->separator = p.ParseLiteral();
    if (f->separator == nullptr) return false;
  }
  if (p.AcceptKw(KW_LIMIT)) {
    f->limit = p.ParseUnary();
    if (f->limit == nullptr) return false;
    if (p.Accept(Tok::kComma)) {
      f->offset = f->limit;
      f->limit = p.ParseUnary();
      if (f->limit == nullptr) return false;
    } else if (p.AcceptKw(KW_OFFSET)) {
      f->offset = p.ParseUnary();
      if (f->offset == nullptr) return false;
    }
  }
  return true;
}

bool ParseSubstringArgs(Parser& p, FuncCall* f) {
  Expr* s = p.ParseExpr();
  if (s == nullptr) return false;
  Vec<Expr*> v{s};
  if (p.AcceptKw(KW_FROM)) {
    f->form = FuncForm::kSubstrFrom;
    Expr* pos = p.ParseExpr();
    if (pos == nullptr) return false;
    v.push_back(pos);
    if (p.AcceptKw(KW_FOR)) {
      Expr* n = p.ParseExpr();
      if (n == nullptr) return false;
      v.push_back(n);
    }
  } else {
    while (p.Accept(Tok::kComma)) {
      Expr* e = p.ParseExpr();
      if (e == nullptr) return false;
      v.push_back(e);
    }
  }
  f->args = p.ToList(v);
  return true;
}

}  // namespace

Expr* ParseSequenceValue(Parser& p) {
  bool next = p.Next().kw == KW_NEXT;
  p.Next();  // VALUE
  p.Next();  // FOR
  TableName seq;
  if (!p.ParseTableName(&seq)) return nullptr;
  auto* col = p.New<Column>();
  col->table = seq.db;
  col->name = seq.name;
  auto* f = p.New<FuncCall>();
  f->name = next ? "nextval" : "lastval";
  Vec<Expr*> args{col};
  f->args = p.ToList(args);
  return f;
}

Expr* Parser::ParseFunction(Ident db, const Token& name) {
  if (!Enter()) return nullptr;
  auto* f = New<FuncCall>();
  f->db = db;
  f->name = Text(name);
  Next();  // (
  if (!ParseFuncArgs(f, name) || !Expect(Tok::kRParen)) return nullptr;
  // NTH_VALUE(...) FROM LAST / IGNORE NULLS, then OVER.
  if (IsKw(KW_FROM) && (IsKw(KW_FIRST, 1) || IsKw(KW_LAST, 1)) && db.empty() &&
      name.kw == KW_NTH_VALUE) {
    Next();
    f->from_last = Next().kw == KW_LAST;
  }
  if ((IsKw(KW_IGNORE) || IsKw(KW_RESPECT)) && IsKw(KW_NULLS, 1)) {
    f->ignore_nulls = Next().kw == KW_IGNORE;
    Next();
  }
  // PERCENTILE_CONT(x) WITHIN GROUP (ORDER BY y), then OVER.
  if (IsKw(KW_WITHIN) && IsKw(KW_GROUP, 1) && f->form == FuncForm::kPlain) {
    Next();
    Next();
    if (!Expect(Tok::kLParen) || !ExpectKw(KW_ORDER) || !ExpectKw(KW_BY) ||
        !ParseOrderBy(&f->order_by) || !Expect(Tok::kRParen)) {
      return nullptr;
    }
    f->form = FuncForm::kWithinGroup;
  }
  if (IsKw(KW_OVER) && db.empty() && !ParseOver(f)) return nullptr;
  Leave();
  return f;
}

bool Parser::ParseOver(FuncCall* f) {
  Next();  // OVER
  f->has_over = true;
  if (Is(Tok::kLParen)) return ParseWindowSpec(&f->over);
  return ParseIdent(&f->over_name);
}

bool Parser::ParseFuncArgs(FuncCall* f, const Token& name) {
  Keyword kw = f->db.empty() ? name.kw : KW_NONE;
  if (Is(Tok::kRParen)) return true;
  switch (kw) {
    case KW_COUNT:
      if (Is(Tok::kStar)) {
        Next();
        f->form = FuncForm::kCountStar;
        return true;
      }
      break;
    case KW_EXTRACT:
      if (!IsIntervalUnit(Peek())) return Fail();
      f->form = FuncForm::kExtract;
      f->word = KeywordText(Next().kw);
      if (!ExpectKw(KW_FROM)) return false;
      return ParseExprList(&f->args);
    case KW_POSITION: {
      Expr* a = ParseExprPrec(kPrecBitOr);
      if (a == nullptr) return false;
      if (AcceptKw(KW_IN)) {
        f->form = FuncForm::kPosition;
        Vec<Expr*> v{a};
        Expr* b = ParseExpr();
        if (b == nullptr) return false;
        v.push_back(b);
        f->args = ToList(v);
        return true;
      }
      Vec<Expr*> v{a};
      while (Accept(Tok::kComma)) {
        Expr* e = ParseExpr();
        if (e == nullptr) return false;
        v.push_back(e);
      }
      f->args = ToList(v);
      return true;
    }
    case KW_TRIM: {
      if (AcceptKw(KW_BOTH))
        f->trim_mode = TrimMode::kBoth;
      else if (AcceptKw(KW_LEADING))
        f->trim_mode = TrimMode::kLeading;
      else if (AcceptKw(KW_TRAILING))
        f->trim_mode = TrimMode::kTrailing;
      Vec<Expr*> v;
      if (!IsKw(KW_FROM)) {
        Expr* a = ParseExpr();
        if (a == nullptr) return false;
        v.push_back(a);
      }
      if (AcceptKw(KW_FROM)) {
        f->form = FuncForm::kTrim;
        Expr* b = ParseExpr();
        if (b == nullptr) return false;
        v.push_back(b);
      } else if (f->trim_mode != TrimMode::kNone || v.empty()) {
        return Fail();
      }
      f->args = ToList(v);
      return true;
    }
    case KW_SUBSTRING:
    case KW_SUBSTR:
      return ParseSubstringArgs(*this, f);
    case KW_CHAR: {
      if (!ParseExprList(&f->args)) return false;
      if (AcceptKw(KW_USING)) {
        Ident cs;
        if (!ParseAnyWord(&cs)) return false;
        f->form = FuncForm::kCharUsing;
        f->word = cs.raw;
      }
      return true;
    }
    case KW_GROUP_CONCAT: {
      f->form = FuncForm::kGroupConcat;
      f->distinct = AcceptKw(KW_DISTINCT);
      if (!ParseExprList(&f->args)) return false;
      return ParseAggregateTail(*this, f, true);
    }
    default:
      break;
  }
  if (f->db.empty() && name.kw == KW_NONE && Peek().kind == Tok::kIdent &&
      IsIntervalUnit(Peek()) && Is(Tok::kComma, 1)) {
    absl::string_view n = Text(name);
    if (absl::EqualsIgnoreCase(n, "timestampadd") ||
        absl::EqualsIgnoreCase(n, "timestampdiff")) {
      f->form = FuncForm::kTimeUnit;
      f->word = KeywordText(Next().kw);
      Next();
      return ParseExprList(&f->args);
    }
  }
  if (f->db.empty() && name.kw == KW_NONE) {
    absl::string_view n = Text(name);
    if (TakesTypedArgs(n)) return ParseTypedArgs(*this, f);
    if (absl::EqualsIgnoreCase(n, "mid")) return ParseSubstringArgs(*this, f);
    if (absl::EqualsIgnoreCase(n, "json_value")) {
      return ParseJsonValueArgs(*this, f);
    }
    if (absl::EqualsIgnoreCase(n, "json_arrayagg")) {
      f->distinct = AcceptKw(KW_DISTINCT);
      return ParseExprList(&f->args) && ParseAggregateTail(*this, f, false);
    }
  }
  if (AcceptKw(KW_DISTINCT) || AcceptKw(KW_DISTINCTROW)) {
    f->distinct = true;
  } else {
    AcceptKw(KW_ALL);
  }
  return ParseExprList(&f->args);
}

bool Parser::ParseOrderBy(List<OrderItem>* out) {
  Vec<OrderItem> v;
  do {
    OrderItem item;
    item.expr = ParseExpr();
    if (item.expr == nullptr) return false;
    if (AcceptKw(KW_DESC))
      item.dir = OrderDir::kDesc;
    else
      AcceptKw(KW_ASC);
    v.push_back(item);
  } while (Accept(Tok::kComma));
  *out = ToList(v);
  return true;
}

namespace {

bool ParseBound(Parser& p, FrameBound* b) {
  if (p.AcceptKw(KW_UNBOUNDED)) {
    if (p.AcceptKw(KW_PRECEDING))
      b->kind = BoundKind::kUnboundedPreceding;
    else if (p.AcceptKw(KW_FOLLOWING))
      b->kind = BoundKind::kUnboundedFollowing;
    else
      return p.Fail();
    return true;
  }
  if (p.IsKw(KW_CURRENT) && p.IsKw(KW_ROW, 1)) {
    p.Next();
    p.Next();
    b->kind = BoundKind::kCurrentRow;
    return true;
  }
  b->value = p.ParseUnary();
  if (b->value == nullptr) return false;
  if (p.AcceptKw(KW_PRECEDING))
    b->kind = BoundKind::kPreceding;
  else if (p.AcceptKw(KW_FOLLOWING))
    b->kind = BoundKind::kFollowing;
  else
    return p.Fail();
  return true;
}

// After EXCLUDE: CURRENT ROW | GROUP | TIES | NO OTHERS.
bool ParseFrameExclude(Parser& p, Frame* fr) {
  if (p.IsKw(KW_CURRENT) && p.IsKw(KW_ROW, 1)) {
    p.Next();
    p.Next();
    fr->exclude = FrameExclude::kCurrentRow;
  } else if (p.AcceptKw(KW_GROUP)) {
    fr->exclude = FrameExclude::kGroup;
  } else if (p.AcceptWord("ties")) {
    fr->exclude = FrameExclude::kTies;
  } else if (p.AcceptWord("no") && p.AcceptWord("others")) {
    fr->exclude = FrameExclude::kNoOthers;
  } else {
    return p.Fail();
  }
  return true;
}

}  // namespace

bool Parser::ParseWindowSpec(WindowSpec** out) {
  if (!Expect(Tok::kLParen)) return false;
  auto* w = New<WindowSpec>();
  if (IsIdent() && !IsKw(KW_PARTITION) && !IsKw(KW_ORDER) && !IsKw(KW_ROWS) &&
      !IsKw(KW_RANGE) && !IsKw(KW_GROUPS)) {
    ParseIdent(&w->base);
  }
  if (AcceptKw(KW_PARTITION)) {
    if (!ExpectKw(KW_BY) || !ParseExprList(&w->partition_by)) return false;
  }
  if (AcceptKw(KW_ORDER)) {
    if (!ExpectKw(KW_BY) || !ParseOrderBy(&w->order_by)) return false;
  }
  if (IsKw(KW_ROWS) || IsKw(KW_RANGE) || IsKw(KW_GROUPS)) {
    auto* fr = New<Frame>();
    Keyword u = Next().kw;
    fr->unit = u == KW_ROWS    ? FrameUnit::kRows
               : u == KW_RANGE ? FrameUnit::kRange
                               : FrameUnit::kGroups;
    if (AcceptKw(KW_BETWEEN)) {
      fr->between = true;
      if (!ParseBound(*this, &fr->start) || !ExpectKw(KW_AND) ||
          !ParseBound(*this, &fr->end)) {
        return false;
      }
    } else if (!ParseBound(*this, &fr->start)) {
      return false;
    }
    if (AcceptWord("exclude") && !ParseFrameExclude(*this, fr)) return false;
    w->frame = fr;
  }
  *out = w;
  return Expect(Tok::kRParen);
}

// Types for CAST/CONVERT (cast = true) and column definitions.
namespace {

// Reserved words that name a type; any other reserved word is not a type
// (user-defined/plugin type names are plain identifiers).
bool IsReservedTypeWord(Keyword kw) {
  switch (kw) {
    case KW_BIGINT:
    case KW_BINARY:
    case KW_BLOB:
    case KW_CHAR:
    case KW_CHARACTER:
    case KW_DEC:
    case KW_DECIMAL:
    case KW_DOUBLE:
    case KW_FLOAT:
    case KW_FLOAT4:
    case KW_FLOAT8:
    case KW_INT:
    case KW_INT1:
    case KW_INT2:
    case KW_INT3:
    case KW_INT4:
    case KW_INT8:
    case KW_INTEGER:
    case KW_LONG:
    case KW_LONGBLOB:
    case KW_LONGTEXT:
    case KW_MEDIUMBLOB:
    case KW_MEDIUMINT:
    case KW_MEDIUMTEXT:
    case KW_MIDDLEINT:
    case KW_NUMERIC:
    case KW_REAL:
    case KW_SMALLINT:
    case KW_TINYBLOB:
    case KW_TINYINT:
    case KW_TINYTEXT:
    case KW_UNSIGNED:
    case KW_VARBINARY:
    case KW_VARCHAR:
    case KW_VARCHARACTER:
    case KW_SET:
      return true;
    default:
      return false;
  }
}

// MariaDB CAST(x AS INTERVAL unit [(n)]); at INTERVAL.
DataType* ParseIntervalType(Parser& p) {
  p.Next();
  if (!p.IsIntervalUnit(p.Peek())) return p.Fail(), nullptr;
  auto* d = p.New<DataType>();
  d->name = p.Copy(absl::StrCat("interval ", KeywordText(p.Next().kw)));
  if (p.Accept(Tok::kLParen)) {
    d->has_length = true;
    if (!p.Is(Tok::kInt)) return p.Fail(), nullptr;
    d->length = p.Text(p.Next());
    if (!p.Expect(Tok::kRParen)) return nullptr;
  }
  return d;
}

}  // namespace

DataType* Parser::ParseDataType(bool cast) {
  const Token& t = Peek();
  if (t.kind != Tok::kIdent) return Fail(), nullptr;
  if (cast && t.kw == KW_INTERVAL) return ParseIntervalType(*this);
  if (ClassOf(t.kw) == KeywordClass::kReserved && !IsReservedTypeWord(t.kw))
    return Fail(), nullptr;
  auto* d = New<DataType>();
  Next();
  d->name = Text(t);
  switch (t.kw) {
    case KW_DOUBLE:
      AcceptKw(KW_PRECISION);
      break;
    case KW_SIGNED:
    case KW_UNSIGNED:
      if (!AcceptKw(KW_INTEGER)) AcceptKw(KW_INT);
      break;
    case KW_NATIONAL:
      if (IsKw(KW_CHAR) || IsKw(KW_VARCHAR) || IsKw(KW_CHARACTER)) {
        d->name = Next().kw == KW_VARCHAR ? "nvarchar" : "nchar";
        if (AcceptKw(KW_VARYING)) d->name = "nvarchar";
      }
      break;
    case KW_CHARACTER:
    case KW_CHAR:
      if (AcceptKw(KW_VARYING)) d->name = "varchar";
      break;
    case KW_LONG:
      if (AcceptKw(KW_VARBINARY))
        d->name = "mediumblob";
      else if (AcceptKw(KW_VARCHAR))
        d->name = "mediumtext";
      break;
    default:
      break;
  }
  if (Accept(Tok::kLParen)) {
    d->has_length = true;
    if (Is(Tok::kInt)) {
      d->length = Text(Next());
      if (Accept(Tok::kComma)) {
        if (!Is(Tok::kInt)) return Fail(), nullptr;
        d->scale = Text(Next());
      }
    } else if (Is(Tok::kString) && !cast) {
      Vec<Literal*> vals;
      do {
        Literal* l = ParseLiteral();
        if (l == nullptr) return nullptr;
        vals.push_back(l);
      } while (Accept(Tok::kComma));
      d->values = ToList(vals);
    }
    if (!Expect(Tok::kRParen)) return nullptr;
  }
  while (true) {
    if (AcceptKw(KW_UNSIGNED))
      d->is_unsigned = true;
    else if (AcceptKw(KW_SIGNED))
      d->is_signed = true;
    else if (AcceptKw(KW_ZEROFILL))
      d->zerofill = true;
    else if (AcceptKw(KW_BINARY))
      d->binary = true;
    else if (IsWord("byte") && (t.kw == KW_CHAR || t.kw == KW_CHARACTER))
      d->name = "binary", Next();  // MariaDB: CHAR BYTE is BINARY
    else if (IsKw(KW_CHARACTER) && IsKw(KW_SET, 1)) {
      Next();
      Next();
      if (!ParseAnyWord(&d->charset)) return nullptr;
    } else if (AcceptKw(KW_CHARSET)) {
      if (!ParseAnyWord(&d->charset)) return nullptr;
    } else if (d->charset.empty() && (IsWord("ascii") || IsWord("unicode"))) {
      // MariaDB: CHAR ASCII is CHARACTER SET latin1, UNICODE is ucs2.
      d->charset.raw = IsWord("ascii") ? "latin1" : "ucs2";
      Next();
    } else if (AcceptKw(KW_COLLATE)) {
      if (!ParseAnyWord(&d->collate)) return nullptr;
    } else {
      break;
    }
  }
  return d;
}

}  // namespace tessera::sql
