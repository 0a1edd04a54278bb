#include "lib/planner/walk.h"

#include <string>

#include "absl/strings/ascii.h"
#include "lib/planner/tables.h"

namespace tessera::planner {
namespace {

using sql::ExprKind;

void NoQuery(const sql::QueryExpr*) {}

void VisitWindow(const sql::WindowSpec* w,
                 absl::FunctionRef<void(const sql::Expr*)> fn,
                 absl::FunctionRef<void(const sql::QueryExpr*)> on_query) {
  if (w == nullptr) return;
  for (const sql::Expr* p : w->partition_by) VisitExpr(p, fn, on_query);
  for (const auto& o : w->order_by) VisitExpr(o.expr, fn, on_query);
}

}  // namespace

void VisitExpr(const sql::Expr* e, absl::FunctionRef<void(const sql::Expr*)> fn,
               absl::FunctionRef<void(const sql::QueryExpr*)> on_query) {
  if (e == nullptr) return;
  fn(e);
  auto visit = [&](const sql::Expr* c) { VisitExpr(c, fn, on_query); };
  switch (e->kind) {
    case ExprKind::kUnary:
      visit(static_cast<const sql::Unary*>(e)->operand);
      break;
    case ExprKind::kBinary: {
      const auto* b = static_cast<const sql::Binary*>(e);
      visit(b->left);
      visit(b->right);
      break;
    }
    case ExprKind::kIs:
      visit(static_cast<const sql::IsExpr*>(e)->operand);
      break;
    case ExprKind::kBetween: {
      const auto* b = static_cast<const sql::Between*>(e);
      visit(b->operand);
      visit(b->low);
      visit(b->high);
      break;
    }
    case ExprKind::kIn: {
      const auto* in = static_cast<const sql::InExpr*>(e);
      visit(in->operand);
      for (const sql::Expr* x : in->list) visit(x);
      if (in->subquery != nullptr) on_query(in->subquery);
      break;
    }
    case ExprKind::kLike: {
      const auto* l = static_cast<const sql::LikeExpr*>(e);
      visit(l->operand);
      visit(l->pattern);
      visit(l->escape);
      break;
    }
    case ExprKind::kCase: {
      const auto* c = static_cast<const sql::CaseExpr*>(e);
      visit(c->operand);
      for (const auto& w : c->whens) {
        visit(w.cond);
        visit(w.result);
      }
      visit(c->else_expr);
      break;
    }
    case ExprKind::kCast:
      visit(static_cast<const sql::CastExpr*>(e)->operand);
      break;
    case ExprKind::kConvertUsing:
      visit(static_cast<const sql::ConvertUsing*>(e)->operand);
      break;
    case ExprKind::kFunc: {
      const auto* f = static_cast<const sql::FuncCall*>(e);
      for (const sql::Expr* a : f->args) visit(a);
      for (const auto& o : f->order_by) visit(o.expr);
      VisitWindow(f->over, fn, on_query);
      break;
    }
    case ExprKind::kSubquery:
      on_query(static_cast<const sql::SubqueryExpr*>(e)->query);
      break;
    case ExprKind::kExists:
      on_query(static_cast<const sql::ExistsExpr*>(e)->query);
      break;
    case ExprKind::kTuple:
      for (const sql::Expr* x : static_cast<const sql::TupleExpr*>(e)->items) {
        visit(x);
      }
      break;
    case ExprKind::kInterval:
      visit(static_cast<const sql::IntervalExpr*>(e)->value);
      break;
    case ExprKind::kCollate:
      visit(static_cast<const sql::CollateExpr*>(e)->operand);
      break;
    case ExprKind::kMatch: {
      const auto* m = static_cast<const sql::MatchExpr*>(e);
      for (const sql::Expr* c : m->columns) visit(c);
      visit(m->against);
      break;
    }
    default:
      break;
  }
}

bool IsAggregate(const sql::FuncCall& f) {
  if (f.has_over || !f.db.empty()) return false;
  if (f.form == sql::FuncForm::kCountStar ||
      f.form == sql::FuncForm::kGroupConcat) {
    return true;
  }
  static constexpr absl::string_view kAggregates[] = {
      "count",        "sum",           "min",           "max",      "avg",
      "group_concat", "bit_and",       "bit_or",        "bit_xor",  "std",
      "stddev",       "stddev_pop",    "stddev_samp",   "variance", "var_pop",
      "var_samp",     "json_arrayagg", "json_objectagg"};
  std::string name = absl::AsciiStrToLower(f.name);
  for (absl::string_view a : kAggregates) {
    if (name == a) return true;
  }
  return false;
}

bool ContainsAggregate(const sql::Expr* e) {
  bool found = false;
  VisitExpr(
      e,
      [&](const sql::Expr* x) {
        if (x->kind == ExprKind::kFunc &&
            IsAggregate(*static_cast<const sql::FuncCall*>(x))) {
          found = true;
        }
      },
      NoQuery);
  return found;
}

bool ContainsWindow(const sql::Expr* e) {
  bool found = false;
  VisitExpr(
      e,
      [&](const sql::Expr* x) {
        if (x->kind == ExprKind::kFunc &&
            static_cast<const sql::FuncCall*>(x)->has_over) {
          found = true;
        }
      },
      NoQuery);
  return found;
}

bool ContainsSubquery(const sql::Expr* e) {
  bool found = false;
  VisitExpr(
      e, [](const sql::Expr*) {}, [&](const sql::QueryExpr*) { found = true; });
  return found;
}

namespace {

void CollectFromRef(const sql::TableRef* ref,
                    const std::vector<std::string>& ctes,
                    std::vector<const sql::TableFactor*>* out);

void CollectExprTables(const sql::Expr* e,
                       std::vector<const sql::TableFactor*>* out) {
  VisitExpr(
      e, [](const sql::Expr*) {},
      [&](const sql::QueryExpr* q) { CollectTables(q, out); });
}

// Tables inside a FROM item but not the item's own tables: those of
// derived tables and of subqueries in ON conditions.
void CollectNestedFromRef(const sql::TableRef* ref,
                          std::vector<const sql::TableFactor*>* out) {
  switch (ref->kind) {
    case sql::TableRefKind::kDerived:
      CollectTables(static_cast<const sql::DerivedTable*>(ref)->query, out);
      return;
    case sql::TableRefKind::kJoin: {
      const auto* j = static_cast<const sql::JoinRef*>(ref);
      CollectNestedFromRef(j->left, out);
      CollectNestedFromRef(j->right, out);
      CollectExprTables(j->on, out);
      return;
    }
    case sql::TableRefKind::kParen:
      for (const auto* i : static_cast<const sql::ParenRef*>(ref)->items) {
        CollectNestedFromRef(i, out);
      }
      return;
    default:
      return;
  }
}

void CollectSelectParts(const sql::Select& s,
                        const std::vector<std::string>& ctes, bool own_from,
                        std::vector<const sql::TableFactor*>* out) {
  for (const sql::TableRef* r : s.from) {
    if (own_from) {
      CollectFromRef(r, ctes, out);
    } else {
      CollectNestedFromRef(r, out);
    }
  }
  for (const auto& item : s.items) CollectExprTables(item.expr, out);
  CollectExprTables(s.where, out);
  for (const sql::Expr* g : s.group_by) CollectExprTables(g, out);
  CollectExprTables(s.having, out);
  for (const auto& o : s.order_by) CollectExprTables(o.expr, out);
}

void CollectFromRef(const sql::TableRef* ref,
                    const std::vector<std::string>& ctes,
                    std::vector<const sql::TableFactor*>* out) {
  switch (ref->kind) {
    case sql::TableRefKind::kTable: {
      const auto* f = static_cast<const sql::TableFactor*>(ref);
      if (f->name.db.empty()) {
        std::string name = IdentText(f->name.name);
        for (const auto& c : ctes) {
          if (c == name) return;
        }
      }
      out->push_back(f);
      return;
    }
    case sql::TableRefKind::kDerived:
      CollectTables(static_cast<const sql::DerivedTable*>(ref)->query, out);
      return;
    case sql::TableRefKind::kJoin: {
      const auto* j = static_cast<const sql::JoinRef*>(ref);
      CollectFromRef(j->left, ctes, out);
      CollectFromRef(j->right, ctes, out);
      CollectExprTables(j->on, out);
      return;
    }
    case sql::TableRefKind::kParen:
      for (const auto* i : static_cast<const sql::ParenRef*>(ref)->items) {
        CollectFromRef(i, ctes, out);
      }
      return;
    case sql::TableRefKind::kJsonTable:
      return;
  }
}

void CollectQuery(const sql::QueryExpr* q, std::vector<std::string> ctes,
                  std::vector<const sql::TableFactor*>* out) {
  if (q == nullptr) return;
  if (q->with != nullptr) {
    for (const auto& c : q->with->ctes) ctes.push_back(IdentText(c.name));
    for (const auto& c : q->with->ctes) CollectQuery(c.query, ctes, out);
  }
  switch (q->kind) {
    case sql::QueryKind::kSelect:
      CollectSelectParts(*static_cast<const sql::Select*>(q), ctes, true, out);
      break;
    case sql::QueryKind::kSetOp: {
      const auto* s = static_cast<const sql::SetOp*>(q);
      CollectQuery(s->left, ctes, out);
      CollectQuery(s->right, ctes, out);
      break;
    }
    case sql::QueryKind::kParen:
      CollectQuery(static_cast<const sql::ParenQuery*>(q)->inner, ctes, out);
      break;
    default:
      break;
  }
  for (const auto& o : q->order_by) CollectExprTables(o.expr, out);
}

}  // namespace

void CollectTables(const sql::QueryExpr* q,
                   std::vector<const sql::TableFactor*>* out) {
  CollectQuery(q, {}, out);
}

void CollectNestedTables(const sql::Select& sel,
                         std::vector<const sql::TableFactor*>* out) {
  CollectSelectParts(sel, {}, false, out);
}

}  // namespace tessera::planner
