#include "lib/planner/subquery.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "lib/planner/ast_util.h"
#include "lib/planner/context.h"
#include "lib/planner/rewrite.h"
#include "lib/planner/tables.h"
#include "lib/planner/walk.h"

namespace tessera::planner {
namespace {

// Table names a query defines and the qualifiers its columns use.
struct Names {
  std::set<std::string> defined;
  std::set<std::string> used;
};

void CollectQueryNames(const sql::QueryExpr* q, Names* n);

void CollectExprNames(const sql::Expr* e, Names* n) {
  VisitExpr(
      e,
      [&](const sql::Expr* x) {
        if (x->kind == sql::ExprKind::kColumn) {
          const auto* c = static_cast<const sql::Column*>(x);
          if (!c->table.empty()) n->used.insert(IdentText(c->table));
        } else if (x->kind == sql::ExprKind::kStar) {
          const auto* s = static_cast<const sql::Star*>(x);
          if (!s->table.empty()) n->used.insert(IdentText(s->table));
        }
      },
      [&](const sql::QueryExpr* sub) { CollectQueryNames(sub, n); });
}

void CollectRefNames(const sql::TableRef* ref, Names* n) {
  switch (ref->kind) {
    case sql::TableRefKind::kTable: {
      const auto* f = static_cast<const sql::TableFactor*>(ref);
      n->defined.insert(IdentText(f->alias.empty() ? f->name.name : f->alias));
      return;
    }
    case sql::TableRefKind::kDerived: {
      const auto* d = static_cast<const sql::DerivedTable*>(ref);
      n->defined.insert(IdentText(d->alias));
      CollectQueryNames(d->query, n);
      return;
    }
    case sql::TableRefKind::kJoin: {
      const auto* j = static_cast<const sql::JoinRef*>(ref);
      CollectRefNames(j->left, n);
      CollectRefNames(j->right, n);
      CollectExprNames(j->on, n);
      return;
    }
    case sql::TableRefKind::kParen:
      for (const auto* i : static_cast<const sql::ParenRef*>(ref)->items) {
        CollectRefNames(i, n);
      }
      return;
    case sql::TableRefKind::kJsonTable:
      n->used.insert("\x01json_table");  // never pulled out
      return;
  }
}

void CollectQueryNames(const sql::QueryExpr* q, Names* n) {
  if (q == nullptr) return;
  if (q->with != nullptr) {
    for (const auto& c : q->with->ctes) {
      n->defined.insert(IdentText(c.name));
      CollectQueryNames(c.query, n);
    }
  }
  switch (q->kind) {
    case sql::QueryKind::kSelect: {
      const auto* s = static_cast<const sql::Select*>(q);
      for (const sql::TableRef* r : s->from) CollectRefNames(r, n);
      for (const auto& item : s->items) CollectExprNames(item.expr, n);
      CollectExprNames(s->where, n);
      for (const sql::Expr* g : s->group_by) CollectExprNames(g, n);
      CollectExprNames(s->having, n);
      break;
    }
    case sql::QueryKind::kSetOp: {
      const auto* s = static_cast<const sql::SetOp*>(q);
      CollectQueryNames(s->left, n);
      CollectQueryNames(s->right, n);
      break;
    }
    case sql::QueryKind::kParen:
      CollectQueryNames(static_cast<const sql::ParenQuery*>(q)->inner, n);
      break;
    default:
      n->used.insert("\x01other");  // VALUES/TABLE: not pulled out
      break;
  }
  for (const auto& o : q->order_by) CollectExprNames(o.expr, n);
}

class Puller {
 public:
  Puller(sql::Arena& arena, int* counter) : arena_(arena), counter_(counter) {}

  sql::Expr* Visit(sql::Expr* e) {
    switch (e->kind) {
      case sql::ExprKind::kSubquery:
        return Pull(static_cast<sql::SubqueryExpr*>(e)->query,
                    engine::PulloutKind::kValue);
      case sql::ExprKind::kExists:
        return Pull(static_cast<sql::ExistsExpr*>(e)->query,
                    engine::PulloutKind::kExists);
      case sql::ExprKind::kIn:
        return PullIn(static_cast<sql::InExpr*>(e));
      case sql::ExprKind::kBinary:
        if (static_cast<sql::Binary*>(e)->quant != sql::Quantifier::kNone) {
          Fail("ANY/ALL subqueries");
          return e;  // not entered
        }
        return nullptr;
      default:
        return nullptr;
    }
  }

  absl::Status status() const { return status_; }
  std::vector<PulledSubquery>& pulled() { return pulled_; }

 private:
  void Fail(absl::string_view what) {
    if (status_.ok())
      status_ = Unsupported(absl::StrCat(what, " across shards"));
  }

