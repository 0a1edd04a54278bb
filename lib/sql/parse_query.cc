// Query expressions: SELECT, set operations, WITH, ORDER BY/LIMIT, locking.
#include "lib/sql/parser_internal.h"

namespace tessera::sql {

WithClause* Parser::ParseWith() {
  Next();  // WITH
  auto* w = New<WithClause>();
  w->recursive = AcceptKw(KW_RECURSIVE);
  Vec<Cte> ctes;
  do {
    Cte c;
    if (!ParseIdent(&c.name)) return nullptr;
    if (Is(Tok::kLParen) && !ParseIdentList(&c.columns)) return nullptr;
    if (!ExpectKw(KW_AS) || !Expect(Tok::kLParen)) return nullptr;
    c.query = ParseQueryExpr();
    if (c.query == nullptr || !Expect(Tok::kRParen)) return nullptr;
    ctes.push_back(c);
  } while (Accept(Tok::kComma));
  w->ctes = ToList(ctes);
  return w;
}

QueryExpr* Parser::ParseQueryExpr() {
  if (!Enter()) return nullptr;
  WithClause* with = nullptr;
  if (IsKw(KW_WITH)) {
    with = ParseWith();
    if (with == nullptr) return nullptr;
  }
  QueryExpr* first = ParseQueryTerm();
  if (first == nullptr) return nullptr;
  QueryExpr* q = ParseQueryContinuation(first);
  if (q == nullptr) return nullptr;
  if (with != nullptr) {
    if (q->with != nullptr) {
      auto* pq = New<ParenQuery>();
      pq->inner = q;
      q = pq;
    }
    q->with = with;
  }
  Leave();
  return q;
}

// Set operations after a first term, then ORDER BY/LIMIT/locking/INTO.
QueryExpr* Parser::ParseQueryContinuation(QueryExpr* first) {
  QueryExpr* q = ParseSetOps(first, 0);
  if (q == nullptr) return nullptr;
  // A lone term that already has its own tail (from parentheses) keeps it;
  // a new tail wraps it so both apply in order.
  // FOR SYSTEM_TIME after a derived table is not a locking clause.
  bool lock_for = IsKw(KW_FOR) && !IsWord("system_time", 1);
  bool has_tail = IsKw(KW_ORDER) || IsKw(KW_LIMIT) || lock_for ||
                  IsKw(KW_LOCK) || IsKw(KW_INTO);
  if (has_tail && (q->order_by.size > 0 || q->limit != nullptr ||
                   q->lock != nullptr || q->with != nullptr ||
                   (q->into != nullptr && q->kind != QueryKind::kSelect))) {
    auto* pq = New<ParenQuery>();
    pq->inner = q;
    q = pq;
  }
  if (!ParseQueryTail(q)) return nullptr;
  return q;
}

// level 0: UNION/EXCEPT (left-assoc); level 1: INTERSECT (binds tighter).
QueryExpr* Parser::ParseSetOps(QueryExpr* left, int level) {
  if (level == 0) {
    left = ParseSetOps(left, 1);
    if (left == nullptr) return nullptr;
  }
  while (true) {
    SetOpType op;
    if (level == 0 && IsKw(KW_UNION))
      op = SetOpType::kUnion;
    else if (level == 0 && IsKw(KW_EXCEPT))
      op = SetOpType::kExcept;
    else if (level == 1 && IsKw(KW_INTERSECT))
      op = SetOpType::kIntersect;
    else
      return left;
    if (!Enter()) return nullptr;
    Next();
    auto* s = New<SetOp>();
    s->op = op;
    if (AcceptKw(KW_ALL))
      s->all = true;
    else if (AcceptKw(KW_DISTINCT))
      s->distinct = true;
    s->left = left;
    QueryExpr* right = ParseQueryTerm();
    if (right == nullptr) return nullptr;
    if (level == 0) right = ParseSetOps(right, 1);
    if (right == nullptr) return nullptr;
    s->right = right;
    left = s;
    Leave();
  }
}

QueryExpr* Parser::ParseQueryTerm() {
  if (Is(Tok::kLParen)) {
    if (!Enter()) return nullptr;
    Next();
    auto* pq = New<ParenQuery>();
    pq->inner = ParseQueryExpr();
    if (pq->inner == nullptr || !Expect(Tok::kRParen)) return nullptr;
    Leave();
    return pq;
  }
  if (IsKw(KW_SELECT)) return ParseSelectCore();
  if (AcceptKw(KW_VALUES)) {
    auto* v = New<ValuesQuery>();
    if (!ParseRows(&v->rows, &v->row_keyword)) return nullptr;
    return v;
  }
  if (AcceptKw(KW_TABLE)) {
    auto* t = New<TableQuery>();
    if (!ParseTableName(&t->name)) return nullptr;
    return t;
  }
  Fail();
  return nullptr;
}

namespace {

// The count of a LIMIT that MariaDB's OFFSET n ROWS (without FETCH) and
// LIMIT ROWS EXAMINED n (without a count) leave unbounded.
Expr* NoLimit(Parser& p) {
  auto* lit = p.New<Literal>();
  lit->text = "18446744073709551615";
  return lit;
}

// MariaDB: [OFFSET n {ROW|ROWS}] [FETCH {FIRST|NEXT} [m] {ROW|ROWS}
// {ONLY|WITH TIES}]; at OFFSET or FETCH.
bool ParseOffsetFetch(Parser& p, Limit** out) {
  auto* l = p.New<Limit>();
  if (p.AcceptKw(KW_OFFSET)) {
    l->offset = p.ParseUnary();
    if (l->offset == nullptr) return false;
    if (!p.AcceptKw(KW_ROW) && !p.ExpectKw(KW_ROWS)) return false;
  }
  if (p.AcceptKw(KW_FETCH)) {
    if (!p.AcceptKw(KW_FIRST) && !p.ExpectKw(KW_NEXT)) return false;
    if (p.IsKw(KW_ROW) || p.IsKw(KW_ROWS)) {
      auto* one = p.New<Literal>();
      one->text = "1";
      l->count = one;
    } else {
      l->count = p.ParseUnary();
      if (l->count == nullptr) return false;
    }
    if (!p.AcceptKw(KW_ROW) && !p.ExpectKw(KW_ROWS)) return false;
    if (p.AcceptKw(KW_WITH)) {
      if (!p.ExpectKw(KW_TIES)) return false;
      l->with_ties = true;
    } else if (!p.ExpectKw(KW_ONLY)) {
      return false;
    }
  } else {
    l->count = NoLimit(p);
  }
  *out = l;
  return true;
}

}  // namespace

bool Parser::ParseQueryTail(QueryExpr* q) {
  if (AcceptKw(KW_ORDER)) {
    if (!ExpectKw(KW_BY) || !ParseOrderBy(&q->order_by)) return false;
  }
  if (IsKw(KW_LIMIT) && !ParseLimit(&q->limit)) return false;
  if ((IsKw(KW_FETCH) || (IsKw(KW_OFFSET) && q->limit == nullptr)) &&
      !ParseOffsetFetch(*this, &q->limit)) {
    return false;
  }
  if (IsKw(KW_INTO) && !ParseInto(&q->into)) return false;
  if (((IsKw(KW_FOR) && !IsWord("system_time", 1)) || IsKw(KW_LOCK)) &&
      !ParseLock(&q->lock)) {
    return false;
  }
  if (IsKw(KW_INTO) && q->into == nullptr && !ParseInto(&q->into)) return false;
  return true;
}

bool Parser::ParseLimit(Limit** out) {
  Next();  // LIMIT
  auto* l = New<Limit>();
  if (IsKw(KW_ROWS) && IsKw(KW_EXAMINED, 1)) {  // LIMIT ROWS EXAMINED n
    l->count = NoLimit(*this);
    *out = l;
    Next();
    Next();
    return (l->rows_examined = ParseUnary()) != nullptr;
  }
  l->count = ParseUnary();
  if (l->count == nullptr) return false;
  if (Accept(Tok::kComma)) {
    l->offset = l->count;
    l->count = ParseUnary();
    if (l->count == nullptr) return false;
  } else if (AcceptKw(KW_OFFSET)) {
    l->offset = ParseUnary();
    if (l->offset == nullptr) return false;
  }
  if (IsKw(KW_ROWS) && IsKw(KW_EXAMINED, 1)) {
    Next();
    Next();
    l->rows_examined = ParseUnary();
    if (l->rows_examined == nullptr) return false;
  }
  *out = l;
  return true;
}

bool Parser::ParseLock(LockClause** out) {
  auto* l = New<LockClause>();
  if (AcceptKw(KW_LOCK)) {
    if (!ExpectKw(KW_IN) || !ExpectKw(KW_SHARE) || !ExpectKw(KW_MODE))
      return false;
    l->mode = LockMode::kLockInShareMode;
  } else {
    Next();  // FOR
    if (AcceptKw(KW_UPDATE))
      l->mode = LockMode::kForUpdate;
    else if (AcceptKw(KW_SHARE))
      l->mode = LockMode::kForShare;
    else
      return Fail();
    if (AcceptKw(KW_OF)) {
      Vec<TableName> of;
      do {
        TableName n;
        if (!ParseTableName(&n)) return false;
        of.push_back(n);
      } while (Accept(Tok::kComma));
      l->of = ToList(of);
    }
  }
  if (AcceptKw(KW_NOWAIT)) {
    l->wait = LockWait::kNowait;
  } else if (IsKw(KW_SKIP) && IsKw(KW_LOCKED, 1)) {
    Next();
    Next();
    l->wait = LockWait::kSkipLocked;
  } else if (IsKw(KW_WAIT)) {
    Next();
    if (!Is(Tok::kInt)) return Fail();
    l->wait = LockWait::kWait;
    l->wait_seconds = Text(Next());
  }
  *out = l;
  return true;
}

bool Parser::ParseInto(IntoClause** out) {
  Next();  // INTO
  auto* into = New<IntoClause>();
  if (AcceptKw(KW_OUTFILE) || AcceptKw(KW_DUMPFILE)) {
    into->kind =
        cur_[-1].kw == KW_OUTFILE ? IntoKind::kOutfile : IntoKind::kDumpfile;
    if (!Is(Tok::kString)) return Fail();
    into->file = ParseLiteral();
    Vec<Token> opts;
    while (!AtStatementEnd() && !Is(Tok::kRParen) && !IsKw(KW_FOR) &&
           !IsKw(KW_LOCK) && !IsKw(KW_FROM) && !IsKw(KW_UNION) &&
           !IsKw(KW_WHERE) && !IsKw(KW_ORDER) && !IsKw(KW_LIMIT)) {
      opts.push_back(Next());
    }
    into->options = ToList(opts);
  } else {
    into->kind = IntoKind::kVars;
    Vec<Expr*> vars;
    do {
      Expr* v;
      if (Is(Tok::kUserVar) || Is(Tok::kSysVar)) {
        auto* var = New<Var>();
        var->text = Text(Next());
        v = var;
      } else {
        v = ParseIdentExpr();
      }
      if (v == nullptr) return false;
      vars.push_back(v);
    } while (Accept(Tok::kComma));
    into->vars = ToList(vars);
  }
  *out = into;
  return true;
}

Select* Parser::ParseSelectCore() {
  size_t select_index = Pos();
  Next();  // SELECT
  auto* s = New<Select>();
  s->hint = HintAfter(select_index);
  while (Peek().kind == Tok::kIdent) {
    uint16_t opt = 0;
    switch (Peek().kw) {
      case KW_ALL:
        opt = kSelAll;
        break;
      case KW_DISTINCT:
        opt = kSelDistinct;
        break;
      case KW_DISTINCTROW:
        opt = kSelDistinctRow;
        break;
      case KW_HIGH_PRIORITY:
        opt = kSelHighPriority;
        break;
      case KW_STRAIGHT_JOIN:
        opt = kSelStraightJoin;
        break;
      case KW_SQL_SMALL_RESULT:
        opt = kSelSmallResult;
        break;
      case KW_SQL_BIG_RESULT:
        opt = kSelBigResult;
        break;
      case KW_SQL_BUFFER_RESULT:
        opt = kSelBufferResult;
        break;
      case KW_SQL_CACHE:
        opt = kSelCache;
        break;
      case KW_SQL_NO_CACHE:
        opt = kSelNoCache;
        break;
      case KW_SQL_CALC_FOUND_ROWS:
        opt = kSelCalcFoundRows;
        break;
      default:
        break;
    }
    if (opt == 0) break;
    // SQL_CACHE etc. are non-reserved: "select sql_cache from t" selects
    // a column. Treat them as options only when an item follows.
    if (ClassOf(Peek().kw) == KeywordClass::kNonReserved &&
        (IsKw(KW_FROM, 1) || Is(Tok::kComma, 1) || Is(Tok::kEnd, 1))) {
      break;
    }
    Next();
    s->options |= opt;
  }
  if (!ParseSelectItems(&s->items)) return nullptr;
  if (IsKw(KW_INTO) && !ParseInto(&s->into)) return nullptr;
  if (AcceptKw(KW_FROM)) {
    if (AcceptKw(KW_DUAL)) {
      s->from_dual = true;
    } else if (!ParseTableRefs(&s->from)) {
      return nullptr;
    }
  }
  if (AcceptKw(KW_WHERE)) {
    s->where = ParseExpr();
    if (s->where == nullptr) return nullptr;
  }
  if (AcceptKw(KW_GROUP)) {
    if (!ExpectKw(KW_BY)) return nullptr;
    Vec<Expr*> exprs;
    Vec<OrderDir> dirs;
    bool any_dir = false;
    do {
      Expr* e = ParseExpr();
      if (e == nullptr) return nullptr;
      exprs.push_back(e);
      OrderDir d = OrderDir::kDefault;
      if (AcceptKw(KW_DESC))
        d = OrderDir::kDesc;
      else if (AcceptKw(KW_ASC))
        d = OrderDir::kAsc;
      any_dir |= d != OrderDir::kDefault;
      dirs.push_back(d);
    } while (Accept(Tok::kComma));
    s->group_by = ToList(exprs);
    if (any_dir) s->group_dirs = ToList(dirs);
    if (IsKw(KW_WITH) && IsKw(KW_ROLLUP, 1)) {
      Next();
      Next();
      s->with_rollup = true;
    }
  }
  if (AcceptKw(KW_HAVING)) {
    s->having = ParseExpr();
    if (s->having == nullptr) return nullptr;
  }
  if (AcceptKw(KW_WINDOW)) {
    Vec<NamedWindow> ws;
    do {
      NamedWindow w;
      if (!ParseIdent(&w.name) || !ExpectKw(KW_AS) ||
          !ParseWindowSpec(&w.spec)) {
        return nullptr;
      }
      ws.push_back(w);
    } while (Accept(Tok::kComma));
    s->windows = ToList(ws);
  }
  return s;
}

bool Parser::ParseSelectItems(List<SelectItem>* out) {
  Vec<SelectItem> items;
  do {
    SelectItem item;
    if (Is(Tok::kStar)) {
      Next();
      item.expr = New<Star>();
    } else {
      const uint32_t start = Peek().pos;
      item.expr = ParseExpr();
      if (item.expr == nullptr) return false;
      const Token& last = Previous();
      item.text = sql_.substr(start, last.pos + last.len - start);
      if (item.expr->kind != ExprKind::kStar &&
          !ParseAlias(&item.alias, true)) {
        return false;
      }
    }
    items.push_back(item);
  } while (Accept(Tok::kComma));
  *out = ToList(items);
  return true;
}

// [AS] alias; leaves `out` empty when none follows.
bool Parser::ParseAlias(Ident* out, bool allow_string) {
  bool as = AcceptKw(KW_AS);
  if (allow_string && Is(Tok::kString)) {
    absl::string_view q = Text(Next());
    *out = Ident{q.substr(1, q.size() - 2), q[0]};
    return true;
  }
  if (IsIdent() && !IsKw(KW_RETURNING)) return ParseIdent(out);
  if (as) return Fail();
  return true;
}

}  // namespace tessera::sql
