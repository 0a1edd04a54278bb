#include "lib/planner/join_layout.h"

#include <set>

#include "lib/base/status_macros.h"
#include "lib/planner/predicates.h"
#include "lib/planner/rewrite.h"

namespace tessera::planner {
namespace {

class Linearizer {
 public:
  Linearizer(const PlannerContext& ctx, PlanScratch& scratch, JoinLayout& out)
      : ctx_(ctx), scratch_(scratch), out_(out) {}

  absl::Status Add(const sql::TableRef* ref) {
    switch (ref->kind) {
      case sql::TableRefKind::kTable:
        return AddTable(static_cast<const sql::TableFactor*>(ref), false,
                        nullptr);
      case sql::TableRefKind::kParen:
        for (const sql::TableRef* i :
             static_cast<const sql::ParenRef*>(ref)->items) {
          TESSERA_RETURN_IF_ERROR(Add(i));
        }
        return absl::OkStatus();
      case sql::TableRefKind::kJoin:
        return AddJoin(static_cast<const sql::JoinRef*>(ref));
      case sql::TableRefKind::kDerived:
        return Unsupported("derived tables in a cross-shard join");
      case sql::TableRefKind::kJsonTable:
        return Unsupported("JSON_TABLE");
    }
    return absl::OkStatus();
  }

 private:
  absl::Status AddTable(const sql::TableFactor* f, bool left,
                        const sql::Expr* on) {
    TESSERA_ASSIGN_OR_RETURN(TableBinding b,
                             ResolveTable(f->name, ctx_, scratch_));
    if (b.system) return Unsupported("joining system tables with user tables");
    if (b.table->type == vschema::TableType::kSequence) {
      return Unsupported("selecting from a sequence table; use NEXT VALUE");
    }
    b.ref = f;
    b.outer = left;
    if (!f->alias.empty()) b.alias = IdentText(f->alias);
    out_.from.tables.push_back(std::move(b));
    out_.on.push_back(on);
    out_.left.push_back(left);
    return absl::OkStatus();
  }

  // The single table on one side of an outer join, or null.
  static const sql::TableFactor* OneTable(const sql::TableRef* ref) {
    while (ref->kind == sql::TableRefKind::kParen) {
      const auto* p = static_cast<const sql::ParenRef*>(ref);
      if (p->items.size != 1) return nullptr;
      ref = p->items[0];
    }
    return ref->kind == sql::TableRefKind::kTable
               ? static_cast<const sql::TableFactor*>(ref)
               : nullptr;
  }

  absl::Status AddJoin(const sql::JoinRef* j) {
    if (j->has_using || j->type == sql::JoinType::kNatural ||
        j->type == sql::JoinType::kNaturalLeft ||
        j->type == sql::JoinType::kNaturalRight) {
      return Unsupported("JOIN ... USING or NATURAL JOIN across shards");
    }
    switch (j->type) {
      case sql::JoinType::kLeft: {
        const sql::TableFactor* right = OneTable(j->right);
        if (right == nullptr || j->on == nullptr) {
          return Unsupported("LEFT JOIN of a nested join across shards");
        }
        TESSERA_RETURN_IF_ERROR(Add(j->left));
        return AddTable(right, true, j->on);
      }
      case sql::JoinType::kRight: {
        // A RIGHT JOIN B = B LEFT JOIN A when A is one table.
        const sql::TableFactor* left = OneTable(j->left);
        if (left == nullptr || j->on == nullptr) {
          return Unsupported("RIGHT JOIN of a nested join across shards");
        }
        TESSERA_RETURN_IF_ERROR(Add(j->right));
        return AddTable(left, true, j->on);
      }
      default:
        TESSERA_RETURN_IF_ERROR(Add(j->left));
        TESSERA_RETURN_IF_ERROR(Add(j->right));
        SplitAnd(j->on, &out_.conjuncts);
        return absl::OkStatus();
    }
  }

  const PlannerContext& ctx_;
  PlanScratch& scratch_;
  JoinLayout& out_;
};

bool SameKeyspace(const TableBinding& a, const TableBinding& b) {
  return a.table->keyspace == b.table->keyspace;
}

// Whether some conjunct makes table `t` co-located with a sharded table of
// `g`.
bool TiedByVindex(const JoinLayout& l, const JoinGroup& g, int t,
                  const std::vector<const sql::Expr*>& conds) {
  for (int s : g.tables) {
    if (!l.from.tables[s].sharded()) continue;
    for (const sql::Expr* c : conds) {
      if (JoinsOnVindex(c, l.from, s, t)) return true;
    }
  }
  return false;
}

absl::StatusOr<bool> CanMerge(const JoinLayout& l, int gi, int t) {
  const JoinGroup& g = l.groups[gi];
  const TableBinding& b = l.from.tables[t];
  if (g.left || !SameKeyspace(l.from.tables[g.tables[0]], b)) return false;
  bool unsharded = !b.keyspace->sharded;
  if (!l.left[t]) {
    if (unsharded || b.reference() || !g.has_sharded) return true;
    return TiedByVindex(l, g, t, l.conjuncts);
  }
  // A LEFT JOIN's right side: its ON may name only this group's tables and
  // those of groups that run before it.
  std::set<int> refs;
  TESSERA_RETURN_IF_ERROR(TablesOf(l.on[t], l.from, &refs));
  for (int r : refs) {
    if (r != t && l.group_of[r] > gi) return false;
  }
  if (unsharded || b.reference()) return true;
  std::vector<const sql::Expr*> on;
  SplitAnd(l.on[t], &on);
  return TiedByVindex(l, g, t, on);
}

}  // namespace

absl::StatusOr<JoinLayout> LayoutJoins(const sql::Select& sel,
                                       const PlannerContext& ctx,
                                       PlanScratch& scratch) {
  JoinLayout l;
  Linearizer lin(ctx, scratch, l);
  for (const sql::TableRef* ref : sel.from) {
    TESSERA_RETURN_IF_ERROR(lin.Add(ref));
  }
  SplitAnd(sel.where, &l.conjuncts);
  l.group_of.assign(l.from.tables.size(), -1);
  for (size_t t = 0; t < l.from.tables.size(); ++t) {
    int target = -1;
    for (size_t g = 0; g < l.groups.size() && target < 0; ++g) {
      TESSERA_ASSIGN_OR_RETURN(bool ok, CanMerge(l, static_cast<int>(g),
                                                 static_cast<int>(t)));
      if (ok) target = static_cast<int>(g);
    }
    if (target < 0) {
      target = static_cast<int>(l.groups.size());
      l.groups.push_back({{}, l.left[t], false});
    }
    l.groups[target].tables.push_back(static_cast<int>(t));
    l.groups[target].has_sharded |= l.from.tables[t].sharded();
    l.group_of[t] = target;
  }
  return l;
}

}  // namespace tessera::planner
