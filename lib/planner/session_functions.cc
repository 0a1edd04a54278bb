#include "lib/planner/session_functions.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/planner/ast_util.h"
#include "lib/planner/walk.h"

namespace tessera::planner {
namespace {

bool IsLastInsertId(const sql::Expr* e) {
  if (e == nullptr || e->kind != sql::ExprKind::kFunc) return false;
  const auto* f = static_cast<const sql::FuncCall*>(e);
  return f->args.size == 0 && f->db.empty() &&
         absl::EqualsIgnoreCase(f->name, "last_insert_id");
}

class Rewriter {
 public:
  explicit Rewriter(sql::Arena& arena) : arena_(arena) {}

  void Expr(sql::Expr* e) {
    if (e == nullptr) return;
    VisitExpr(
        e,
        [&](const sql::Expr* x) {
          if (!IsLastInsertId(x)) return;
          // The AST is the statement's own (mutable) tree; VisitExpr only
          // hands out const views of it.
          auto* f =
              const_cast<sql::FuncCall*>(static_cast<const sql::FuncCall*>(x));
          f->name = ArenaString(arena_, "COALESCE");
          Append(arena_, f->args,
                 static_cast<sql::Expr*>(
                     NewParam(arena_, absl::StrCat(":", kLastInsertIdVar))));
          found_ = true;
        },
        [](const sql::QueryExpr*) {});
  }

  void Query(sql::QueryExpr* q) {
    if (q == nullptr) return;
    if (q->kind == sql::QueryKind::kSetOp) {
      auto* op = static_cast<sql::SetOp*>(q);
      Query(op->left);
      Query(op->right);
      return;
    }
    if (q->kind == sql::QueryKind::kParen) {
      Query(static_cast<sql::ParenQuery*>(q)->inner);
      return;
    }
    if (q->kind != sql::QueryKind::kSelect) return;
    auto* sel = static_cast<sql::Select*>(q);
    for (sql::SelectItem& item : sel->items) {
      if (IsLastInsertId(item.expr) && item.alias.empty()) {
        item.alias.raw = ArenaString(arena_, "LAST_INSERT_ID()");
        item.alias.quote = '`';
      }
      Expr(item.expr);
    }
    Expr(sel->where);
    Expr(sel->having);
    for (sql::OrderItem& o : sel->order_by) Expr(o.expr);
  }

  bool found() const { return found_; }

 private:
  sql::Arena& arena_;
  bool found_ = false;
};

}  // namespace

bool RewriteLastInsertId(sql::ParsedStatement& stmt) {
  Rewriter r(stmt.arena());
  switch (stmt.kind()) {
    case sql::StmtKind::kSelect:
      r.Query(static_cast<sql::SelectStmt*>(stmt.mutable_root())->query);
      break;
    case sql::StmtKind::kUpdate: {
      auto* u = static_cast<sql::UpdateStmt*>(stmt.mutable_root());
      r.Expr(u->where);
      for (sql::Assignment& a : u->set) r.Expr(a.value);
      break;
    }
    case sql::StmtKind::kDelete:
      r.Expr(static_cast<sql::DeleteStmt*>(stmt.mutable_root())->where);
      break;
    default:
      break;
  }
  return r.found();
}

}  // namespace tessera::planner
