#include "lib/planner/using_joins.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "lib/planner/ast_util.h"
#include "lib/planner/rewrite.h"
#include "lib/planner/tables.h"

namespace tessera::planner {
namespace {

const sql::TableFactor* OneTable(const sql::TableRef* ref) {
  while (ref->kind == sql::TableRefKind::kParen) {
    const auto* p = static_cast<const sql::ParenRef*>(ref);
    if (p->items.size != 1) return nullptr;
    ref = p->items[0];
  }
  return ref->kind == sql::TableRefKind::kTable
             ? static_cast<const sql::TableFactor*>(ref)
             : nullptr;
}

// The name a table is referred to by: its alias, else its name.
sql::Ident Qualifier(const sql::TableFactor& f) {
  return f.alias.empty() ? f.name.name : f.alias;
}

sql::Column* NewColumn(sql::Arena& arena, sql::Ident table, sql::Ident name) {
  auto* c = arena.New<sql::Column>();
  c->table = table;
  c->name = name;
  return c;
}

class UsingRewriter {
 public:
  explicit UsingRewriter(sql::Arena& arena) : arena_(arena) {}

  // Collects the USING joins below `ref`; false on a shape not handled.
  bool Collect(sql::TableRef* ref) {
    switch (ref->kind) {
      case sql::TableRefKind::kTable:
        return true;
      case sql::TableRefKind::kParen:
        for (sql::TableRef* i : static_cast<sql::ParenRef*>(ref)->items) {
          if (!Collect(i)) return false;
        }
        return true;
      case sql::TableRefKind::kJoin: {
        auto* j = static_cast<sql::JoinRef*>(ref);
        if (!Collect(j->left) || !Collect(j->right)) return false;
        if (j->has_using) joins_.push_back(j);
        return true;
      }
      default:
        return true;
    }
  }

  bool Plan() {
    for (sql::JoinRef* j : joins_) {
      const sql::TableFactor* l = OneTable(j->left);
      const sql::TableFactor* r = OneTable(j->right);
      if (l == nullptr || r == nullptr) return false;
      if (j->type != sql::JoinType::kInner && j->type != sql::JoinType::kLeft &&
          j->type != sql::JoinType::kRight) {
        return false;
      }
      sql::Ident keep = Qualifier(j->type == sql::JoinType::kRight ? *r : *l);
      for (const sql::Ident& c : j->using_cols) {
        std::string name = absl::AsciiStrToLower(IdentText(c));
        if (owner_.count(name) != 0) return false;  // in several joins
        owner_[name] = keep;
      }
    }
    return !joins_.empty();
  }

  void Apply(sql::Select& sel) {
    for (sql::JoinRef* j : joins_) {
      sql::Ident l = Qualifier(*OneTable(j->left));
      sql::Ident r = Qualifier(*OneTable(j->right));
      sql::Expr* on = nullptr;
      for (const sql::Ident& c : j->using_cols) {
        auto* eq = arena_.New<sql::Binary>();
        eq->op = sql::BinOp::kEq;
        eq->left = NewColumn(arena_, l, c);
        eq->right = NewColumn(arena_, r, c);
        if (on == nullptr) {
          on = eq;
          continue;
        }
        auto* both = arena_.New<sql::Binary>();
        both->op = sql::BinOp::kAnd;
        both->left = on;
        both->right = eq;
        on = both;
      }
      j->on = on;
      j->has_using = false;
      j->using_cols = {};
    }
    std::vector<std::string> aliases;
    for (auto& item : sel.items) {
      aliases.push_back(absl::AsciiStrToLower(IdentText(item.alias)));
      Qualify(&item.expr, {});
    }
    Qualify(&sel.where, {});
    for (sql::Expr*& g : sel.group_by) Qualify(&g, {});
    // ORDER BY and HAVING may name select aliases first.
    Qualify(&sel.having, aliases);
    for (sql::OrderItem& o : sel.order_by) Qualify(&o.expr, aliases);
  }

 private:
  void Qualify(sql::Expr** slot, const std::vector<std::string>& aliases) {
    if (*slot == nullptr) return;
    ReplaceExprs(slot, [&](sql::Expr* e) -> sql::Expr* {
      if (e->kind != sql::ExprKind::kColumn) return nullptr;
      auto* c = static_cast<sql::Column*>(e);
      if (!c->table.empty()) return nullptr;
      std::string name = absl::AsciiStrToLower(IdentText(c->name));
      for (const std::string& a : aliases) {
        if (a == name) return nullptr;
      }
      auto it = owner_.find(name);
      if (it == owner_.end()) return nullptr;
      return NewColumn(arena_, it->second, c->name);
    });
  }

  sql::Arena& arena_;
  std::vector<sql::JoinRef*> joins_;
  std::map<std::string, sql::Ident> owner_;
};

}  // namespace

bool RewriteUsingJoins(sql::Select& sel, sql::Arena& arena) {
  for (const auto& item : sel.items) {
    if (item.expr->kind == sql::ExprKind::kStar) return false;
  }
  UsingRewriter rw(arena);
  for (sql::TableRef* ref : sel.from) {
    if (!rw.Collect(ref)) return false;
  }
  if (!rw.Plan()) return false;
  rw.Apply(sel);
  return true;
}

}  // namespace tessera::planner
