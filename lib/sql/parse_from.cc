// FROM clauses: table factors, joins, derived tables, index hints.
#include "lib/sql/parse_ext.h"

namespace tessera::sql {

bool Parser::ParseIdent(Ident* out) {
  if (!IsIdent()) return Fail();
  *out = IdentOf(Next());
  return true;
}

bool Parser::ParseAnyWord(Ident* out) {
  if (Is(Tok::kString)) {
    absl::string_view q = Text(Next());
    *out = Ident{q.substr(1, q.size() - 2), q[0]};
    return true;
  }
  if (!Is(Tok::kIdent) && !Is(Tok::kQuotedIdent)) return Fail();
  *out = IdentOf(Next());
  return true;
}

bool Parser::ParseTableName(TableName* out) {
  Ident first;
  if (!ParseIdent(&first)) return false;
  if (Is(Tok::kDot) && (Is(Tok::kIdent, 1) || Is(Tok::kQuotedIdent, 1))) {
    Next();
    out->db = first;
    out->name = IdentOf(Next());
  } else {
    out->name = first;
  }
  return true;
}

bool Parser::ParseIdentList(List<Ident>* out, bool allow_empty) {
  if (!Expect(Tok::kLParen)) return false;
  Vec<Ident> v;
  if (!allow_empty || !Is(Tok::kRParen)) {
    do {
      Ident id;
      if (!ParseIdent(&id)) return false;
      v.push_back(id);
    } while (Accept(Tok::kComma));
  }
  *out = ToList(v);
  return Expect(Tok::kRParen);
}

bool Parser::ParseTableRefs(List<TableRef*>* out) {
  Vec<TableRef*> v;
  do {
    TableRef* t = ParseJoinedTable();
    if (t == nullptr) return false;
    v.push_back(t);
  } while (Accept(Tok::kComma));
  *out = ToList(v);
  return true;
}

namespace {

// A join without a condition whose right operand is a join: a JOIN (b op c
// ...) means (a JOIN b) op c ..., the left-deep tree; only a join that
// takes a later ON/USING stays nested on the right.
TableRef* LeftDeep(JoinRef* j) {
  if (j->right->kind != TableRefKind::kJoin) return j;
  auto* r = static_cast<JoinRef*>(j->right);
  JoinRef* spine = r;
  while (spine->left->kind == TableRefKind::kJoin)
    spine = static_cast<JoinRef*>(spine->left);
  j->right = spine->left;
  spine->left = j;
  return r;
}

}  // namespace

TableRef* Parser::ParseJoinedTable() {
  TableRef* left = ParseTableFactor();
  while (left != nullptr) {
    JoinType type;
    bool natural = false;
    if (AcceptKw(KW_JOIN)) {
      type = JoinType::kInner;
    } else if (IsKw(KW_INNER) && IsKw(KW_JOIN, 1)) {
      Next(), Next();
      type = JoinType::kInner;
    } else if (IsKw(KW_CROSS) && IsKw(KW_JOIN, 1)) {
      Next(), Next();
      type = JoinType::kCross;
    } else if (AcceptKw(KW_STRAIGHT_JOIN)) {
      type = JoinType::kStraight;
    } else if (IsKw(KW_LEFT) || IsKw(KW_RIGHT)) {
      type = Next().kw == KW_LEFT ? JoinType::kLeft : JoinType::kRight;
      AcceptKw(KW_OUTER);
      if (!ExpectKw(KW_JOIN)) return nullptr;
    } else if (AcceptKw(KW_NATURAL)) {
      natural = true;
      type = JoinType::kNatural;
      if (AcceptKw(KW_LEFT))
        type = JoinType::kNaturalLeft;
      else if (AcceptKw(KW_RIGHT))
        type = JoinType::kNaturalRight;
      else
        AcceptKw(KW_INNER);
      if (type != JoinType::kNatural) AcceptKw(KW_OUTER);
      if (!ExpectKw(KW_JOIN)) return nullptr;
    } else {
      break;
    }
    if (!Enter()) return nullptr;
    auto* j = New<JoinRef>();
    j->type = type;
    j->left = left;
    // The right operand of [INNER|CROSS] JOIN and LEFT/RIGHT JOIN is a
    // table reference that extends over the joins that follow, as in
    // MySQL's grammar: a JOIN b JOIN c ON x ON y is a JOIN (b JOIN c ON x)
    // ON y. NATURAL and STRAIGHT_JOIN take a table factor.
    bool nested = !natural && type != JoinType::kStraight;
    j->right = nested ? ParseJoinedTable() : ParseTableFactor();
    if (j->right == nullptr) return nullptr;
    if (!natural) {
      if (AcceptKw(KW_ON)) {
        j->on = ParseExpr();
        if (j->on == nullptr) return nullptr;
      } else if (IsKw(KW_USING)) {
        Next();
        j->has_using = true;
        if (!ParseIdentList(&j->using_cols)) return nullptr;
      } else if (type == JoinType::kLeft || type == JoinType::kRight) {
        return Fail(), nullptr;
      }
    }
    left = j->on == nullptr && !j->has_using ? LeftDeep(j) : j;
    Leave();
  }
  return left;
}

bool Parser::ParseIndexHints(List<IndexHint>* out) {
  Vec<IndexHint> v;
  while (IsKw(KW_USE) || IsKw(KW_FORCE) || IsKw(KW_IGNORE)) {
    if (!IsKw(KW_INDEX, 1) && !IsKw(KW_KEY, 1)) break;
    IndexHint h;
    Keyword k = Next().kw;
    h.type = k == KW_USE     ? HintType::kUse
             : k == KW_FORCE ? HintType::kForce
                             : HintType::kIgnore;
    h.key_word = Next().kw == KW_KEY;
    if (AcceptKw(KW_FOR)) {
      if (AcceptKw(KW_JOIN))
        h.for_what = HintFor::kJoin;
      else if (AcceptKw(KW_ORDER))
        h.for_what = HintFor::kOrderBy;
      else if (AcceptKw(KW_GROUP))
        h.for_what = HintFor::kGroupBy;
      else
        return Fail();
      if (h.for_what != HintFor::kJoin && !ExpectKw(KW_BY)) return false;
    }
    if (!Expect(Tok::kLParen)) return false;
    Vec<Ident> names;
    while (!Is(Tok::kRParen)) {
      Ident id;
      if (IsKw(KW_PRIMARY)) {
        id = Ident{Text(Next()), 0};
      } else if (!ParseIdent(&id)) {
        return false;
      }
      names.push_back(id);
      if (!Accept(Tok::kComma)) break;
    }
    if (!Expect(Tok::kRParen)) return false;
    h.names = ToList(names);
    v.push_back(h);
  }
  *out = ToList(v);
  return true;
}

TableRef* Parser::ParseTableFactor() {
  if (!Enter()) return nullptr;
  TableRef* result = nullptr;
  bool lateral = false;
  if (IsKw(KW_LATERAL) && Is(Tok::kLParen, 1)) {
    Next();
    lateral = true;
  }
  if (Is(Tok::kLBrace) && IsWord("oj", 1)) {
    result = ParseOdbcJoin(*this);
    if (result == nullptr) return nullptr;
  } else if (IsKw(KW_JSON_TABLE) && Is(Tok::kLParen, 1)) {
    result = ParseJsonTable(*this);
    if (result == nullptr) return nullptr;
  } else if (Is(Tok::kLParen)) {
    size_t k = 0;
    while (Is(Tok::kLParen, k)) ++k;
    if (lateral || IsQueryStart(k) || IsKw(KW_VALUES, k)) {
      auto* d = New<DerivedTable>();
      d->lateral = lateral;
      d->query = ParseQueryTerm();
      if (d->query == nullptr) return nullptr;
      d->query = ParseQueryContinuation(d->query);
      if (d->query == nullptr) return nullptr;
      if (d->query->kind == QueryKind::kParen &&
          static_cast<ParenQuery*>(d->query)->order_by.empty() &&
          static_cast<ParenQuery*>(d->query)->limit == nullptr &&
          static_cast<ParenQuery*>(d->query)->with == nullptr) {
        d->query = static_cast<ParenQuery*>(d->query)->inner;
      }
      if (IsKw(KW_FOR) && IsWord("system_time", 1) &&
          !ParseSystemTime(*this, &d->system_time)) {
        return nullptr;
      }
      if (!ParseAlias(&d->alias, false)) return nullptr;
      if (Is(Tok::kLParen) && !ParseIdentList(&d->columns)) return nullptr;
      result = d;
    } else {
      Next();
      auto* p = New<ParenRef>();
      if (!ParseTableRefs(&p->items) || !Expect(Tok::kRParen)) return nullptr;
      result = p;
    }
  } else {
    auto* t = New<TableFactor>();
    if (!ParseTableName(&t->name)) return nullptr;
    if (AcceptKw(KW_PARTITION) && !ParseIdentList(&t->partitions))
      return nullptr;
    if (IsKw(KW_FOR) && IsWord("system_time", 1) &&
        !ParseSystemTime(*this, &t->system_time)) {
      return nullptr;
    }
    if (!ParseAlias(&t->alias, false)) return nullptr;
    if ((IsKw(KW_USE) || IsKw(KW_FORCE) || IsKw(KW_IGNORE)) &&
        !ParseIndexHints(&t->hints)) {
      return nullptr;
    }
    result = t;
  }
  Leave();
  return result;
}

// VALUES rows: (1, 2), (3, 4) or ROW(1, 2), ROW(3, 4).
bool Parser::ParseRows(List<List<Expr*>>* rows, bool* row_keyword) {
  Vec<List<Expr*>> v;
  *row_keyword = IsKw(KW_ROW);
  do {
    if (*row_keyword && !ExpectKw(KW_ROW)) return false;
    if (!Expect(Tok::kLParen)) return false;
    List<Expr*> row;
    if (!Is(Tok::kRParen) && !ParseExprList(&row)) return false;
    if (!Expect(Tok::kRParen)) return false;
    v.push_back(row);
  } while (Accept(Tok::kComma));
  *rows = ToList(v);
  return true;
}

}  // namespace tessera::sql
