#include "lib/planner/select_planner.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/base/status_macros.h"
#include "lib/engine/union.h"
#include "lib/planner/join_layout.h"
#include "lib/planner/join_planner.h"
#include "lib/planner/route_analysis.h"
#include "lib/planner/scatter_select.h"
#include "lib/planner/walk.h"
#include "lib/sql/format.h"

namespace tessera::planner {
namespace {

using engine::RouteVariant;

struct Planned {
  PlanPart part;
  BlockRoute route;
};

class SelectPlanner {
 public:
  SelectPlanner(sql::ParsedStatement& stmt, const PlannerContext& ctx)
      : stmt_(stmt), ctx_(ctx) {}

  absl::StatusOr<Planned> PlanQuery(sql::QueryExpr* q) {
    switch (q->kind) {
      case sql::QueryKind::kSelect:
        return PlanBlock(*static_cast<sql::Select*>(q));
      case sql::QueryKind::kParen: {
        auto* p = static_cast<sql::ParenQuery*>(q);
        if (p->order_by.empty() && p->limit == nullptr && p->with == nullptr &&
            p->lock == nullptr && p->into == nullptr) {
          return PlanQuery(p->inner);
        }
        return PlanWhole(q);
      }
      case sql::QueryKind::kSetOp:
        return PlanSetOp(static_cast<sql::SetOp*>(q));
      default:
        return PlanWhole(q);
    }
  }

 private:
  // A query expression that must run as one unit on one shard set.
  absl::StatusOr<Planned> PlanWhole(sql::QueryExpr* q) {
    std::vector<const sql::TableFactor*> tables;
    CollectTables(q, &tables);
    FromInfo none;
    TESSERA_ASSIGN_OR_RETURN(BlockRoute r,
                             RouteBlock(none, nullptr, tables, ctx_, scratch_));
    if (!r.single_shard) return Unsupported("this query shape across shards");
    return Single(q, r);
  }

  Planned Single(sql::QueryExpr* q, const BlockRoute& r) {
    engine::RouteSpec spec = RouteSpecFor(r);
    spec.query = FormatQuery(q, stmt_.arena(), stmt_.sql());
    if (r.variant == RouteVariant::kNone) spec.field_query = spec.query;
    if (q->kind == sql::QueryKind::kSelect) {
      SetFieldQuery(&spec, static_cast<sql::Select&>(*q), stmt_.arena(),
                    stmt_.sql());
    }
    PlanPart part = RouteOperator(std::move(spec));
    if (r.system) part.explain->variant = "DBA";
    return {std::move(part), r};
  }

  absl::StatusOr<Planned> PlanBlock(sql::Select& sel) {
    // Tables that no one shard query can join: the router joins them.
    if (!sel.from.empty() && sel.with == nullptr) {
      auto layout = LayoutJoins(sel, ctx_, scratch_);
      if (layout.ok() && layout->groups.size() > 1) {
        TESSERA_ASSIGN_OR_RETURN(
            PlanPart part,
            PlanJoin(sel, *layout, ctx_, scratch_, stmt_.arena(), stmt_.sql()));
        BlockRoute r;
        r.keyspace = layout->from.tables[0].table->keyspace;
        return Planned{std::move(part), r};
      }
    }
    TESSERA_ASSIGN_OR_RETURN(FromInfo from,
                             ResolveFrom(sel.from, ctx_, scratch_));
    std::vector<const sql::TableFactor*> nested;
    CollectNestedTables(sel, &nested);
    // CTEs name tables that are not in the VSchema.
    if (sel.with != nullptr) {
      for (const auto& c : sel.with->ctes) CollectTables(c.query, &nested);
      from.has_derived = true;
    }
    TESSERA_ASSIGN_OR_RETURN(
        BlockRoute r, RouteBlock(from, sel.where, nested, ctx_, scratch_));
    if (r.single_shard || r.variant == RouteVariant::kUnsharded) {
      return Single(&sel, r);
    }
    TESSERA_ASSIGN_OR_RETURN(
        PlanPart part,
        PlanScatterBlock(sel, RouteSpecFor(r), stmt_.arena(), stmt_.sql()));
    return Planned{std::move(part), r};
  }

  absl::StatusOr<Planned> PlanSetOp(sql::SetOp* s) {
    if (s->op != sql::SetOpType::kUnion) {
      // INTERSECT/EXCEPT are exact only on one shard set.
      return PlanWhole(s);
    }
    auto whole = PlanWhole(s);
    if (whole.ok()) return whole;
    if (!s->order_by.empty() || s->limit != nullptr) {
      return Unsupported("ORDER BY or LIMIT on a UNION across shards");
    }
    TESSERA_ASSIGN_OR_RETURN(Planned left, PlanQuery(s->left));
    TESSERA_ASSIGN_OR_RETURN(Planned right, PlanQuery(s->right));
    bool distinct = !s->all;
    auto op = std::make_shared<engine::Union>(
        std::vector<engine::OperatorPtr>{left.part.op, right.part.op},
        distinct);
    auto node = std::make_shared<ExplainNode>();
    node->op = "Union";
    node->variant = distinct ? "Distinct" : "All";
    node->inputs = {left.part.explain, right.part.explain};
    BlockRoute r = left.route;
    r.single_shard = false;
    return Planned{{std::move(op), std::move(node)}, r};
  }

  sql::ParsedStatement& stmt_;
  const PlannerContext& ctx_;
  PlanScratch scratch_;
};

}  // namespace

absl::StatusOr<Plan> PlanSelect(sql::ParsedStatement& stmt,
                                const PlannerContext& ctx) {
  auto* root = static_cast<sql::SelectStmt*>(stmt.mutable_root());
  SelectPlanner planner(stmt, ctx);
  TESSERA_ASSIGN_OR_RETURN(Planned p, planner.PlanQuery(root->query));
  Plan plan;
  plan.kind = PlanKind::kSelect;
  plan.root = std::move(p.part.op);
  plan.explain = std::move(p.part.explain);
  plan.bytes = static_cast<int64_t>(stmt.sql().size()) * 4 + 1024;
  return plan;
}

}  // namespace tessera::planner
