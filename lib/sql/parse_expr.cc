// Expression parsing: precedence climbing over MySQL's operator table.
#include "lib/sql/parser_internal.h"

namespace tessera::sql {
namespace {

struct InfixOp {
  int prec = 0;
  BinOp op = BinOp::kOr;
  bool special = false;  // IS, IN, LIKE, BETWEEN, NOT ..., SOUNDS, MEMBER
};

InfixOp InfixOf(const Parser& p) {
  const Token& t = p.Peek();
  switch (t.kind) {
    case Tok::kAssign:
      return {kPrecAssign, BinOp::kAssign};
    case Tok::kOrOr:
      return {kPrecOr, BinOp::kOr};
    case Tok::kAndAnd:
      return {kPrecAnd, BinOp::kAnd};
    case Tok::kEq:
      return {kPrecCmp, BinOp::kEq};
    case Tok::kNullSafeEq:
      return {kPrecCmp, BinOp::kNullSafeEq};
    case Tok::kNe:
      return {kPrecCmp, BinOp::kNe};
    case Tok::kLt:
      return {kPrecCmp, BinOp::kLt};
    case Tok::kLe:
      return {kPrecCmp, BinOp::kLe};
    case Tok::kGt:
      return {kPrecCmp, BinOp::kGt};
    case Tok::kGe:
      return {kPrecCmp, BinOp::kGe};
    case Tok::kPipe:
      return {kPrecBitOr, BinOp::kBitOr};
    case Tok::kAmp:
      return {kPrecBitAnd, BinOp::kBitAnd};
    case Tok::kShl:
      return {kPrecShift, BinOp::kShl};
    case Tok::kShr:
      return {kPrecShift, BinOp::kShr};
    case Tok::kPlus:
      return {kPrecAdd, BinOp::kAdd};
    case Tok::kMinus:
      return {kPrecAdd, BinOp::kSub};
    case Tok::kStar:
      return {kPrecMul, BinOp::kMul};
    case Tok::kSlash:
      return {kPrecMul, BinOp::kDiv};
    case Tok::kPercent:
      return {kPrecMul, BinOp::kMod};
    case Tok::kCaret:
      return {kPrecBitXor, BinOp::kBitXor};
    case Tok::kIdent:
      switch (t.kw) {
        case KW_OR:
          return {kPrecOr, BinOp::kOr};
        case KW_XOR:
          return {kPrecXor, BinOp::kXor};
        case KW_AND:
          return {kPrecAnd, BinOp::kAnd};
        case KW_DIV:
          return {kPrecMul, BinOp::kIntDiv};
        case KW_MOD:
          return {kPrecMul, BinOp::kMod};
        case KW_IS:
          return {kPrecCmp, BinOp::kEq, true};
        case KW_IN:
        case KW_LIKE:
        case KW_REGEXP:
        case KW_RLIKE:
        case KW_BETWEEN:
          return {kPrecPred, BinOp::kEq, true};
        case KW_SOUNDS:
          if (p.IsKw(KW_LIKE, 1)) return {kPrecPred, BinOp::kSoundsLike, true};
          return {};
        case KW_MEMBER:
          if (p.IsKw(KW_OF, 1)) return {kPrecPred, BinOp::kMemberOf, true};
          return {};
        case KW_NOT: {
          Keyword n = p.Peek(1).kind == Tok::kIdent ? p.Peek(1).kw : KW_NONE;
          if (n == KW_IN || n == KW_LIKE || n == KW_REGEXP || n == KW_RLIKE ||
              n == KW_BETWEEN) {
            return {kPrecPred, BinOp::kEq, true};
          }
          return {};
        }
        default:
          return {};
      }
    default:
      return {};
  }
}

}  // namespace

Expr* Parser::ParseExprPrec(int min) {
  if (!Enter()) return nullptr;
  Expr* left;
  const Token& first = Peek();
  if (first.kw == KW_NOT && min <= kPrecNot) {
    Next();
    Expr* operand = ParseExprPrec(kPrecNot);
    if (operand == nullptr) return nullptr;
    auto* u = New<Unary>();
    u->op = UnaryOp::kNot;
    u->operand = operand;
    left = u;
  } else if (first.kind == Tok::kQuotedIdent ||
             (first.kind == Tok::kIdent && first.kw == KW_NONE &&
              sql_[first.pos] != '_')) {
    // Fast paths for a name or a literal, what ParseUnary() ->
    // ParsePrimary() do for them (the same depth limit: ParseUnary's level
    // is entered and left around them).
    if (!CanEnter()) return Enter(), nullptr;
    ++depth_;
    left = ParseIdentExpr();
    --depth_;
    if (left != nullptr) left = MaybePostfix(left);
  } else if (first.kind >= Tok::kString && first.kind <= Tok::kBitString) {
    if (!CanEnter()) return Enter(), nullptr;
    left = ParseLiteral();
    if (left != nullptr) left = MaybePostfix(left);
  } else {
    left = ParseUnary();
  }
  while (left != nullptr) {
    InfixOp op = InfixOf(*this);
    if (op.prec == 0 || op.prec < min) break;
    if (!op.special) {
      Next();
      auto* b = New<Binary>();
      b->op = op.op;
      b->left = left;
      if (op.prec == kPrecCmp &&
          (IsKw(KW_ANY) || IsKw(KW_SOME) || IsKw(KW_ALL)) &&
          Is(Tok::kLParen, 1) && IsQueryStart(2)) {
        b->quant = IsKw(KW_ALL) ? Quantifier::kAll : Quantifier::kAny;
        Next();
        Next();
        auto* sq = New<SubqueryExpr>();
        sq->query = ParseQueryExpr();
        if (sq->query == nullptr || !Expect(Tok::kRParen)) return nullptr;
        b->right = sq;
      } else {
        // Assignment is right-associative, the rest left-associative.
        b->right =
            ParseExprPrec(op.prec == kPrecAssign ? op.prec : op.prec + 1);
      }
      if (b->right == nullptr) return nullptr;
      left = b;
      continue;
    }
    bool negated = AcceptKw(KW_NOT);
    const Token& t = Next();
    switch (t.kw) {
      case KW_IS: {
        auto* is = New<IsExpr>();
        is->operand = left;
        is->negated = AcceptKw(KW_NOT);
        if (AcceptKw(KW_NULL))
          is->what = IsWhat::kNull;
        else if (AcceptKw(KW_TRUE))
          is->what = IsWhat::kTrue;
        else if (AcceptKw(KW_FALSE))
          is->what = IsWhat::kFalse;
        else if (AcceptKw(KW_UNKNOWN))
          is->what = IsWhat::kUnknown;
        else
          return Fail(), nullptr;
        left = is;
        break;
      }
      case KW_IN: {
        auto* in = New<InExpr>();
        in->operand = left;
        in->negated = negated;
        if (!Expect(Tok::kLParen)) return nullptr;
        if (IsQueryStart()) {
          in->subquery = ParseQueryExpr();
          if (in->subquery == nullptr) return nullptr;
        } else if (!ParseExprList(&in->list)) {
          return nullptr;
        }
        if (!Expect(Tok::kRParen)) return nullptr;
        left = in;
        break;
      }
      case KW_LIKE:
      case KW_REGEXP:
      case KW_RLIKE: {
        auto* like = New<LikeExpr>();
        like->operand = left;
        like->negated = negated;
        like->regexp = t.kw != KW_LIKE;
        like->rlike = t.kw == KW_RLIKE;
        like->pattern = ParseExprPrec(kPrecBitOr);
        if (like->pattern == nullptr) return nullptr;
        if (!like->regexp && AcceptKw(KW_ESCAPE)) {
          like->escape = ParseExprPrec(kPrecBitOr);
          if (like->escape == nullptr) return nullptr;
        }
        left = like;
        break;
      }
      case KW_BETWEEN: {
        auto* b = New<Between>();
        b->operand = left;
        b->negated = negated;
        b->low = ParseExprPrec(kPrecBitOr);
        if (b->low == nullptr || !ExpectKw(KW_AND)) return nullptr;
        b->high = ParseExprPrec(kPrecPred);
        if (b->high == nullptr) return nullptr;
        left = b;
        break;
      }
      case KW_SOUNDS:
      case KW_MEMBER: {
        Next();  // LIKE / OF
        auto* b = New<Binary>();
        b->op = op.op;
        b->left = left;
        if (op.op == BinOp::kMemberOf) {
          if (!Expect(Tok::kLParen)) return nullptr;
          b->right = ParseExpr();
          if (b->right == nullptr || !Expect(Tok::kRParen)) return nullptr;
        } else {
          b->right = ParseExprPrec(kPrecBitOr);
          if (b->right == nullptr) return nullptr;
        }
        left = b;
        break;
      }
      default:
        return Fail(), nullptr;
    }
  }
  Leave();
  return left;
}

Expr* Parser::ParseUnary() {
  if (!Enter()) return nullptr;
  UnaryOp op;
  bool unary = true;
  bool not_kw = false;
  switch (Peek().kind) {
    case Tok::kMinus:
      op = UnaryOp::kNeg;
      break;
    case Tok::kPlus:
      op = UnaryOp::kPlus;
      break;
    case Tok::kTilde:
      op = UnaryOp::kBitNot;
      break;
    case Tok::kBang:
      op = UnaryOp::kBang;
      break;
    case Tok::kIdent:
      if (Peek().kw == KW_BINARY) {
        op = UnaryOp::kBinary;
      } else if (Peek().kw == KW_NOT) {
        op = UnaryOp::kNot;
        not_kw = true;
      } else {
        unary = false;
      }
      break;
    default:
      unary = false;
  }
  Expr* result;
  if (unary) {
    Next();
    Expr* operand = not_kw ? ParseExprPrec(kPrecNot) : ParseUnary();
    if (operand == nullptr) return nullptr;
    auto* u = New<Unary>();
    u->op = op;
    u->operand = operand;
    result = u;
  } else {
    result = IsKw(KW_INTERVAL) ? ParseInterval() : ParsePrimary();
    if (result != nullptr) result = MaybePostfix(result);
  }
  if (result != nullptr) Leave();
  return result;
}

Expr* Parser::ParsePostfix(Expr* result) {
  // Postfix operators: COLLATE and the JSON arrows.
  while (result != nullptr) {
    if (AcceptKw(KW_COLLATE)) {
      auto* c = New<CollateExpr>();
      c->operand = result;
      if (Is(Tok::kString)) {
        absl::string_view q = Text(Next());
        c->collation = Ident{q.substr(1, q.size() - 2), '\''};
      } else if (!ParseAnyWord(&c->collation)) {
        return nullptr;
      }
      result = c;
    } else if (Is(Tok::kArrow) || Is(Tok::kArrow2)) {
      auto* b = New<Binary>();
      b->op = Next().kind == Tok::kArrow ? BinOp::kJsonExtract
                                         : BinOp::kJsonUnquote;
      b->left = result;
      b->right = ParseLiteral();
      if (b->right == nullptr) return nullptr;
      result = b;
    } else {
      break;
    }
  }
  return result;
}

bool Parser::IsIntervalUnit(const Token& t) const {
  if (t.kind != Tok::kIdent) return false;
  switch (t.kw) {
    case KW_MICROSECOND:
    case KW_SECOND:
    case KW_MINUTE:
    case KW_HOUR:
    case KW_DAY:
    case KW_WEEK:
    case KW_MONTH:
    case KW_QUARTER:
    case KW_YEAR:
    case KW_SECOND_MICROSECOND:
    case KW_MINUTE_MICROSECOND:
    case KW_MINUTE_SECOND:
    case KW_HOUR_MICROSECOND:
    case KW_HOUR_SECOND:
    case KW_HOUR_MINUTE:
    case KW_DAY_MICROSECOND:
    case KW_DAY_SECOND:
    case KW_DAY_MINUTE:
    case KW_DAY_HOUR:
    case KW_YEAR_MONTH:
      return true;
    default:
      return false;
  }
}

Expr* Parser::ParseInterval() {
  const Token& kw = Next();  // INTERVAL
  if (Is(Tok::kLParen)) {
    // INTERVAL(n, a, b, ...) is a function; INTERVAL (expr) unit is not.
    size_t save = Pos();
    Next();
    List<Expr*> args;
    if (!ParseExprList(&args) || !Expect(Tok::kRParen)) return nullptr;
    // INTERVAL() the function takes two or more arguments.
    if (args.size > 1) {
      auto* f = New<FuncCall>();
      f->name = Text(kw);
      f->args = args;
      return f;
    }
    SetPos(save);
  }
  auto* iv = New<IntervalExpr>();
  iv->value = ParseExpr();
  if (iv->value == nullptr) return nullptr;
  if (!IsIntervalUnit(Peek())) return Fail(), nullptr;
  iv->unit = KeywordText(Next().kw);
  return iv;
}

bool Parser::ParseExprList(List<Expr*>* out) {
  Vec<Expr*> v;
  do {
    Expr* e = ParseExpr();
    if (e == nullptr) return false;
    v.push_back(e);
  } while (Accept(Tok::kComma));
  *out = ToList(v);
  return true;
}

bool Parser::IsQueryStart(size_t k) const {
  const Token& t = Peek(k);
  if (t.kind != Tok::kIdent) return false;
  return t.kw == KW_SELECT || t.kw == KW_WITH ||
         (t.kw == KW_VALUES && Peek(k + 1).kind != Tok::kLParen) ||
         (t.kw == KW_VALUES && IsKw(KW_ROW, k + 1)) ||
         (t.kw == KW_TABLE && Peek(k + 1).kind == Tok::kIdent);
}

// '(' already current: a parenthesized expression, a row, or a subquery.
Expr* Parser::ParseParenthesized() {
  Next();
  Expr* result;
  if (IsQueryStart()) {
    auto* sq = New<SubqueryExpr>();
    sq->query = ParseQueryExpr();
    if (sq->query == nullptr || !Expect(Tok::kRParen)) return nullptr;
    result = sq;
  } else {
    Expr* first = ParseExpr();
    if (first == nullptr) return nullptr;
    if (first->kind == ExprKind::kSubquery &&
        (IsKw(KW_UNION) || IsKw(KW_EXCEPT) || IsKw(KW_INTERSECT) ||
         IsKw(KW_ORDER) || IsKw(KW_LIMIT))) {
      // ((SELECT 1) UNION (SELECT 2)): a query after all.
      auto* pq = New<ParenQuery>();
      pq->inner = static_cast<SubqueryExpr*>(first)->query;
      auto* sq = New<SubqueryExpr>();
      sq->query = ParseQueryContinuation(pq);
      if (sq->query == nullptr || !Expect(Tok::kRParen)) return nullptr;
      result = sq;
    } else if (Accept(Tok::kComma)) {
      Vec<Expr*> items{first};
      do {
        Expr* e = ParseExpr();
        if (e == nullptr) return nullptr;
        items.push_back(e);
      } while (Accept(Tok::kComma));
      if (!Expect(Tok::kRParen)) return nullptr;
      auto* t = New<TupleExpr>();
      t->items = ToList(items);
      result = t;
    } else {
      if (!Expect(Tok::kRParen)) return nullptr;
      result = first;
    }
  }
  return result;
}

Literal* Parser::ParseLiteral() {
  const Token& t = Peek();
  auto* lit = New<Literal>();
  switch (t.kind) {
    case Tok::kInt:
      lit->lit = LitKind::kInt;
      break;
    case Tok::kDecimal:
      lit->lit = LitKind::kDecimal;
      break;
    case Tok::kFloat:
      lit->lit = LitKind::kFloat;
      break;
    case Tok::kHexNum:
      lit->lit = LitKind::kHexNum;
      break;
    case Tok::kHexString:
      lit->lit = LitKind::kHexString;
      break;
    case Tok::kBitNum:
      lit->lit = LitKind::kBitNum;
      break;
    case Tok::kBitString:
      lit->lit = LitKind::kBitString;
      break;
    case Tok::kString:
      lit->lit = LitKind::kString;
      break;
    case Tok::kNString:
      lit->lit = LitKind::kString;
      lit->introducer = "N";
      break;
    default:
      Fail();
      return nullptr;
  }
  Next();
  lit->text = Text(t);
  if (t.kind == Tok::kNString) lit->text.remove_prefix(1);
  if (lit->lit == LitKind::kString && Is(Tok::kString)) {
    Vec<absl::string_view> more;
    while (Is(Tok::kString)) more.push_back(Text(Next()));
    lit->more = ToList(more);
  }
  return lit;
}

}  // namespace tessera::sql
