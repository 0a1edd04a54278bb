// Formatting of query expressions and FROM clauses.
#include "lib/sql/formatter_internal.h"
#include "lib/sql/parser_internal.h"

namespace tessera::sql {

void Formatter::With(const WithClause* w) {
  if (w == nullptr) return;
  Put(w->recursive ? "with recursive " : "with ");
  for (uint32_t i = 0; i < w->ctes.size; ++i) {
    const Cte& c = w->ctes[i];
    if (i > 0) Put(", ");
    Ident(c.name);
    if (c.columns.size > 0) Idents(c.columns);
    Put(" as (");
    Query(c.query);
    Put(")");
    if (c.cycle.size > 0) {
      Put(" cycle ");
      for (uint32_t k = 0; k < c.cycle.size; ++k) {
        if (k > 0) Put(", ");
        Ident(c.cycle[k]);
      }
      Put(" restrict");
    }
  }
  Put(" ");
}

void Formatter::Query(const QueryExpr* q) {
  With(q->with);
  switch (q->kind) {
    case QueryKind::kSelect:
      Select(*static_cast<const sql::Select*>(q));
      break;
    case QueryKind::kSetOp: {
      auto* s = static_cast<const SetOp*>(q);
      Query(s->left);
      Put(s->op == SetOpType::kUnion    ? " union "
          : s->op == SetOpType::kExcept ? " except "
                                        : " intersect ");
      if (s->all) Put("all ");
      if (s->distinct) Put("distinct ");
      Query(s->right);
      break;
    }
    case QueryKind::kParen:
      Put("(");
      Query(static_cast<const ParenQuery*>(q)->inner);
      Put(")");
      break;
    case QueryKind::kValues: {
      auto* v = static_cast<const ValuesQuery*>(q);
      Put("values ");
      for (uint32_t i = 0; i < v->rows.size; ++i) {
        if (i > 0) Put(", ");
        Put(v->row_keyword ? "row(" : "(");
        Exprs(v->rows[i]);
        Put(")");
      }
      break;
    }
    case QueryKind::kTable:
      Put("table ");
      Name(static_cast<const TableQuery*>(q)->name);
      break;
  }
  QueryTail(q);
}

void Formatter::Limit(const sql::Limit* l) {
  if (l->with_ties) {
    if (l->offset != nullptr) {
      Put(" offset ");
      Expr(l->offset, kPrecUnary);
      Put(" rows");
    }
    Put(" fetch first ");
    Expr(l->count, kPrecUnary);
    Put(" rows with ties");
    return;
  }
  Put(" limit ");
  if (l->offset != nullptr) {
    Expr(l->offset, kPrecUnary);
    Put(", ");
  }
  Expr(l->count, kPrecUnary);
  if (l->rows_examined != nullptr) {
    Put(" rows examined ");
    Expr(l->rows_examined, kPrecUnary);
  }
}

void Formatter::QueryTail(const QueryExpr* q) {
  if (q->order_by.size > 0) {
    Put(" order by ");
    OrderBy(q->order_by);
  }
  if (q->limit != nullptr) Limit(q->limit);
  if (q->procedure != nullptr) Put(" procedure "), Func(*q->procedure);
  if (q->into != nullptr && q->kind != QueryKind::kSelect) Into(*q->into);
  for (const LockClause* lc = q->lock; lc != nullptr; lc = lc->next) {
    const LockClause& l = *lc;
    switch (l.mode) {
      case LockMode::kForUpdate:
        Put(" for update");
        break;
      case LockMode::kForShare:
        Put(" for share");
        break;
      case LockMode::kLockInShareMode:
        Put(" lock in share mode");
        break;
      default:
        break;
    }
    if (l.of.size > 0) {
      Put(" of ");
      for (uint32_t i = 0; i < l.of.size; ++i) {
        if (i > 0) Put(", ");
        Name(l.of[i]);
      }
    }
    switch (l.wait) {
      case LockWait::kNowait:
        Put(" nowait");
        break;
      case LockWait::kSkipLocked:
        Put(" skip locked");
        break;
      case LockWait::kWait:
        Put(" wait "), Put(l.wait_seconds);
        break;
      default:
        break;
    }
  }
}

void Formatter::Into(const IntoClause& into) {
  switch (into.kind) {
    case IntoKind::kVars:
      Put(" into ");
      Exprs(into.vars);
      break;
    case IntoKind::kOutfile:
    case IntoKind::kDumpfile:
      Put(into.kind == IntoKind::kOutfile ? " into outfile "
                                          : " into dumpfile ");
      Literal(*into.file);
      if (into.options.size > 0) {
        Put(" ");
        Tokens(into.options);
      }
      break;
  }
}

void Formatter::SelectItems(const List<SelectItem>& items) {
  for (uint32_t i = 0; i < items.size; ++i) {
    if (i > 0) Put(", ");
    Expr(items[i].expr);
    if (!items[i].alias.empty()) {
      Put(" as ");
      Ident(items[i].alias);
    }
  }
}

void Formatter::Select(const sql::Select& s) {
  Put("select ");
  if (!s.hint.empty()) Put(s.hint), Put(" ");
  static constexpr struct {
    uint16_t bit;
    absl::string_view text;
  } kOptions[] = {
      {kSelAll, "all "},
      {kSelDistinct, "distinct "},
      {kSelDistinctRow, "distinctrow "},
      {kSelHighPriority, "high_priority "},
      {kSelStraightJoin, "straight_join "},
      {kSelSmallResult, "sql_small_result "},
      {kSelBigResult, "sql_big_result "},
      {kSelBufferResult, "sql_buffer_result "},
      {kSelCache, "sql_cache "},
      {kSelNoCache, "sql_no_cache "},
      {kSelCalcFoundRows, "sql_calc_found_rows "},
  };
  for (const auto& o : kOptions) {
    if (s.options & o.bit) Put(o.text);
  }
  SelectItems(s.items);
  if (s.into != nullptr) Into(*s.into);
  if (s.from_dual) Put(" from dual");
  if (s.from.size > 0) {
    Put(" from ");
    TableRefs(s.from);
  }
  if (s.where != nullptr) Put(" where "), Expr(s.where);
  if (s.group_by.size > 0) {
    Put(" group by ");
    for (uint32_t i = 0; i < s.group_by.size; ++i) {
      if (i > 0) Put(", ");
      Expr(s.group_by[i]);
      if (s.group_dirs.size > i && s.group_dirs[i] != OrderDir::kDefault) {
        Put(s.group_dirs[i] == OrderDir::kDesc ? " desc" : " asc");
      }
    }
    if (s.with_rollup) Put(" with rollup");
  }
  if (s.having != nullptr) Put(" having "), Expr(s.having);
  if (s.windows.size > 0) {
    Put(" window ");
    for (uint32_t i = 0; i < s.windows.size; ++i) {
      if (i > 0) Put(", ");
      Ident(s.windows[i].name);
      Put(" as ");
      Window(*s.windows[i].spec);
    }
  }
}

void Formatter::TableRefs(const List<sql::TableRef*>& refs) {
  for (uint32_t i = 0; i < refs.size; ++i) {
    if (i > 0) Put(", ");
    TableRef(refs[i]);
  }
}

void Formatter::TableRef(const sql::TableRef* t) {
  switch (t->kind) {
    case TableRefKind::kTable: {
      auto* f = static_cast<const TableFactor*>(t);
      Name(f->name);
      if (f->partitions.size > 0) Put(" partition "), Idents(f->partitions);
      if (f->system_time != nullptr) SystemTime(*f->system_time);
      if (!f->alias.empty()) Put(" as "), Ident(f->alias);
      for (const IndexHint& h : f->hints) {
        Put(h.type == HintType::kUse     ? " use index"
            : h.type == HintType::kForce ? " force index"
                                         : " ignore index");
        switch (h.for_what) {
          case HintFor::kJoin:
            Put(" for join");
            break;
          case HintFor::kOrderBy:
            Put(" for order by");
            break;
          case HintFor::kGroupBy:
            Put(" for group by");
            break;
          default:
            break;
        }
        Put(" ");
        Idents(h.names);
      }
      break;
    }
    case TableRefKind::kDerived: {
      auto* d = static_cast<const DerivedTable*>(t);
      if (d->lateral) Put("lateral ");
      Put("(");
      Query(d->query);
      Put(")");
      if (d->system_time != nullptr) SystemTime(*d->system_time);
      if (!d->alias.empty()) Put(" as "), Ident(d->alias);
      if (d->columns.size > 0) Idents(d->columns);
      break;
    }
    case TableRefKind::kJoin: {
      auto* j = static_cast<const JoinRef*>(t);
      TableRef(j->left);
      switch (j->type) {
        case JoinType::kInner:
          Put(" join ");
          break;
        case JoinType::kCross:
          Put(" cross join ");
          break;
        case JoinType::kStraight:
          Put(" straight_join ");
          break;
        case JoinType::kLeft:
          Put(" left join ");
          break;
        case JoinType::kRight:
          Put(" right join ");
          break;
        case JoinType::kNatural:
          Put(" natural join ");
          break;
        case JoinType::kNaturalLeft:
          Put(" natural left join ");
          break;
        case JoinType::kNaturalRight:
          Put(" natural right join ");
          break;
      }
      bool paren = j->right->kind == TableRefKind::kJoin;
      if (paren) Put("(");
      TableRef(j->right);
      if (paren) Put(")");
      if (j->on != nullptr) Put(" on "), Expr(j->on);
      if (j->has_using) Put(" using "), Idents(j->using_cols);
      break;
    }
    case TableRefKind::kParen:
      Put("(");
      TableRefs(static_cast<const ParenRef*>(t)->items);
      Put(")");
      break;
    case TableRefKind::kJsonTable:
      JsonTable(*static_cast<const sql::JsonTable*>(t));
      break;
  }
}

}  // namespace tessera::sql
