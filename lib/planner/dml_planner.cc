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

namespace tessera::planner {
namespace {

std::string FormatWhole(const sql::ParsedStatement& stmt) {
  return sql::Format(stmt);
}

std::string ParamVar(const sql::Expr* e) {
  if (e == nullptr || e->kind != sql::ExprKind::kParam) return "";
  absl::string_view t = static_cast<const sql::Param*>(e)->text;
  if (t.size() < 2 || t[0] != ':' || t[1] == ':') return "";
  return std::string(t.substr(1));
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

}  // namespace

absl::StatusOr<Plan> PlanInsert(sql::ParsedStatement& stmt,
                                const PlannerContext& ctx) {
  auto* ins = static_cast<sql::InsertStmt*>(stmt.mutable_root());
  PlanScratch scratch;
  TESSERA_ASSIGN_OR_RETURN(TableBinding b,
                           ResolveTable(ins->table, ctx, scratch));
  if (b.system) return Unsupported("INSERT into a system table");
  const vschema::Table& table = *b.table;
  if (!b.keyspace->sharded || ctx.target.has_destination()) {
    engine::RouteSpec spec;
    spec.keyspace = table.keyspace;
    spec.variant = b.keyspace->sharded ? engine::RouteVariant::kByDestination
                                       : engine::RouteVariant::kUnsharded;
    if (ctx.target.has_destination()) {
      spec.destination =
          ctx.target.shard.empty()
              ? engine::Destination::KeyspaceIds({ctx.target.keyspace_id})
              : engine::Destination::Shards({ctx.target.shard});
    }
    spec.query = FormatWhole(stmt);
    auto explain = RouteExplain(spec);
    auto op = std::make_shared<engine::Dml>(engine::DmlKind::kUpdate, spec,
                                            /*single_shard_only=*/true);
    return MakePlan(PlanKind::kInsert, op, explain, stmt.sql().size());
  }
  if (table.type == vschema::TableType::kReference) {
    return Unsupported("writing a reference table through the router");
  }
  if (table.auto_increment.has_value()) {
    return Unsupported("auto_increment through a sequence (insert the id)");
  }
  if (ins->set_form || ins->query != nullptr || ins->rows.empty()) {
    return Unsupported(
        "INSERT ... SET or INSERT ... SELECT on a sharded table");
  }
  if (!ins->has_columns) {
    return Unsupported("INSERT without a column list on a sharded table");
  }
  std::string vcol = PrimaryVindexColumn(table);
  if (vcol.empty() || table.column_vindexes[0].vindex->needs_lookup()) {
    return Unsupported("INSERT routed by a multi-column or lookup vindex");
  }
  for (size_t i = 1; i < table.column_vindexes.size(); ++i) {
    if (table.column_vindexes[i].owned) {
      return Unsupported("INSERT into a table owning lookup vindex rows");
    }
  }
  int vpos = -1;
  for (uint32_t i = 0; i < ins->columns.size; ++i) {
    if (absl::EqualsIgnoreCase(IdentText(ins->columns[i]), vcol)) vpos = i;
  }
  if (vpos < 0) {
    return MysqlError(1364, "HY000",
                      absl::StrCat("Field '", vcol,
                                   "' (the primary vindex column) needs a "
                                   "value"));
  }
  for (const auto& a : ins->on_dup) {
    if (absl::EqualsIgnoreCase(IdentText(a.column->name), vcol)) {
      return Unsupported(
          "ON DUPLICATE KEY UPDATE of the primary vindex column");
    }
  }
  engine::InsertSpec spec;
  spec.keyspace = table.keyspace;
  spec.vindex = FunctionalMapper(table.column_vindexes[0].vindex);
  // prefix: the statement up to VALUES; rows formatted one by one.
  sql::InsertStmt head = *ins;
  head.rows = {};
  head.on_dup = {};
  {
    // Format the statement with a single placeholder row to split it.
    sql::List<sql::Expr*> marker;
    Append(stmt.arena(), marker,
           static_cast<sql::Expr*>(NewParam(stmt.arena(), ":__row__")));
    Append(stmt.arena(), head.rows, marker);
    head.on_dup = ins->on_dup;
    std::string whole;
    sql::FormatStmt(head, stmt.sql(), {}, &whole);
    size_t at = whole.find("(:__row__)");
    if (at == std::string::npos) return Unsupported("this INSERT form");
    spec.prefix = whole.substr(0, at);
    spec.suffix = whole.substr(at + 10);
  }
  for (const auto& row : ins->rows) {
    if (row.size != ins->columns.size) {
      return MysqlError(1136, "21S01",
                        "Column count doesn't match value count at row 1");
    }
    std::string var = ParamVar(row[vpos]);
    if (var.empty()) {
      return Unsupported(
          "a primary vindex value that is not a literal or parameter");
    }
    std::vector<std::string> cells;
    for (const sql::Expr* e : row) cells.push_back(ExprText(*e, stmt.sql()));
    spec.rows.push_back(absl::StrCat("(", absl::StrJoin(cells, ", "), ")"));
    spec.row_value_vars.push_back(var);
  }
  auto node = std::make_shared<ExplainNode>();
  node->op = "Insert";
  node->variant = "Sharded";
  node->keyspace = spec.keyspace;
  node->query =
      absl::StrCat(spec.prefix, absl::StrJoin(spec.rows, ", "), spec.suffix);
  node->detail = absl::StrCat("vindex ", table.column_vindexes[0].vindex_name);
  auto op = std::make_shared<engine::Insert>(std::move(spec));
  return MakePlan(PlanKind::kInsert, op, node, stmt.sql().size());
}

absl::StatusOr<Plan> PlanUpdateDelete(sql::ParsedStatement& stmt,
                                      const PlannerContext& ctx) {
  bool update = stmt.kind() == sql::StmtKind::kUpdate;
  const sql::List<sql::TableRef*>* refs;
  const sql::Expr* where;
  bool has_limit;
  if (update) {
    auto* u = static_cast<sql::UpdateStmt*>(stmt.mutable_root());
    refs = &u->tables;
    where = u->where;
    has_limit = u->limit != nullptr;
    if (u->with != nullptr) return Unsupported("WITH in UPDATE");
  } else {
    auto* d = static_cast<sql::DeleteStmt*>(stmt.mutable_root());
    if (!d->targets.empty() || d->using_form) {
      return Unsupported("multi-table DELETE");
    }
    if (!d->returning.empty()) return Unsupported("DELETE ... RETURNING");
    refs = &d->from;
    where = d->where;
    has_limit = d->limit != nullptr;
    if (d->with != nullptr) return Unsupported("WITH in DELETE");
  }
  PlanScratch scratch;
  TESSERA_ASSIGN_OR_RETURN(FromInfo from, ResolveFrom(*refs, ctx, scratch));
  if (from.tables.size() != 1) {
    return Unsupported("multi-table UPDATE or DELETE");
  }
  const TableBinding& b = from.tables[0];
  if (b.system) return Unsupported("changing a system table");
  if (b.reference()) {
    return Unsupported("writing a reference table through the router");
  }
  if (update) {
    auto* u = static_cast<sql::UpdateStmt*>(stmt.mutable_root());
    std::string vcol = b.sharded() ? PrimaryVindexColumn(*b.table) : "";
    for (const auto& a : u->set) {
      std::string col = IdentText(a.column->name);
      for (const auto& cv : b.table->column_vindexes) {
        for (const auto& c : cv.columns) {
          if (b.sharded() && absl::EqualsIgnoreCase(c, col)) {
            return Unsupported(
                absl::StrCat("changing vindex column ", col,
                             " (delete and insert the row instead)"));
          }
        }
      }
    }
  }
  std::vector<const sql::TableFactor*> nested;
  if (where != nullptr) {
    VisitExpr(
        where, [](const sql::Expr*) {},
        [&](const sql::QueryExpr* q) { CollectTables(q, &nested); });
  }
  TESSERA_ASSIGN_OR_RETURN(BlockRoute r,
                           RouteBlock(from, where, nested, ctx, scratch));
  engine::RouteSpec spec = RouteSpecFor(r);
  spec.query = FormatWhole(stmt);
  auto explain = RouteExplain(spec);
  explain->op = update ? "Update" : "Delete";
  auto op = std::make_shared<engine::Dml>(
      update ? engine::DmlKind::kUpdate : engine::DmlKind::kDelete, spec,
      /*single_shard_only=*/has_limit);
  return MakePlan(update ? PlanKind::kUpdate : PlanKind::kDelete, op, explain,
                  stmt.sql().size());
}

}  // namespace tessera::planner
