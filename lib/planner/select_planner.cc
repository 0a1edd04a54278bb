#include "lib/planner/select_planner.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/engine/project.h"
#include "lib/engine/pullout.h"
#include "lib/engine/sort.h"
#include "lib/engine/union.h"
#include "lib/planner/correlated.h"
#include "lib/planner/derived.h"
#include "lib/planner/join_layout.h"
#include "lib/planner/join_planner.h"
#include "lib/planner/route_analysis.h"
#include "lib/planner/scatter_select.h"
#include "lib/planner/subquery.h"
#include "lib/planner/union_order.h"
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
    if (HasSubqueryExpr(sel)) {
      TESSERA_ASSIGN_OR_RETURN(bool whole, RunsAsOneRoute(sel));
      if (!whole) {
        TESSERA_ASSIGN_OR_RETURN(
            std::vector<PulledSubquery> pulled,
            PullOutSubqueries(sel, stmt_.arena(), stmt_.sql(), &pulled_));
        if (!pulled.empty()) return PlanPulledOut(sel, pulled);
      }
    }
    return PlanBlockRoutes(sel);
  }

  // Whether `sel` runs unchanged as one route on one shard (or on an
  // unsharded keyspace), subqueries included.
  absl::StatusOr<bool> RunsAsOneRoute(sql::Select& sel) {
    auto layout = LayoutJoins(sel, ctx_, scratch_);
    if (layout.ok() && layout->groups.size() > 1) return false;
    TESSERA_ASSIGN_OR_RETURN(FromInfo from,
                             ResolveFrom(sel.from, ctx_, scratch_));
    std::vector<const sql::TableFactor*> nested;
    CollectUnmergedNested(sel, from, ctx_, scratch_, &nested);
    if (sel.with != nullptr) {
      for (const auto& c : sel.with->ctes) CollectTables(c.query, &nested);
      from.has_derived = true;
    }
    auto r = RouteBlock(from, sel.where, nested, ctx_, scratch_);
    if (!r.ok()) {
      if (ToMysqlError(r.status()).code == er::kNotSupportedYet) return false;
      return r.status();
    }
    return r->single_shard || r->variant == RouteVariant::kUnsharded;
  }

  absl::StatusOr<Planned> PlanPulledOut(
      sql::Select& sel, const std::vector<PulledSubquery>& pulled) {
    TESSERA_ASSIGN_OR_RETURN(Planned out, PlanBlockRoutes(sel));
    for (const PulledSubquery& p : pulled) {
      TESSERA_ASSIGN_OR_RETURN(Planned sub, PlanQuery(p.query));
      engine::PulloutSpec spec;
      spec.kind = p.kind;
      spec.subquery = sub.part.op;
      spec.outer = out.part.op;
      spec.var = p.var;
      spec.has_values_var = p.has_values_var;
      auto op = std::make_shared<engine::PulloutSubquery>(spec);
      auto node = std::make_shared<ExplainNode>();
      node->op = "PulloutSubquery";
      node->variant = p.kind == engine::PulloutKind::kIn       ? "PulloutIn"
                      : p.kind == engine::PulloutKind::kExists ? "PulloutExists"
                                                               : "PulloutValue";
      node->detail = op->Describe();
      node->inputs = {sub.part.explain, out.part.explain};
      out.part = {std::move(op), std::move(node)};
      out.route.single_shard = false;
    }
    return out;
  }

  absl::StatusOr<Planned> PlanBlockRoutes(sql::Select& sel) {
    if (const sql::DerivedTable* d = SoleDerivedTable(sel);
        d != nullptr && sel.with == nullptr) {
      TESSERA_ASSIGN_OR_RETURN(std::optional<Planned> p,
                               PlanOverDerived(sel, *d));
      if (p.has_value()) return *std::move(p);
    }
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
    CollectUnmergedNested(sel, from, ctx_, scratch_, &nested);
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

  // A block over one derived table: inline when that is exact (one shard,
  // or a derived query that distributes), else the router works on the
  // derived plan's rows. nullopt: leave it to the general path.
  absl::StatusOr<std::optional<Planned>> PlanOverDerived(
      sql::Select& sel, const sql::DerivedTable& d) {
    std::vector<const sql::TableFactor*> tables;
    CollectTables(d.query, &tables);
    if (tables.empty()) return std::nullopt;
    FromInfo none;
    auto whole = RouteBlock(none, nullptr, tables, ctx_, scratch_);
    if (whole.ok() && whole->single_shard) return std::nullopt;
    if (Distributes(d.query, ctx_, scratch_)) {
      const auto* inner = static_cast<const sql::Select*>(d.query);
      TESSERA_ASSIGN_OR_RETURN(FromInfo from,
                               ResolveFrom(inner->from, ctx_, scratch_));
      TESSERA_ASSIGN_OR_RETURN(
          BlockRoute r, RouteBlock(from, inner->where, {}, ctx_, scratch_));
      if (r.single_shard) return Single(&sel, r);
      TESSERA_ASSIGN_OR_RETURN(
          PlanPart part,
          PlanScatterBlock(sel, RouteSpecFor(r), stmt_.arena(), stmt_.sql()));
      return Planned{std::move(part), r};
    }
    TESSERA_ASSIGN_OR_RETURN(Planned inner, PlanQuery(d.query));
    TESSERA_ASSIGN_OR_RETURN(PlanPart part,
                             ProjectDerived(sel, d, inner.part, stmt_.sql()));
    inner.route.single_shard = false;
    return Planned{std::move(part), inner.route};
  }

  absl::StatusOr<Planned> PlanSetOp(sql::SetOp* s) {
    if (s->op != sql::SetOpType::kUnion) {
      // INTERSECT/EXCEPT are exact only on one shard set.
      return PlanWhole(s);
    }
    auto whole = PlanWhole(s);
    if (whole.ok()) return whole;
    if (!s->order_by.empty() || s->limit != nullptr) return PlanOrderedUnion(s);
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

  // A UNION across shards with ORDER BY / LIMIT: the union of the parts,
  // sorted and cut at the router (union_order.h).
  absl::StatusOr<Planned> PlanOrderedUnion(sql::SetOp* s) {
    TESSERA_ASSIGN_OR_RETURN(UnionOrder order,
                             PrepareUnionOrder(*s, stmt_.arena(), stmt_.sql()));
    sql::List<sql::OrderItem> order_by = s->order_by;
    sql::Limit* limit = s->limit;
    s->order_by = {};
    s->limit = nullptr;
    TESSERA_ASSIGN_OR_RETURN(Planned u, PlanSetOp(s));
    s->order_by = order_by;
    s->limit = limit;
    PlanPart part = std::move(u.part);
    if (!order.keys.empty()) {
      auto op = std::make_shared<engine::Sort>(part.op, order.keys);
      std::string d = op->Describe();
      part = Wrap(std::move(part), std::move(op), "Sort", d);
    }
    if (limit != nullptr) {
      TESSERA_ASSIGN_OR_RETURN(part, AddLimit(std::move(part), limit));
    }
    if (order.hidden > 0) {
      engine::ProjectSpec spec;
      spec.input = part.op;
      for (int i = 0; i < order.visible; ++i) spec.columns.push_back(i);
      auto op = std::make_shared<engine::Project>(spec);
      std::string d = op->Describe();
      part = Wrap(std::move(part), std::move(op), "Project", d);
    }
    return Planned{std::move(part), u.route};
  }

  sql::ParsedStatement& stmt_;
  const PlannerContext& ctx_;
  PlanScratch scratch_;
  int pulled_ = 0;  // subqueries pulled out so far (names __sq<n>)
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
