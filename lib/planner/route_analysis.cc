#include "lib/planner/route_analysis.h"

#include <algorithm>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/planner/vindex_mapper.h"

namespace tessera::planner {
namespace {

using engine::RouteVariant;

// Union-find over table indexes.
int Find(std::vector<int>& parent, int x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

absl::StatusOr<std::string> DefaultKeyspace(const PlannerContext& ctx) {
  if (!ctx.target.keyspace.empty()) return ctx.target.keyspace;
  // Queries without user tables (SELECT @@version, information_schema)
  // give the same answer on any shard of any keyspace.
  const auto& all = ctx.vschema->keyspaces();
  if (!all.empty()) return all.begin()->first;
  return MysqlError(er::kNoDb, "3D000", "No database selected");
}

absl::Status CheckNested(const std::vector<const sql::TableFactor*>& nested,
                         const std::string& keyspace, bool sharded,
                         const PlannerContext& ctx, PlanScratch& scratch) {
  for (const sql::TableFactor* f : nested) {
    TESSERA_ASSIGN_OR_RETURN(TableBinding b,
                             ResolveTable(f->name, ctx, scratch));
    if (b.system) {
      return Unsupported("system tables inside a query on user tables");
    }
    if (b.table->keyspace != keyspace) {
      return Unsupported(absl::StrCat("a query across keyspaces (", keyspace,
                                      " and ", b.table->keyspace, ")"));
    }
    if (sharded && !b.reference()) {
      return Unsupported(
          absl::StrCat("subquery or derived table over sharded table ",
                       b.table->name, " in a multi-shard query"));
    }
  }
  return absl::OkStatus();
}

int Rank(RouteVariant v) {
  switch (v) {
    case RouteVariant::kNone:
      return 0;
    case RouteVariant::kEqualUnique:
      return 1;
    case RouteVariant::kEqual:
      return 2;
    case RouteVariant::kIn:
      return 3;
    default:
      return 9;
  }
}

}  // namespace

absl::StatusOr<BlockRoute> RouteBlock(
    const FromInfo& from, const sql::Expr* where,
    const std::vector<const sql::TableFactor*>& nested,
    const PlannerContext& ctx, PlanScratch& scratch) {
  BlockRoute route;
  // No tables, or only system tables: any one shard answers.
  bool all_system = !from.tables.empty();
  bool any_system = false;
  for (const auto& t : from.tables) {
    all_system &= t.system;
    any_system |= t.system;
  }
  if (from.tables.empty() || all_system) {
    route.system = any_system;
    route.single_shard = true;
    route.variant = RouteVariant::kReference;
    if (!nested.empty() && !any_system) {
      // Tables only inside subqueries (or a whole UNION): their keyspace.
      TESSERA_ASSIGN_OR_RETURN(TableBinding first,
                               ResolveTable(nested[0]->name, ctx, scratch));
      if (first.system) {
        route.system = true;
        TESSERA_ASSIGN_OR_RETURN(route.keyspace, DefaultKeyspace(ctx));
        return route;
      }
      route.keyspace = first.table->keyspace;
      bool sharded = first.keyspace->sharded;
      TESSERA_RETURN_IF_ERROR(
          CheckNested(nested, route.keyspace, sharded, ctx, scratch));
      if (!sharded) route.variant = RouteVariant::kUnsharded;
      return route;
    }
    TESSERA_ASSIGN_OR_RETURN(route.keyspace, DefaultKeyspace(ctx));
    if (!nested.empty()) {
      return Unsupported("subqueries in a query on system tables");
    }
    return route;
  }
  if (any_system) return Unsupported("joining system tables with user tables");

  route.keyspace = from.tables[0].table->keyspace;
  for (const auto& t : from.tables) {
    if (t.table->keyspace != route.keyspace) {
      return Unsupported(absl::StrCat("a query across keyspaces (",
                                      route.keyspace, " and ",
                                      t.table->keyspace, ")"));
    }
  }
  const vschema::KeyspaceSchema* ks = from.tables[0].keyspace;
  if (!ks->sharded) {
    TESSERA_RETURN_IF_ERROR(
        CheckNested(nested, route.keyspace, false, ctx, scratch));
    route.variant = RouteVariant::kUnsharded;
    route.single_shard = true;
    return route;
  }
  TESSERA_RETURN_IF_ERROR(
      CheckNested(nested, route.keyspace, true, ctx, scratch));
  if (from.has_derived) {
    return Unsupported("derived tables in a query on a sharded keyspace");
  }
  for (const auto& t : from.tables) {
    if (t.table->type == vschema::TableType::kSequence) {
      return Unsupported("selecting from a sequence table; use NEXT VALUE");
    }
  }

  // Merge sharded tables joined on their primary vindex.
  std::vector<int> sharded;
  for (size_t i = 0; i < from.tables.size(); ++i) {
    if (from.tables[i].sharded()) sharded.push_back(static_cast<int>(i));
  }
  std::vector<const sql::Expr*> conjuncts;
  SplitAnd(where, &conjuncts);
  for (const sql::Expr* on : from.inner_on) SplitAnd(on, &conjuncts);
  std::vector<const sql::Expr*> merge_conds = conjuncts;
  for (const sql::Expr* on : from.outer_on) SplitAnd(on, &merge_conds);
  std::vector<int> parent(from.tables.size());
  std::iota(parent.begin(), parent.end(), 0);
  for (const sql::Expr* c : merge_conds) {
    for (size_t x = 0; x < sharded.size(); ++x) {
      for (size_t y = x + 1; y < sharded.size(); ++y) {
        if (JoinsOnVindex(c, from, sharded[x], sharded[y])) {
          parent[Find(parent, sharded[x])] = Find(parent, sharded[y]);
        }
      }
    }
  }
  for (size_t x = 1; x < sharded.size(); ++x) {
    if (Find(parent, sharded[x]) != Find(parent, sharded[0])) {
      return Unsupported(absl::StrCat(
          "cross-shard join of ", from.tables[sharded[0]].alias, " and ",
          from.tables[sharded[x]].alias,
          " (join sharded tables on their primary vindex columns)"));
    }
  }

  // Explicit shard targets bypass routing.
  if (ctx.target.has_destination()) {
    route.variant = RouteVariant::kByDestination;
    if (!ctx.target.shard.empty()) {
      route.destination = engine::Destination::Shards({ctx.target.shard});
    } else {
      route.destination =
          engine::Destination::KeyspaceIds({ctx.target.keyspace_id});
    }
    route.single_shard = true;
    return route;
  }
  if (sharded.empty()) {  // only reference tables
    route.variant = RouteVariant::kReference;
    route.single_shard = true;
    return route;
  }
  // Every shard would NULL-extend the reference rows its sharded tables do
  // not match: the same row once per shard.
  if (std::all_of(sharded.begin(), sharded.end(),
                  [&from](int t) { return from.tables[t].outer; })) {
    return Unsupported(
        "an outer join from a reference table to sharded tables across "
        "shards");
  }
  for (int t : sharded) {
    if (from.tables[t].outer) continue;  // its filters do not restrict rows
    RouteChoice c = ChooseRoute(conjuncts, from, t);
    if (c.table >= 0 && (route.choice.table < 0 ||
                         Rank(c.variant) < Rank(route.choice.variant))) {
      route.choice = c;
    }
  }
  route.variant =
      route.choice.table >= 0 ? route.choice.variant : RouteVariant::kScatter;
  route.single_shard = route.variant == RouteVariant::kEqualUnique ||
                       route.variant == RouteVariant::kNone;
  return route;
}

engine::RouteSpec RouteSpecFor(const BlockRoute& r) {
  engine::RouteSpec spec;
  spec.variant = r.variant;
  spec.keyspace = r.keyspace;
  spec.destination = r.destination;
  if (r.choice.vindex != nullptr &&
      (r.variant == RouteVariant::kEqualUnique ||
       r.variant == RouteVariant::kEqual || r.variant == RouteVariant::kIn)) {
    spec.vindex = MapperFor(r.choice.vindex);
    spec.value_var = r.choice.value_var;
  }
  return spec;
}

}  // namespace tessera::planner
