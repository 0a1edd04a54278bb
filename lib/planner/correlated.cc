#include "lib/planner/correlated.h"

#include "lib/planner/join_layout.h"
#include "lib/planner/predicates.h"
#include "lib/planner/subquery.h"
#include "lib/planner/walk.h"

namespace tessera::planner {
namespace {

const sql::Select* AsSelect(const sql::QueryExpr* q) {
  while (q != nullptr && q->kind == sql::QueryKind::kParen) {
    const auto* p = static_cast<const sql::ParenQuery*>(q);
    if (p->order_by.size > 0 || p->limit != nullptr) return nullptr;
    q = p->inner;
  }
  if (q == nullptr || q->kind != sql::QueryKind::kSelect || q->with != nullptr)
    return nullptr;
  return static_cast<const sql::Select*>(q);
}

// Whether every table of `sel`'s own subqueries and derived tables is a
// reference table of `keyspace`.
bool NestedAreReference(const sql::Select& sel, const std::string& keyspace,
                        const PlannerContext& ctx, PlanScratch& scratch) {
  std::vector<const sql::TableFactor*> nested;
  CollectNestedTables(sel, &nested);
  for (const sql::TableFactor* f : nested) {
    auto b = ResolveTable(f->name, ctx, scratch);
    if (!b.ok() || b->system || b->table->keyspace != keyspace ||
        !b->reference()) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool MergesWithOuter(const sql::QueryExpr* q, const FromInfo& outer,
                     const PlannerContext& ctx, PlanScratch& scratch) {
  const sql::Select* sel = AsSelect(q);
  if (sel == nullptr || outer.tables.empty() || outer.has_derived) {
    return false;
  }
  const TableBinding& first = outer.tables[0];
  if (first.system || !first.keyspace->sharded) return false;
  const std::string& keyspace = first.table->keyspace;
  auto inner = LayoutJoins(*sel, ctx, scratch);
  if (!inner.ok() || inner->groups.size() != 1) return false;
  for (const TableBinding& b : inner->from.tables) {
    if (b.table->keyspace != keyspace) return false;
  }
  if (!NestedAreReference(*sel, keyspace, ctx, scratch)) return false;
  if (!inner->groups[0].has_sharded) return true;
  // Tie an inner sharded table to an outer one on the vindex.
  FromInfo both = outer;
  const int base = static_cast<int>(outer.tables.size());
  for (const TableBinding& b : inner->from.tables) both.tables.push_back(b);
  for (const sql::Expr* c : inner->conjuncts) {
    for (int o = 0; o < base; ++o) {
      if (!both.tables[o].sharded()) continue;
      for (size_t i = 0; i < inner->from.tables.size(); ++i) {
        int in = base + static_cast<int>(i);
        if (both.tables[in].sharded() && !inner->left[i] &&
            JoinsOnVindex(c, both, o, in)) {
          return true;
        }
      }
    }
  }
  return false;
}

void CollectUnmergedNested(const sql::Select& sel, const FromInfo& from,
                           const PlannerContext& ctx, PlanScratch& scratch,
                           std::vector<const sql::TableFactor*>* out) {
  // Derived tables and subqueries in ON conditions: never merged here.
  sql::Select from_only;
  from_only.from = sel.from;
  CollectNestedTables(from_only, out);
  auto visit = [&](const sql::Expr* e) {
    VisitExpr(
        e, [](const sql::Expr*) {},
        [&](const sql::QueryExpr* q) {
          if (!MergesWithOuter(q, from, ctx, scratch)) CollectTables(q, out);
        });
  };
  for (const auto& item : sel.items) visit(item.expr);
  visit(sel.where);
  for (const sql::Expr* g : sel.group_by) visit(g);
  visit(sel.having);
  for (const auto& o : sel.order_by) visit(o.expr);
}

}  // namespace tessera::planner
