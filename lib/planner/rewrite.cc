#include "lib/planner/rewrite.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "lib/planner/context.h"
#include "lib/planner/walk.h"

namespace tessera::planner {
namespace {

using sql::ExprKind;

void Children(sql::Expr* e, absl::FunctionRef<void(sql::Expr**)> visit) {
  switch (e->kind) {
    case ExprKind::kUnary:
      visit(&static_cast<sql::Unary*>(e)->operand);
      break;
    case ExprKind::kBinary: {
      auto* b = static_cast<sql::Binary*>(e);
      visit(&b->left);
      visit(&b->right);
      break;
    }
    case ExprKind::kIs:
      visit(&static_cast<sql::IsExpr*>(e)->operand);
      break;
    case ExprKind::kBetween: {
      auto* b = static_cast<sql::Between*>(e);
      visit(&b->operand);
      visit(&b->low);
      visit(&b->high);
      break;
    }
    case ExprKind::kIn: {
      auto* in = static_cast<sql::InExpr*>(e);
      visit(&in->operand);
      for (sql::Expr*& x : in->list) visit(&x);
      break;
    }
    case ExprKind::kLike: {
      auto* l = static_cast<sql::LikeExpr*>(e);
      visit(&l->operand);
      visit(&l->pattern);
      if (l->escape != nullptr) visit(&l->escape);
      break;
    }
    case ExprKind::kCase: {
      auto* c = static_cast<sql::CaseExpr*>(e);
      if (c->operand != nullptr) visit(&c->operand);
      for (sql::When& w : c->whens) {
        visit(&w.cond);
        visit(&w.result);
      }
      if (c->else_expr != nullptr) visit(&c->else_expr);
      break;
    }
    case ExprKind::kCast:
      visit(&static_cast<sql::CastExpr*>(e)->operand);
      break;
    case ExprKind::kConvertUsing:
      visit(&static_cast<sql::ConvertUsing*>(e)->operand);
      break;
    case ExprKind::kFunc: {
      auto* f = static_cast<sql::FuncCall*>(e);
      for (sql::Expr*& a : f->args) visit(&a);
      for (sql::OrderItem& o : f->order_by) visit(&o.expr);
      break;
    }
    case ExprKind::kTuple:
      for (sql::Expr*& x : static_cast<sql::TupleExpr*>(e)->items) visit(&x);
      break;
    case ExprKind::kInterval:
      visit(&static_cast<sql::IntervalExpr*>(e)->value);
      break;
    case ExprKind::kCollate:
      visit(&static_cast<sql::CollateExpr*>(e)->operand);
      break;
    case ExprKind::kMatch: {
      auto* m = static_cast<sql::MatchExpr*>(e);
      for (sql::Expr*& c : m->columns) visit(&c);
      visit(&m->against);
      break;
    }
    default:
      break;
  }
}

}  // namespace

void ReplaceExprs(sql::Expr** slot,
                  absl::FunctionRef<sql::Expr*(sql::Expr*)> fn) {
  if (*slot == nullptr) return;
  if (sql::Expr* r = fn(*slot); r != nullptr) {
    *slot = r;
    return;
  }
  Children(*slot, [&](sql::Expr** child) { ReplaceExprs(child, fn); });
}

absl::Status TablesOf(const sql::Expr* e, const FromInfo& from,
                      std::set<int>* out) {
  absl::Status status;
  VisitExpr(
      e,
      [&](const sql::Expr* x) {
        if (x->kind == ExprKind::kFunc &&
            static_cast<const sql::FuncCall*>(x)->has_over) {
          status = Unsupported("window functions in a cross-shard join");
        }
        if (x->kind != ExprKind::kColumn || !status.ok()) return;
        const auto* c = static_cast<const sql::Column*>(x);
        int t = BindColumn(*c, from);
        if (t < 0) {
          status = Unsupported(absl::StrCat(
              "column ", IdentText(c->name),
              " in a cross-shard join without a table qualifier it can be "
              "bound by (qualify it with its table)"));
          return;
        }
        out->insert(t);
      },
      [&](const sql::QueryExpr*) {
        if (status.ok()) {
          status = Unsupported("this subquery in a cross-shard join");
        }
      });
  return status;
}

}  // namespace tessera::planner
