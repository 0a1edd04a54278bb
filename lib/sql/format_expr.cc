// Formatting of expressions (operators, precedence, literals, subqueries).
#include "absl/strings/ascii.h"
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

void Formatter::PutLower(absl::string_view s) {
  for (char c : s)
    out_.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
}

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
  if (l.introducer == "N") {
    Put("N");
  } else if (!l.introducer.empty()) {
    PutLower(l.introducer);
    // _latin1 0x41 must not become the identifier _latin10x41.
    if (!l.text.empty() && l.text[0] != '\'' && l.text[0] != '"') Put(" ");
  }
  Put(l.text);
  for (absl::string_view s : l.more) {
    Put(" ");
    Put(s);
  }
}

void Formatter::Expr(const sql::Expr* e, int min_prec) {
  int prec = PrecOf(e);
  bool parens = prec < min_prec ||
                (opt_.parenthesize_all && prec < kPrecPrimary && min_prec > 0);
  if (parens) Put("(");
  switch (e->kind) {
    case ExprKind::kLiteral:
      Literal(*static_cast<const sql::Literal*>(e));
      break;
    case ExprKind::kColumn: {
      auto* c = static_cast<const Column*>(e);
      if (!c->db.empty()) Ident(c->db), Put(".");
      if (!c->table.empty()) Ident(c->table), Put(".");
      Ident(c->name);
      break;
    }
    case ExprKind::kStar: {
      auto* s = static_cast<const Star*>(e);
      if (!s->db.empty()) Ident(s->db), Put(".");
      if (!s->table.empty()) Ident(s->table), Put(".");
      Put("*");
      break;
    }
    case ExprKind::kParam:
      Put(static_cast<const Param*>(e)->text);
      break;
    case ExprKind::kVar:
      Put(static_cast<const Var*>(e)->text);
      break;
    case ExprKind::kUnary: {
      auto* u = static_cast<const Unary*>(e);
      switch (u->op) {
        case UnaryOp::kNeg:
          Put("-");
          break;
        case UnaryOp::kPlus:
          Put("+");
          break;
        case UnaryOp::kBitNot:
          Put("~");
          break;
        case UnaryOp::kBang:
          Put("!");
          break;
        case UnaryOp::kNot:
          Put("not ");
          break;
        case UnaryOp::kBinary:
          Put("binary ");
          break;
      }
      if ((u->op == UnaryOp::kNeg || u->op == UnaryOp::kPlus) &&
          u->operand->kind == ExprKind::kUnary) {
        Put(" ");
      }
      Expr(u->operand, u->op == UnaryOp::kNot ? kPrecNot : kPrecUnary);
      break;
    }
    case ExprKind::kBinary: {
      auto* b = static_cast<const Binary*>(e);
      int p = BinPrec(b->op);
      if (b->op == BinOp::kAssign) {
        Expr(b->left, p + 1);
        Put(BinText(b->op));
        Expr(b->right, p);
        break;
      }
      Expr(b->left, p == kPrecPred ? kPrecBitOr : p);
      Put(BinText(b->op));
      if (b->quant != Quantifier::kNone) {
        Put(b->quant == Quantifier::kAll ? "all " : "any ");
        Expr(b->right, kPrecPrimary);
      } else if (b->op == BinOp::kMemberOf) {
        Expr(b->right);
        Put(")");
      } else {
        Expr(b->right, p == kPrecPred ? kPrecBitOr : p + 1);
      }
      break;
    }
    case ExprKind::kIs: {
      auto* is = static_cast<const IsExpr*>(e);
      Expr(is->operand, kPrecCmp);
      Put(is->negated ? " is not " : " is ");
      switch (is->what) {
        case IsWhat::kNull:
          Put("null");
          break;
        case IsWhat::kTrue:
          Put("true");
          break;
        case IsWhat::kFalse:
          Put("false");
          break;
        case IsWhat::kUnknown:
          Put("unknown");
          break;
      }
      break;
    }
    case ExprKind::kBetween: {
      auto* b = static_cast<const Between*>(e);
      Expr(b->operand, kPrecBitOr);
      Put(b->negated ? " not between " : " between ");
      Expr(b->low, kPrecBitOr);
      Put(" and ");
      Expr(b->high, kPrecPred);
      break;
    }
    case ExprKind::kIn: {
      auto* in = static_cast<const InExpr*>(e);
      Expr(in->operand, kPrecBitOr);
      Put(in->negated ? " not in (" : " in (");
      if (in->subquery != nullptr)
        Query(in->subquery);
      else
        Exprs(in->list);
      Put(")");
      break;
    }
    case ExprKind::kLike: {
      auto* l = static_cast<const LikeExpr*>(e);
      Expr(l->operand, kPrecBitOr);
      if (l->negated) Put(" not");
      Put(l->regexp ? (l->rlike ? " rlike " : " regexp ") : " like ");
      Expr(l->pattern, kPrecBitOr);
      if (l->escape != nullptr) {
        Put(" escape ");
        Expr(l->escape, kPrecBitOr);
      }
      break;
    }
    case ExprKind::kCase: {
      auto* c = static_cast<const CaseExpr*>(e);
      Put("case");
      if (c->operand != nullptr) Put(" "), Expr(c->operand);
      for (const When& w : c->whens) {
        Put(" when ");
        Expr(w.cond);
        Put(" then ");
        Expr(w.result);
      }
      if (c->else_expr != nullptr) Put(" else "), Expr(c->else_expr);
      Put(" end");
      break;
    }
    case ExprKind::kCast: {
      auto* c = static_cast<const CastExpr*>(e);
      if (c->as_argument) {  // COLUMN_GET(d, n AS type)
        Expr(c->operand);
        Put(" as ");
        Type(*c->type);
        break;
      }
      Put(c->convert_syntax ? "convert(" : "cast(");
      Expr(c->operand);
      if (c->time_zone != nullptr) {
        Put(c->time_zone_interval ? " at time zone interval "
                                  : " at time zone ");
        Literal(*c->time_zone);
      }
      Put(c->convert_syntax ? ", " : " as ");
      Type(*c->type);
      if (c->type->array) Put(" array");
      Put(")");
      break;
    }
    case ExprKind::kConvertUsing: {
      auto* c = static_cast<const ConvertUsing*>(e);
      Put("convert(");
      Expr(c->operand);
      Put(" using ");
      Ident(c->charset);
      Put(")");
      break;
    }
    case ExprKind::kFunc:
      Func(*static_cast<const FuncCall*>(e));
      break;
    case ExprKind::kSubquery:
      Put("(");
      Query(static_cast<const SubqueryExpr*>(e)->query);
      Put(")");
      break;
    case ExprKind::kExists:
      Put("exists (");
      Query(static_cast<const ExistsExpr*>(e)->query);
      Put(")");
      break;
    case ExprKind::kTuple: {
      auto* t = static_cast<const TupleExpr*>(e);
      Put(t->row_keyword ? "row(" : "(");
      Exprs(t->items);
      Put(")");
      break;
    }
    case ExprKind::kInterval: {
      auto* iv = static_cast<const IntervalExpr*>(e);
      Put("interval ");
      // "interval (a) + 1 day" would re-parse as the function INTERVAL(a):
      // an operand that prints with a leading '(' gets its own parentheses.
      size_t at = out_.size();
      Expr(iv->value);
      if (out_.size() > at && out_[at] == '(' &&
          PrecOf(iv->value) < kPrecPrimary) {
        out_.insert(at, "(");
        Put(")");
      }
      Put(" ");
      Put(iv->unit);
      break;
    }
    case ExprKind::kCollate: {
      auto* c = static_cast<const CollateExpr*>(e);
      Expr(c->operand, kPrecPostfix);
      Put(" collate ");
      Ident(c->collation);
      break;
    }
    case ExprKind::kMatch: {
      auto* m = static_cast<const MatchExpr*>(e);
      Put("match (");
      Exprs(m->columns);
      Put(") against (");
      Expr(m->against, kPrecBitOr);
      switch (m->mode) {
        case MatchMode::kNaturalLanguage:
          Put(" in natural language mode");
          break;
        case MatchMode::kNaturalLanguageExpansion:
          Put(" in natural language mode with query expansion");
          break;
        case MatchMode::kBoolean:
          Put(" in boolean mode");
          break;
        case MatchMode::kExpansion:
          Put(" with query expansion");
          break;
        default:
          break;
      }
      Put(")");
      break;
    }
    case ExprKind::kDefault:
      Put("default");
      break;
    case ExprKind::kMaxValue:
      Put("maxvalue");
      break;
  }
  if (parens) Put(")");
}

}  // namespace tessera::sql
