#include "lib/planner/dml_planner.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/engine/dml.h"
#include "lib/engine/insert.h"
#include "lib/planner/ast_util.h"
#include "lib/planner/predicates.h"
#include "lib/planner/route_analysis.h"
#include "lib/planner/scatter_select.h"
#include "lib/planner/vindex_mapper.h"
#include "lib/planner/walk.h"
#include "lib/sql/format.h"
#include "lib/vschema/owned_lookups.h"

namespace tessera::planner {
namespace {

std::string FormatWhole(const sql::ParsedStatement& stmt) {
  return sql::Format(stmt);
}

Plan MakePlan(PlanKind kind, engine::OperatorPtr op,
              std::shared_ptr<ExplainNode> node, size_t text_size) {
  Plan p;
  p.kind = kind;
  p.root = std::move(op);
  p.explain = std::move(node);
  p.bytes = static_cast<int64_t>(text_size) * 4 + 1024;
  return p;
}

std::string ParamVar(const sql::Expr* e) {
  if (e == nullptr || e->kind != sql::ExprKind::kParam) return "";
  absl::string_view t = static_cast<const sql::Param*>(e)->text;
  if (t.size() < 2 || t[0] != ':' || t[1] == ':') return "";
  return std::string(t.substr(1));
}

bool IsNullLiteral(const sql::Expr* e) {
  return e != nullptr && e->kind == sql::ExprKind::kLiteral &&
         static_cast<const sql::Literal*>(e)->lit == sql::LitKind::kNull;
}

// The binding of `column` among the table's vindexes, or null.
const vschema::ColumnVindexBinding* VindexOf(const vschema::Table& table,
                                             absl::string_view column,
                                             bool* primary) {
  for (size_t i = 0; i < table.column_vindexes.size(); ++i) {
    for (const std::string& c : table.column_vindexes[i].columns) {
      if (absl::EqualsIgnoreCase(c, column)) {
        *primary = i == 0;
        return &table.column_vindexes[i];
      }
    }
  }
  return nullptr;
}

// UPDATE SET of vindex columns: a primary vindex column or a lookup the
// table does not own cannot change; owned lookup columns move their lookup
// rows (new values must be literals). Fills `set` with those columns.
absl::Status CheckSet(const sql::ParsedStatement& stmt,
                      const vschema::Table& table,
                      std::vector<std::pair<std::string, std::string>>* set) {
  const auto* u = static_cast<const sql::UpdateStmt*>(stmt.root());
  for (const auto& a : u->set) {
    std::string col = IdentText(a.column->name);
    bool primary = false;
    const vschema::ColumnVindexBinding* b = VindexOf(table, col, &primary);
    if (b == nullptr) continue;
    if (primary || !b->owned || b->vindex == nullptr ||
        b->vindex->AsLookup() == nullptr) {
      return Unsupported(absl::StrCat("changing vindex column ", col,
                                      " (delete and insert the row instead)"));
    }
    std::string var = ParamVar(a.value);
    if (var.empty() && !IsNullLiteral(a.value)) {
      return Unsupported(absl::StrCat("setting lookup vindex column ", col,
                                      " to an expression"));
    }
    set->emplace_back(col, var);
  }
  return absl::OkStatus();
}

// "select <primary col>, <owned lookup cols> from <refs> where <where> for
// update": the rows a DELETE or UPDATE is about to change.
std::shared_ptr<engine::DmlLookups> LookupSelect(
    sql::ParsedStatement& stmt, const vschema::Table& table,
    const sql::List<sql::TableRef*>& refs, sql::Expr* where) {
  auto l = std::make_shared<engine::DmlLookups>();
  l->table = &table;
  l->primary = MapperFor(table.column_vindexes[0].vindex);
  sql::Arena& arena = stmt.arena();
  auto* sel = arena.New<sql::Select>();
  sel->from = refs;
  sel->where = where;
  auto add = [&](const std::string& name) {
    auto* c = arena.New<sql::Column>();
    c->name.raw = ArenaString(arena, name);
    c->name.quote = '`';
    Append(arena, sel->items, sql::SelectItem{c, {}});
  };
  add(table.column_vindexes[0].columns[0]);
  for (const vschema::ColumnVindexBinding* b : vschema::OwnedLookups(table)) {
    for (const std::string& c : b->columns) {
      l->columns.push_back(c);
      add(c);
    }
  }
  sel->lock = arena.New<sql::LockClause>();
  sel->lock->mode = sql::LockMode::kForUpdate;
  sql::SelectStmt st;
  st.query = sel;
  sql::FormatStmt(st, stmt.sql(), {}, &l->select_query);
  return l;
}

}  // namespace

absl::StatusOr<Plan> PlanUpdateDelete(sql::ParsedStatement& stmt,
                                      const PlannerContext& ctx) {
  bool update = stmt.kind() == sql::StmtKind::kUpdate;
  const sql::List<sql::TableRef*>* refs;
  sql::Expr* where;
  bool has_limit;
  bool has_order;
  std::vector<const sql::Expr*> set_values;
  if (update) {
    auto* u = static_cast<sql::UpdateStmt*>(stmt.mutable_root());
    refs = &u->tables;
    where = u->where;
    has_limit = u->limit != nullptr;
    has_order = !u->order_by.empty();
    if (u->with != nullptr) return Unsupported("WITH in UPDATE");
    for (const auto& a : u->set) set_values.push_back(a.value);
  } else {
    auto* d = static_cast<sql::DeleteStmt*>(stmt.mutable_root());
    if (!d->targets.empty() || d->using_form) {
      return Unsupported("multi-table DELETE");
    }
    if (!d->returning.empty()) return Unsupported("DELETE ... RETURNING");
    if (d->history) return Unsupported("DELETE HISTORY");
    refs = &d->from;
    where = d->where;
    has_limit = d->limit != nullptr;
    has_order = !d->order_by.empty();
    if (d->with != nullptr) return Unsupported("WITH in DELETE");
  }
  PlanScratch scratch;
  TESSERA_ASSIGN_OR_RETURN(FromInfo from, ResolveFrom(*refs, ctx, scratch));
  if (from.tables.size() != 1) {
    return Unsupported("multi-table UPDATE or DELETE");
  }
  const TableBinding& b = from.tables[0];
  if (b.system) return Unsupported("changing a system table");
  if (b.table->type == vschema::TableType::kSequence && b.keyspace->sharded) {
    return Unsupported("writing a sequence table through the router");
  }
  std::vector<const sql::TableFactor*> nested;
  auto collect = [&](const sql::Expr* e) {
    if (e == nullptr) return;
    VisitExpr(
        e, [](const sql::Expr*) {},
        [&](const sql::QueryExpr* q) { CollectTables(q, &nested); });
  };
  collect(where);
  for (const sql::Expr* v : set_values) collect(v);
  engine::DmlKind kind =
      update ? engine::DmlKind::kUpdate : engine::DmlKind::kDelete;
  PlanKind plan_kind = update ? PlanKind::kUpdate : PlanKind::kDelete;
  if (b.reference() && b.keyspace->sharded && !ctx.target.has_destination()) {
    if (!b.table->source_name.empty()) {
      return Unsupported(absl::StrCat("writing reference table ", b.table->name,
                                      " (write its source ",
                                      b.table->source_name, ")"));
    }
    if (!nested.empty()) {
      return Unsupported("subqueries in a write to a reference table");
    }
    engine::RouteSpec spec;
    spec.variant = engine::RouteVariant::kScatter;
    spec.keyspace = b.table->keyspace;
    spec.query = FormatWhole(stmt);
    auto explain = RouteExplain(spec);
    explain->op = update ? "Update" : "Delete";
    explain->variant = "Reference";
    engine::DmlOptions options;
    options.replicated = true;
    auto op = std::make_shared<engine::Dml>(kind, spec, std::move(options));
    Plan p = MakePlan(plan_kind, op, explain, stmt.sql().size());
    p.single_batch_write = true;
    return p;
  }
  std::vector<std::pair<std::string, std::string>> set;
  if (update && b.sharded()) {
    TESSERA_RETURN_IF_ERROR(CheckSet(stmt, *b.table, &set));
  }
  bool maintain = b.sharded() && !vschema::OwnedLookups(*b.table).empty() &&
                  (!update || !set.empty());
  if (maintain && (has_limit || has_order)) {
    return Unsupported(
        "ORDER BY or LIMIT in a write to a table owning lookup vindex rows");
  }
  if (maintain && PrimaryVindexColumn(*b.table).empty()) {
    return Unsupported("lookup maintenance with a multi-column primary vindex");
  }
  TESSERA_ASSIGN_OR_RETURN(BlockRoute r,
                           RouteBlock(from, where, nested, ctx, scratch));
  engine::RouteSpec spec = RouteSpecFor(r);
  spec.query = FormatWhole(stmt);
  auto explain = RouteExplain(spec);
  explain->op = update ? "Update" : "Delete";
  engine::DmlOptions options;
  options.single_shard_only = has_limit;
  if (maintain) {
    auto l = LookupSelect(stmt, *b.table, *refs, where);
    l->set = std::move(set);
    explain->detail =
        absl::StrCat("owned lookups via \"", l->select_query, "\"");
    options.lookups = std::move(l);
  }
  auto op = std::make_shared<engine::Dml>(kind, spec, std::move(options));
  Plan p = MakePlan(plan_kind, op, explain, stmt.sql().size());
  p.single_batch_write = !maintain;
  return p;
}

}  // namespace tessera::planner
