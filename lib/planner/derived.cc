#include "lib/planner/derived.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/base/status_macros.h"
#include "lib/engine/filter.h"
#include "lib/engine/project.h"
#include "lib/engine/sort.h"
#include "lib/planner/ast_util.h"
#include "lib/planner/having.h"
#include "lib/planner/join_layout.h"
#include "lib/planner/predicates.h"
#include "lib/planner/subquery.h"
#include "lib/planner/walk.h"

namespace tessera::planner {
namespace {

const sql::Select* PlainSelect(const sql::QueryExpr* q) {
  if (q == nullptr || q->kind != sql::QueryKind::kSelect || q->with != nullptr)
    return nullptr;
  return static_cast<const sql::Select*>(q);
}

// Whether `e` is the primary vindex column of a sharded, non-NULL-extended
// table of `l`.
bool IsVindexKey(const sql::Expr* e, const JoinLayout& l) {
  if (e->kind != sql::ExprKind::kColumn) return false;
  const auto* c = static_cast<const sql::Column*>(e);
  int t = BindColumn(*c, l.from);
  if (t < 0 || !l.from.tables[t].sharded() || l.left[t]) return false;
  std::string v = PrimaryVindexColumn(*l.from.tables[t].table);
  return !v.empty() && absl::EqualsIgnoreCase(IdentText(c->name), v);
}

// The derived table's column names (lower case), or an error when they
// cannot be known (SELECT *).
absl::StatusOr<std::vector<std::string>> DerivedColumns(
    const sql::DerivedTable& d, absl::string_view text) {
  std::vector<std::string> out;
  if (!d.columns.empty()) {
    for (const sql::Ident& c : d.columns)
      out.push_back(absl::AsciiStrToLower(IdentText(c)));
    return out;
  }
  const sql::QueryExpr* q = d.query;
  while (q->kind != sql::QueryKind::kSelect) {
    if (q->kind == sql::QueryKind::kSetOp) {
      q = static_cast<const sql::SetOp*>(q)->left;
    } else if (q->kind == sql::QueryKind::kParen) {
      q = static_cast<const sql::ParenQuery*>(q)->inner;
    } else {
      return Unsupported("this derived table across shards");
    }
  }
  for (const auto& item : static_cast<const sql::Select*>(q)->items) {
    if (!item.alias.empty()) {
      out.push_back(absl::AsciiStrToLower(IdentText(item.alias)));
    } else if (item.expr->kind == sql::ExprKind::kColumn) {
      out.push_back(absl::AsciiStrToLower(
          IdentText(static_cast<const sql::Column*>(item.expr)->name)));
    } else if (item.expr->kind == sql::ExprKind::kStar) {
      return Unsupported("SELECT * inside a derived table across shards");
    } else {
      out.push_back(absl::AsciiStrToLower(ExprText(*item.expr, text)));
    }
  }
  return out;
}

}  // namespace

const sql::DerivedTable* SoleDerivedTable(const sql::Select& sel) {
  if (sel.from.size != 1 || sel.from[0]->kind != sql::TableRefKind::kDerived)
    return nullptr;
  return static_cast<const sql::DerivedTable*>(sel.from[0]);
}

bool Distributes(const sql::QueryExpr* q, const PlannerContext& ctx,
                 PlanScratch& scratch) {
  const sql::Select* sel = PlainSelect(q);
  if (sel == nullptr || sel->limit != nullptr || sel->into != nullptr ||
      sel->lock != nullptr || sel->with_rollup || !sel->windows.empty() ||
      (sel->options & sql::kSelCalcFoundRows) || HasSubqueryExpr(*sel)) {
    return false;
  }
  auto l = LayoutJoins(*sel, ctx, scratch);
  if (!l.ok() || l->groups.size() != 1 || l->from.tables.empty() ||
      !l->from.tables[0].keyspace->sharded || !l->groups[0].has_sharded) {
    return false;
  }
  bool aggregate = !sel->group_by.empty() || sel->having != nullptr;
  for (const auto& item : sel->items) {
    if (ContainsWindow(item.expr)) return false;
    aggregate |= ContainsAggregate(item.expr);
  }
  if (aggregate) {
    bool keyed = false;
    for (const sql::Expr* g : sel->group_by) keyed |= IsVindexKey(g, *l);
    if (!keyed) return false;
  }
  if (sel->options & (sql::kSelDistinct | sql::kSelDistinctRow)) {
    bool keyed = false;
    for (const auto& item : sel->items) keyed |= IsVindexKey(item.expr, *l);
    if (!keyed) return false;
  }
  return true;
}

absl::StatusOr<PlanPart> ProjectDerived(const sql::Select& outer,
                                        const sql::DerivedTable& d,
                                        PlanPart inner,
                                        absl::string_view text) {
  if (!outer.group_by.empty() || outer.having != nullptr ||
      (outer.options &
       (sql::kSelDistinct | sql::kSelDistinctRow | sql::kSelCalcFoundRows)) ||
      outer.into != nullptr || outer.lock != nullptr || outer.with != nullptr ||
      !outer.windows.empty() || HasSubqueryExpr(outer)) {
    return Unsupported(
        "this query over a derived table that does not distribute across "
        "shards");
  }
  TESSERA_ASSIGN_OR_RETURN(std::vector<std::string> cols,
                           DerivedColumns(d, text));
  std::string alias = IdentText(d.alias);
  auto column_of = [&](const sql::Expr* e) -> absl::StatusOr<int> {
    if (e->kind == sql::ExprKind::kColumn) {
      const auto* c = static_cast<const sql::Column*>(e);
      if (c->db.empty() && (c->table.empty() || IdentText(c->table) == alias)) {
        std::string name = absl::AsciiStrToLower(IdentText(c->name));
        for (size_t i = 0; i < cols.size(); ++i) {
          if (cols[i] == name) return static_cast<int>(i);
        }
      }
    }
    return Unsupported(absl::StrCat(ExprText(*e, text),
                                    " over a derived table across shards"));
  };
  PlanPart part = std::move(inner);
  if (outer.where != nullptr) {
    TESSERA_ASSIGN_OR_RETURN(engine::ExprPtr pred,
                             TranslateHaving(outer.where, column_of));
    auto f = std::make_shared<engine::Filter>(part.op, pred);
    std::string desc = f->Describe();
    part = Wrap(std::move(part), std::move(f), "Filter", desc);
  }
  engine::ProjectSpec spec;
  std::vector<std::string> item_names;
  for (const auto& item : outer.items) {
    if (item.expr->kind == sql::ExprKind::kStar) {
      const auto* s = static_cast<const sql::Star*>(item.expr);
      if (!s->table.empty() && IdentText(s->table) != alias) {
        return Unsupported("this star over a derived table");
      }
      for (size_t i = 0; i < cols.size(); ++i) {
        spec.columns.push_back(static_cast<int>(i));
        spec.names.push_back("");
        item_names.push_back(cols[i]);
      }
      continue;
    }
    TESSERA_ASSIGN_OR_RETURN(int c, column_of(item.expr));
    spec.columns.push_back(c);
    spec.names.push_back(item.alias.empty() ? "" : IdentText(item.alias));
    item_names.push_back(absl::AsciiStrToLower(
        item.alias.empty() ? cols[c] : IdentText(item.alias)));
  }
  if (!outer.order_by.empty()) {
    std::vector<engine::OrderKey> keys;
    for (const sql::OrderItem& o : outer.order_by) {
      absl::StatusOr<int> c = column_of(o.expr);
      if (!c.ok() && o.expr->kind == sql::ExprKind::kColumn) {
        // An alias of the outer select list.
        std::string name = absl::AsciiStrToLower(
            IdentText(static_cast<const sql::Column*>(o.expr)->name));
        for (size_t i = 0; i < item_names.size(); ++i) {
          if (item_names[i] == name) c = spec.columns[i];
        }
      }
      if (!c.ok()) return c.status();
      keys.push_back({*c, engine::kNoColumn, o.dir == sql::OrderDir::kDesc});
    }
    auto s = std::make_shared<engine::Sort>(part.op, keys);
    std::string desc = s->Describe();
    part = Wrap(std::move(part), std::move(s), "Sort", desc);
  }
  if (outer.limit != nullptr) {
    TESSERA_ASSIGN_OR_RETURN(part, AddLimit(std::move(part), outer.limit));
  }
  spec.input = part.op;
  auto p = std::make_shared<engine::Project>(spec);
  std::string desc = p->Describe();
  return Wrap(std::move(part), std::move(p), "Project", desc);
}

}  // namespace tessera::planner
