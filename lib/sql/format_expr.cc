// Formatting of expressions (operators, precedence, literals, subqueries).
#include "lib/sql/formatter_internal.h"
#include "lib/sql/parser_internal.h"

namespace tessera::sql {
namespace {

int BinPrec(BinOp op) {
  switch (op) {
    case BinOp::kAssign:
      return kPrecAssign;
    case BinOp::kOr:
      return kPrecOr;
    case BinOp::kXor:
      return kPrecXor;
    case BinOp::kAnd:
      return kPrecAnd;
    case BinOp::kEq:
    case BinOp::kNullSafeEq:
    case BinOp::kNe:
    case BinOp::kLt:
    case BinOp::kLe:
    case BinOp::kGt:
    case BinOp::kGe:
      return kPrecCmp;
    case BinOp::kSoundsLike:
    case BinOp::kMemberOf:
      return kPrecPred;
    case BinOp::kBitOr:
      return kPrecBitOr;
    case BinOp::kBitAnd:
      return kPrecBitAnd;
    case BinOp::kShl:
    case BinOp::kShr:
      return kPrecShift;
    case BinOp::kAdd:
    case BinOp::kSub:
      return kPrecAdd;
    case BinOp::kMul:
    case BinOp::kDiv:
    case BinOp::kIntDiv:
    case BinOp::kMod:
      return kPrecMul;
    case BinOp::kBitXor:
      return kPrecBitXor;
    case BinOp::kJsonExtract:
    case BinOp::kJsonUnquote:
      return kPrecPostfix;
  }
  return kPrecPrimary;
}

absl::string_view BinText(BinOp op) {
  switch (op) {
    case BinOp::kAssign:
      return " := ";
    case BinOp::kOr:
      return " or ";
    case BinOp::kXor:
      return " xor ";
    case BinOp::kAnd:
      return " and ";
    case BinOp::kEq:
      return " = ";
    case BinOp::kNullSafeEq:
      return " <=> ";
    case BinOp::kNe:
      return " != ";
    case BinOp::kLt:
      return " < ";
    case BinOp::kLe:
      return " <= ";
    case BinOp::kGt:
      return " > ";
    case BinOp::kGe:
      return " >= ";
    case BinOp::kSoundsLike:
      return " sounds like ";
    case BinOp::kMemberOf:
      return " member of (";
    case BinOp::kBitOr:
      return " | ";
    case BinOp::kBitAnd:
      return " & ";
    case BinOp::kShl:
      return " << ";
    case BinOp::kShr:
      return " >> ";
    case BinOp::kAdd:
      return " + ";
    case BinOp::kSub:
      return " - ";
    case BinOp::kMul:
      return " * ";
    case BinOp::kDiv:
      return " / ";
    case BinOp::kIntDiv:
      return " div ";
    case BinOp::kMod:
      return " % ";
    case BinOp::kBitXor:
      return " ^ ";
    case BinOp::kJsonExtract:
      return "->";
    case BinOp::kJsonUnquote:
      return "->>";
  }
  return " ? ";
}

absl::string_view UnaryText(UnaryOp op) {
  switch (op) {
    case UnaryOp::kNeg:
      return "-";
    case UnaryOp::kPlus:
      return "+";
    case UnaryOp::kBitNot:
      return "~";
    case UnaryOp::kBang:
      return "!";
    case UnaryOp::kNot:
      return "not ";
    case UnaryOp::kBinary:
      return "binary ";
  }
  return "";
}

absl::string_view IsText(IsWhat w) {
  switch (w) {
    case IsWhat::kNull:
      return "null";
    case IsWhat::kTrue:
      return "true";
    case IsWhat::kFalse:
      return "false";
    case IsWhat::kUnknown:
      return "unknown";
  }
  return "";
}

absl::string_view MatchModeText(MatchMode m) {
  switch (m) {
    case MatchMode::kNaturalLanguage:
      return " in natural language mode";
    case MatchMode::kNaturalLanguageExpansion:
      return " in natural language mode with query expansion";
    case MatchMode::kBoolean:
      return " in boolean mode";
    case MatchMode::kExpansion:
      return " with query expansion";
    default:
      return "";
  }
}

}  // namespace

int PrecOf(const sql::Expr* e) {
  switch (e->kind) {
    case ExprKind::kUnary:
      return static_cast<const Unary*>(e)->op == UnaryOp::kNot ? kPrecNot
                                                               : kPrecUnary;
    case ExprKind::kBinary:
      return BinPrec(static_cast<const Binary*>(e)->op);
    case ExprKind::kIs:
      return kPrecCmp;
    case ExprKind::kBetween:
    case ExprKind::kIn:
    case ExprKind::kLike:
      return kPrecPred;
    case ExprKind::kCollate:
      return kPrecPostfix;
    default:
      return kPrecPrimary;
  }
}

// One function per expression kind; Formatter::Expr adds the parentheses
// precedence needs and dispatches.
namespace {

void PutQualifier(Formatter& f, const Ident& db, const Ident& table) {
  if (!db.empty()) f.Ident(db), f.PutChar('.');
  if (!table.empty()) f.Ident(table), f.PutChar('.');
}

void PutUnary(Formatter& f, const Unary& u) {
  f.Put(UnaryText(u.op));
  // "- -x", not the comment "--x".
  if ((u.op == UnaryOp::kNeg || u.op == UnaryOp::kPlus) &&
      u.operand->kind == ExprKind::kUnary) {
    f.PutChar(' ');
  }
  f.Expr(u.operand, u.op == UnaryOp::kNot ? kPrecNot : kPrecUnary);
}

void PutBinary(Formatter& f, const Binary& b) {
  int p = BinPrec(b.op);
  if (b.op == BinOp::kAssign) {  // right-associative
    f.Expr(b.left, p + 1);
    f.Put(BinText(b.op));
    f.Expr(b.right, p);
    return;
  }
  f.Expr(b.left, p == kPrecPred ? kPrecBitOr : p);
  f.Put(BinText(b.op));
  if (b.quant != Quantifier::kNone) {
    f.Put(b.quant == Quantifier::kAll ? "all " : "any ");
    f.Expr(b.right, kPrecPrimary);
  } else if (b.op == BinOp::kMemberOf) {
    f.Expr(b.right);
    f.PutChar(')');
  } else {
    f.Expr(b.right, p == kPrecPred ? kPrecBitOr : p + 1);
  }
}

void PutIs(Formatter& f, const IsExpr& is) {
  f.Expr(is.operand, kPrecCmp);
  f.Put(is.negated ? " is not " : " is ");
  f.Put(IsText(is.what));
}

void PutBetween(Formatter& f, const Between& b) {
  f.Expr(b.operand, kPrecBitOr);
  f.Put(b.negated ? " not between " : " between ");
  f.Expr(b.low, kPrecBitOr);
  f.Put(" and ");
  f.Expr(b.high, kPrecPred);
}

void PutIn(Formatter& f, const InExpr& in) {
  f.Expr(in.operand, kPrecBitOr);
  f.Put(in.negated ? " not in (" : " in (");
  if (in.subquery != nullptr) {
    f.Query(in.subquery);
  } else {
    f.Exprs(in.list);
  }
  f.PutChar(')');
}

void PutLike(Formatter& f, const LikeExpr& l) {
  f.Expr(l.operand, kPrecBitOr);
  if (l.negated) f.Put(" not");
  f.Put(l.regexp ? (l.rlike ? " rlike " : " regexp ") : " like ");
  f.Expr(l.pattern, kPrecBitOr);
  if (l.escape != nullptr) {
    f.Put(" escape ");
    f.Expr(l.escape, kPrecBitOr);
  }
}

void PutCase(Formatter& f, const CaseExpr& c) {
  f.Put("case");
  if (c.operand != nullptr) f.PutChar(' '), f.Expr(c.operand);
  for (const When& w : c.whens) {
    f.Put(" when ");
    f.Expr(w.cond);
    f.Put(" then ");
    f.Expr(w.result);
  }
  if (c.else_expr != nullptr) f.Put(" else "), f.Expr(c.else_expr);
  f.Put(" end");
}

void PutCast(Formatter& f, const CastExpr& c) {
  if (c.as_argument) {  // COLUMN_GET(d, n AS type)
    f.Expr(c.operand);
    f.Put(" as ");
    f.Type(*c.type);
    return;
  }
  f.Put(c.convert_syntax ? "convert(" : "cast(");
  f.Expr(c.operand);
  if (c.time_zone != nullptr) {
    f.Put(c.time_zone_interval ? " at time zone interval " : " at time zone ");
    f.Literal(*c.time_zone);
  }
  f.Put(c.convert_syntax ? ", " : " as ");
  f.Type(*c.type);
  if (c.type->array) f.Put(" array");
  f.PutChar(')');
}

void PutConvert(Formatter& f, const ConvertUsing& c) {
  f.Put("convert(");
  f.Expr(c.operand);
  f.Put(" using ");
  f.Ident(c.charset);
  f.PutChar(')');
}

void PutInterval(Formatter& f, const IntervalExpr& iv) {
  f.Put("interval ");
  // "interval (a) + 1 day" would re-parse as the function INTERVAL(a):
  // an operand that prints with a leading '(' gets its own parentheses.
  size_t at = f.Mark();
  f.Expr(iv.value);
  if (f.Mark() > at && f.CharAt(at) == '(' && PrecOf(iv.value) < kPrecPrimary) {
    f.InsertAt(at, '(');
    f.PutChar(')');
  }
  f.PutChar(' ');
  f.Put(iv.unit);
}

void PutMatch(Formatter& f, const MatchExpr& m) {
  f.Put("match (");
  f.Exprs(m.columns);
  f.Put(") against (");
  f.Expr(m.against, kPrecBitOr);
  f.Put(MatchModeText(m.mode));
  f.PutChar(')');
}

void PutTuple(Formatter& f, const TupleExpr& t) {
  f.Put(t.row_keyword ? "row(" : "(");
  f.Exprs(t.items);
  f.PutChar(')');
}

void PutCollate(Formatter& f, const CollateExpr& c) {
  f.Expr(c.operand, kPrecPostfix);
  f.Put(" collate ");
  f.Ident(c.collation);
}

void PutSubquery(Formatter& f, absl::string_view open, const QueryExpr* q) {
  f.Put(open);
  f.Query(q);
  f.PutChar(')');
}

}  // namespace

void Formatter::Exprs(const List<sql::Expr*>& list) {
  for (uint32_t i = 0; i < list.size; ++i) {
    if (i > 0) Put(", ");
    Expr(list[i]);
  }
}

void Formatter::Literal(const sql::Literal& l) {
  switch (l.lit) {
    case LitKind::kDate:
      Put("date ");
      break;
    case LitKind::kTime:
      Put("time ");
      break;
    case LitKind::kTimestamp:
      Put("timestamp ");
      break;
    default:
      break;
  }
  if (!l.introducer.empty()) {
    if (l.introducer == "N") {
      PutChar('N');
    } else {
      PutLower(l.introducer);
      // _latin1 0x41 must not become the identifier _latin10x41.
      if (!l.text.empty() && l.text[0] != '\'' && l.text[0] != '"') {
        PutChar(' ');
      }
    }
  }
  Put(l.text);
  for (absl::string_view s : l.more) {
    PutChar(' ');
    Put(s);
  }
}

void Formatter::Expr(const sql::Expr* e, int min_prec) {
  switch (e->kind) {  // names and literals bind tightest: no parentheses
    case ExprKind::kLiteral:
      Literal(*static_cast<const sql::Literal*>(e));
      return;
    case ExprKind::kColumn: {
      auto* c = static_cast<const Column*>(e);
      PutQualifier(*this, c->db, c->table);
      Ident(c->name);
      return;
    }
    case ExprKind::kStar: {
      auto* s = static_cast<const Star*>(e);
      PutQualifier(*this, s->db, s->table);
      PutChar('*');
      return;
    }
    case ExprKind::kParam:
      Put(static_cast<const Param*>(e)->text);
      return;
    case ExprKind::kVar:
      Put(static_cast<const Var*>(e)->text);
      return;
    default:
      break;
  }
  int prec = PrecOf(e);
  bool parens = prec < min_prec ||
                (opt_.parenthesize_all && prec < kPrecPrimary && min_prec > 0);
  if (parens) PutChar('(');
  switch (e->kind) {
    case ExprKind::kUnary:
      PutUnary(*this, *static_cast<const Unary*>(e));
      break;
    case ExprKind::kBinary:
      PutBinary(*this, *static_cast<const Binary*>(e));
      break;
    case ExprKind::kIs:
      PutIs(*this, *static_cast<const IsExpr*>(e));
      break;
    case ExprKind::kBetween:
      PutBetween(*this, *static_cast<const Between*>(e));
      break;
    case ExprKind::kIn:
      PutIn(*this, *static_cast<const InExpr*>(e));
      break;
    case ExprKind::kLike:
      PutLike(*this, *static_cast<const LikeExpr*>(e));
      break;
    default:
      OtherExpr(e);
  }
  if (parens) PutChar(')');
}

// The kinds that bind like primaries (their own keywords or parentheses).
void Formatter::OtherExpr(const sql::Expr* e) {
  switch (e->kind) {
    case ExprKind::kCase:
      PutCase(*this, *static_cast<const CaseExpr*>(e));
      break;
    case ExprKind::kCast:
      PutCast(*this, *static_cast<const CastExpr*>(e));
      break;
    case ExprKind::kConvertUsing:
      PutConvert(*this, *static_cast<const ConvertUsing*>(e));
      break;
    case ExprKind::kFunc:
      Func(*static_cast<const FuncCall*>(e));
      break;
    case ExprKind::kSubquery:
      PutSubquery(*this, "(", static_cast<const SubqueryExpr*>(e)->query);
      break;
    case ExprKind::kExists:
      PutSubquery(*this, "exists (", static_cast<const ExistsExpr*>(e)->query);
      break;
    case ExprKind::kTuple:
      PutTuple(*this, *static_cast<const TupleExpr*>(e));
      break;
    case ExprKind::kInterval:
      PutInterval(*this, *static_cast<const IntervalExpr*>(e));
      break;
    case ExprKind::kCollate:
      PutCollate(*this, *static_cast<const CollateExpr*>(e));
      break;
    case ExprKind::kMatch:
      PutMatch(*this, *static_cast<const MatchExpr*>(e));
      break;
    case ExprKind::kDefault:
      Put("default");
      break;
    case ExprKind::kMaxValue:
      Put("maxvalue");
      break;
    case ExprKind::kLiteral:  // operators and names: Expr
    case ExprKind::kColumn:
    case ExprKind::kStar:
    case ExprKind::kParam:
    case ExprKind::kVar:
    case ExprKind::kUnary:
    case ExprKind::kBinary:
    case ExprKind::kIs:
    case ExprKind::kBetween:
    case ExprKind::kIn:
    case ExprKind::kLike:
      break;
  }
}

}  // namespace tessera::sql
