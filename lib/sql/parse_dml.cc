// INSERT/REPLACE, UPDATE, DELETE.
#include "lib/sql/parse_ext.h"

namespace tessera::sql {

bool Parser::ParseAssignments(List<Assignment>* out) {
  Vec<Assignment> v;
  do {
    Expr* c = ParseIdentExpr();
    if (c == nullptr) return false;
    if (c->kind != ExprKind::kColumn) return Fail();
    if (!Accept(Tok::kEq) && !Accept(Tok::kAssign)) return Fail();
    Assignment a;
    a.column = static_cast<Column*>(c);
    a.value = ParseExpr();
    if (a.value == nullptr) return false;
    v.push_back(a);
  } while (Accept(Tok::kComma));
  *out = ToList(v);
  return true;
}

Stmt* Parser::ParseInsert(StmtKind kind) {
  size_t verb = Pos();
  Next();
  auto* s = New<InsertStmt>(kind);
  s->hint = HintAfter(verb);
  if (AcceptKw(KW_LOW_PRIORITY))
    s->priority = Priority::kLow;
  else if (AcceptKw(KW_DELAYED))
    s->priority = Priority::kDelayed;
  else if (AcceptKw(KW_HIGH_PRIORITY))
    s->priority = Priority::kHigh;
  s->ignore = AcceptKw(KW_IGNORE);
  AcceptKw(KW_INTO);
  if (!ParseTableName(&s->table)) return nullptr;
  if (AcceptKw(KW_PARTITION) && !ParseIdentList(&s->partitions)) return nullptr;
  if (Is(Tok::kLParen) && !IsQueryStart(1) && !Is(Tok::kLParen, 1)) {
    s->has_columns = true;
    if (!ParseIdentList(&s->columns, /*allow_empty=*/true)) return nullptr;
  }
  if (AcceptKw(KW_VALUES) || AcceptKw(KW_VALUE)) {
    if (!ParseRows(&s->rows, &s->row_keyword)) return nullptr;
  } else if (AcceptKw(KW_SET)) {
    s->set_form = true;
    if (!ParseAssignments(&s->set)) return nullptr;
  } else if (IsQueryStart() || Is(Tok::kLParen)) {
    s->query = ParseQueryExpr();
    if (s->query == nullptr) return nullptr;
  } else {
    return Fail(), nullptr;
  }
  if (s->query == nullptr && AcceptKw(KW_AS)) {
    if (!ParseIdent(&s->row_alias)) return nullptr;
    if (Is(Tok::kLParen) && !ParseIdentList(&s->row_alias_columns))
      return nullptr;
  }
  if (AcceptKw(KW_ON)) {
    if (!ExpectKw(KW_DUPLICATE) || !ExpectKw(KW_KEY) || !ExpectKw(KW_UPDATE) ||
        !ParseAssignments(&s->on_dup)) {
      return nullptr;
    }
  }
  if (AcceptKw(KW_RETURNING) && !ParseSelectItems(&s->returning))
    return nullptr;
  return s;
}

Stmt* Parser::ParseUpdate(WithClause* with) {
  size_t verb = Pos();
  Next();
  auto* s = New<UpdateStmt>();
  s->with = with;
  s->hint = HintAfter(verb);
  s->low_priority = AcceptKw(KW_LOW_PRIORITY);
  s->ignore = AcceptKw(KW_IGNORE);
  if (!ParseTableRefs(&s->tables)) return nullptr;
  if (!ExpectKw(KW_SET) || !ParseAssignments(&s->set)) return nullptr;
  if (AcceptKw(KW_WHERE)) {
    s->where = ParseExpr();
    if (s->where == nullptr) return nullptr;
  }
  if (AcceptKw(KW_ORDER)) {
    if (!ExpectKw(KW_BY) || !ParseOrderBy(&s->order_by)) return nullptr;
  }
  if (IsKw(KW_LIMIT) && !ParseLimit(&s->limit)) return nullptr;
  return s;
}

namespace {

// t or t.* (multi-table DELETE targets).
bool ParseTarget(Parser& p, TableName* n) {
  if (!p.ParseTableName(n)) return false;
  if (p.Is(Tok::kDot) && p.Is(Tok::kStar, 1)) {
    p.Next();
    p.Next();
  }
  return true;
}

}  // namespace

Stmt* Parser::ParseDelete(WithClause* with) {
  size_t verb = Pos();
  Next();
  auto* s = New<DeleteStmt>();
  s->with = with;
  s->hint = HintAfter(verb);
  while (true) {
    if (AcceptKw(KW_LOW_PRIORITY))
      s->low_priority = true;
    else if (IsKw(KW_QUICK) && !IsKw(KW_FROM, 1))
      Next(), s->quick = true;
    else if (AcceptKw(KW_IGNORE))
      s->ignore = true;
    else
      break;
  }
  // MariaDB DELETE HISTORY FROM t [PARTITION (p)] [BEFORE SYSTEM_TIME ...].
  if (IsWord("history") && IsKw(KW_FROM, 1)) {
    Next();
    s->history = true;
  }
  if (AcceptKw(KW_FROM)) {
    Vec<TableName> targets;
    TableName first;
    if (!ParseTarget(*this, &first)) return nullptr;
    targets.push_back(first);
    bool multi = false;
    while (Accept(Tok::kComma)) {
      multi = true;
      TableName n;
      if (!ParseTarget(*this, &n)) return nullptr;
      targets.push_back(n);
    }
    if (AcceptKw(KW_USING)) {
      s->using_form = true;
      s->targets = ToList(targets);
      if (!ParseTableRefs(&s->from)) return nullptr;
    } else {
      if (multi) return Fail(), nullptr;
      auto* t = New<TableFactor>();
      t->name = first;
      if (!ParseAlias(&t->alias, false)) return nullptr;
      if (AcceptKw(KW_PARTITION) && !ParseIdentList(&t->partitions))
        return nullptr;
      Vec<TableRef*> from{t};
      s->from = ToList(from);
    }
  } else {
    Vec<TableName> targets;
    do {
      TableName n;
      if (!ParseTarget(*this, &n)) return nullptr;
      targets.push_back(n);
    } while (Accept(Tok::kComma));
    s->targets = ToList(targets);
    if (!ExpectKw(KW_FROM) || !ParseTableRefs(&s->from)) return nullptr;
  }
  if (s->history) {
    if (!s->targets.empty()) return Fail(), nullptr;
    if (AcceptKw(KW_BEFORE) && !ParseBeforeSystemTime(*this, &s->before)) {
      return nullptr;
    }
    return s;
  }
  if (AcceptKw(KW_WHERE)) {
    s->where = ParseExpr();
    if (s->where == nullptr) return nullptr;
  }
  if (AcceptKw(KW_ORDER)) {
    if (!ExpectKw(KW_BY) || !ParseOrderBy(&s->order_by)) return nullptr;
  }
  if (IsKw(KW_LIMIT) && !ParseLimit(&s->limit)) return nullptr;
  if (AcceptKw(KW_RETURNING) && !ParseSelectItems(&s->returning))
    return nullptr;
  return s;
}

}  // namespace tessera::sql