  sql::Expr* Pull(sql::QueryExpr* q, engine::PulloutKind kind) {
    if (IsCorrelated(q)) return nullptr;
    PulledSubquery p;
    p.query = q;
    p.kind = kind;
    p.var = absl::StrCat("__sq", ++*counter_);
    pulled_.push_back(p);
    return NewParam(arena_, absl::StrCat(":", p.var));
  }

  sql::Expr* PullIn(sql::InExpr* in) {
    if (in->subquery == nullptr) return nullptr;
    if (IsCorrelated(in->subquery)) return nullptr;
    if (in->operand->kind == sql::ExprKind::kTuple) {
      Fail("tuple IN subqueries");
      return in;
    }
    if (in->subquery->limit != nullptr) {
      Fail("LIMIT in an IN subquery");
      return in;
    }
    PulledSubquery p;
    p.query = in->subquery;
    p.kind = engine::PulloutKind::kIn;
    p.var = absl::StrCat("__sq", ++*counter_);
    p.has_values_var = absl::StrCat("__sq_has_values", *counter_);
    pulled_.push_back(p);
    auto* list = arena_.New<sql::InExpr>();
    list->operand = in->operand;
    list->negated = in->negated;
    Append(
        arena_, list->list,
        static_cast<sql::Expr*>(NewParam(arena_, absl::StrCat("::", p.var))));
    sql::Expr* has = NewParam(arena_, absl::StrCat(":", p.has_values_var));
    auto* b = arena_.New<sql::Binary>();
    if (in->negated) {
      auto* no = arena_.New<sql::Unary>();
      no->op = sql::UnaryOp::kNot;
      no->operand = has;
      b->op = sql::BinOp::kOr;
      b->left = no;
    } else {
      b->op = sql::BinOp::kAnd;
      b->left = has;
    }
    b->right = list;
    return b;
  }

  sql::Arena& arena_;
  int* counter_;
  absl::Status status_;
  std::vector<PulledSubquery> pulled_;
};

void PullFromRef(sql::TableRef* ref, Puller& p) {
  if (ref->kind == sql::TableRefKind::kJoin) {
    auto* j = static_cast<sql::JoinRef*>(ref);
    PullFromRef(j->left, p);
    PullFromRef(j->right, p);
    ReplaceExprs(&j->on, [&](sql::Expr* e) { return p.Visit(e); });
  } else if (ref->kind == sql::TableRefKind::kParen) {
    for (sql::TableRef* i : static_cast<sql::ParenRef*>(ref)->items) {
      PullFromRef(i, p);
    }
  }
}

bool RefHasSubquery(const sql::TableRef* ref) {
  if (ref->kind == sql::TableRefKind::kJoin) {
    const auto* j = static_cast<const sql::JoinRef*>(ref);
    return RefHasSubquery(j->left) || RefHasSubquery(j->right) ||
           ContainsSubquery(j->on);
  }
  if (ref->kind == sql::TableRefKind::kParen) {
    for (const auto* i : static_cast<const sql::ParenRef*>(ref)->items) {
      if (RefHasSubquery(i)) return true;
    }
  }
  return false;
}

}  // namespace

bool IsCorrelated(const sql::QueryExpr* q) {
  Names n;
  CollectQueryNames(q, &n);
  for (const std::string& u : n.used) {
    if (n.defined.count(u) == 0) return true;
  }
  return false;
}

bool HasSubqueryExpr(const sql::Select& sel) {
  for (const auto& item : sel.items) {
    if (ContainsSubquery(item.expr)) return true;
  }
  for (const sql::TableRef* r : sel.from) {
    if (RefHasSubquery(r)) return true;
  }
  return ContainsSubquery(sel.where) || ContainsSubquery(sel.having);
}

absl::StatusOr<std::vector<PulledSubquery>> PullOutSubqueries(
    sql::Select& sel, sql::Arena& arena, absl::string_view text, int* counter) {
  Puller p(arena, counter);
  auto visit = [&](sql::Expr* e) { return p.Visit(e); };
  for (sql::SelectItem& item : sel.items) {
    if (!ContainsSubquery(item.expr)) continue;
    if (item.alias.empty()) {
      // Keep the column name the client would see from MariaDB.
      item.alias.raw = ArenaString(
          arena,
          absl::StrReplaceAll(ExprText(*item.expr, text), {{"`", "``"}}));
      item.alias.quote = '`';
    }
    ReplaceExprs(&item.expr, visit);
  }
  for (sql::TableRef* r : sel.from) PullFromRef(r, p);
  ReplaceExprs(&sel.where, visit);
  ReplaceExprs(&sel.having, visit);
  if (!p.status().ok()) return p.status();
  return std::move(p.pulled());
}

}  // namespace tessera::planner
