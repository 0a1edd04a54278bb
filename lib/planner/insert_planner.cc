// PlanInsert: INSERT/REPLACE ... VALUES and INSERT ... SELECT.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/engine/dml.h"
#include "lib/engine/insert.h"
#include "lib/planner/ast_util.h"
#include "lib/planner/dml_planner.h"
#include "lib/planner/planner.h"
#include "lib/planner/predicates.h"
#include "lib/planner/scatter_select.h"
#include "lib/planner/vindex_mapper.h"
#include "lib/planner/walk.h"
#include "lib/sql/format.h"
#include "lib/vschema/owned_lookups.h"

namespace tessera::planner {
namespace {

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

Plan MakeInsertPlan(engine::OperatorPtr op, std::shared_ptr<ExplainNode> node,
                    size_t text_size) {
  Plan p;
  p.kind = PlanKind::kInsert;
  p.root = std::move(op);
  p.explain = std::move(node);
  p.bytes = static_cast<int64_t>(text_size) * 4 + 1024;
  return p;
}

int FindColumn(const std::vector<std::string>& columns,
               absl::string_view name) {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (absl::EqualsIgnoreCase(columns[i], name)) return static_cast<int>(i);
  }
  return -1;
}

// Sends the statement unchanged: to the only shard of an unsharded
// keyspace, the session's explicit shard, or every shard (`replicated`).
Plan PlanUnchanged(const sql::ParsedStatement& stmt, const std::string& ks,
                   engine::RouteVariant variant, engine::Destination dest,
                   bool replicated) {
  engine::RouteSpec spec;
  spec.keyspace = ks;
  spec.variant = variant;
  spec.destination = std::move(dest);
  spec.query = sql::Format(stmt);
  auto explain = RouteExplain(spec);
  if (replicated) {
    explain->op = "Insert";
    explain->variant = "Reference";
  }
  engine::DmlOptions options;
  options.single_shard_only = !replicated;
  options.replicated = replicated;
  auto op = std::make_shared<engine::Dml>(engine::DmlKind::kUpdate, spec,
                                          std::move(options));
  Plan p = MakeInsertPlan(op, explain, stmt.sql().size());
  p.single_batch_write = true;
  return p;
}

// Whether every table the SELECT of an INSERT reads is in keyspace `ks`
// and unsharded, or a reference table there: then each shard can run the
// statement on its own.
absl::StatusOr<bool> SelectIsLocal(const sql::QueryExpr* q,
                                   const std::string& ks,
                                   const PlannerContext& ctx,
                                   PlanScratch& scratch) {
  std::vector<const sql::TableFactor*> tables;
  CollectTables(q, &tables);
  for (const sql::TableFactor* f : tables) {
    TESSERA_ASSIGN_OR_RETURN(TableBinding b,
                             ResolveTable(f->name, ctx, scratch));
    if (b.system || b.table->keyspace != ks) return false;
    if (b.keyspace->sharded && !b.reference()) return false;
  }
  return true;
}

// The SELECT of an INSERT ... SELECT planned as a statement of its own.
absl::StatusOr<engine::OperatorPtr> PlanInnerSelect(
    const sql::ParsedStatement& stmt, sql::QueryExpr* query,
    const PlannerContext& ctx, std::shared_ptr<const ExplainNode>* explain) {
  sql::SelectStmt select;
  select.query = query;
  std::string text;
  sql::FormatStmt(select, stmt.sql(), {}, &text);
  TESSERA_ASSIGN_OR_RETURN(sql::ParsedStatement inner, sql::Parse(text));
  TESSERA_ASSIGN_OR_RETURN(Plan plan, PlanStatement(inner, ctx));
  *explain = plan.explain;
  return plan.root;
}

// Column names of the insert, and where the router needs values.
struct InsertShape {
  std::vector<std::string> columns;  // the statement's, then added ones
  size_t real = 0;                   // columns in the row texts
  int vindex = -1;
  int sequence = -1;
  std::vector<int> lookups;  // owned lookup columns
  bool add_sequence = false;
};

absl::StatusOr<InsertShape> Shape(const sql::InsertStmt& ins,
                                  const vschema::Table& table, bool select) {
  InsertShape s;
  for (const sql::Ident& c : ins.columns) s.columns.push_back(IdentText(c));
  s.real = s.columns.size();
  if (table.auto_increment.has_value()) {
    const std::string& col = table.auto_increment->column;
    s.sequence = FindColumn(s.columns, col);
    if (s.sequence < 0) {
      if (select) {
        return Unsupported(absl::StrCat(
            "INSERT ... SELECT without the auto_increment column ", col));
      }
      s.columns.push_back(col);
      s.real = s.columns.size();
      s.sequence = static_cast<int>(s.real) - 1;
      s.add_sequence = true;
    }
  }
  std::string vcol = PrimaryVindexColumn(table);
  if (table.column_vindexes.empty()) return s;  // unsharded
  s.vindex = FindColumn(s.columns, vcol);
  if (s.vindex < 0) {
    return MysqlError(1364, "HY000",
                      absl::StrCat("Field '", vcol,
                                   "' (the primary vindex column) needs a "
                                   "value"));
  }
  for (const vschema::ColumnVindexBinding* b : vschema::OwnedLookups(table)) {
    for (const std::string& c : b->columns) {
      int pos = FindColumn(s.columns, c);
      if (pos < 0 && select) {
        return Unsupported(
            absl::StrCat("INSERT ... SELECT without lookup vindex column ", c));
      }
      if (pos < 0) {  // not given: NULL (or the column default) for lookups
        s.columns.push_back(c);
        pos = static_cast<int>(s.columns.size()) - 1;
      }
      s.lookups.push_back(pos);
    }
  }
  return s;
}

absl::Status CheckInsertForm(const sql::InsertStmt& ins,
                             const vschema::Table& table) {
  bool owns = !vschema::OwnedLookups(table).empty();
  if (ins.set_form) {
    return Unsupported("INSERT ... SET on a sharded table");
  }
  if (table.column_vindexes.empty()) {  // unsharded, with a sequence
    if (!ins.has_columns) {
      return Unsupported(
          "INSERT without a column list into a table with a "
          "sequence");
    }
    return absl::OkStatus();
  }
  if (!ins.has_columns) {
    return Unsupported("INSERT without a column list on a sharded table");
  }
  if (!ins.returning.empty()) return Unsupported("INSERT ... RETURNING");
  std::string vcol = PrimaryVindexColumn(table);
  if (vcol.empty() || table.column_vindexes[0].vindex->needs_lookup()) {
    return Unsupported("INSERT routed by a multi-column or lookup vindex");
  }
  for (const auto& a : ins.on_dup) {
    std::string col = IdentText(a.column->name);
    for (const auto& cv : table.column_vindexes) {
      for (const auto& c : cv.columns) {
        if (absl::EqualsIgnoreCase(c, col)) {
          return Unsupported(
              absl::StrCat("ON DUPLICATE KEY UPDATE of vindex column ", col));
        }
      }
    }
  }
  if (owns && !ins.on_dup.empty()) {
    return Unsupported(
        "ON DUPLICATE KEY UPDATE on a table owning lookup vindex rows");
  }
  if (owns && (ins.ignore || ins.kind == sql::StmtKind::kReplace)) {
    return Unsupported(
        "INSERT IGNORE or REPLACE on a table owning lookup vindex rows");
  }
  for (const auto& cv : table.column_vindexes) {
    if (cv.vindex != nullptr && cv.vindex->needs_lookup() && !cv.owned &&
        cv.columns.size() != 1) {
      return Unsupported("INSERT with a multi-column lookup vindex");
    }
  }
  return absl::OkStatus();
}

// prefix/suffix around the rows: "insert into t(a, b) values " ... " on
// duplicate key update ...".
absl::Status SplitStatement(sql::ParsedStatement& stmt,
                            const InsertShape& shape,
                            engine::InsertSpec* spec) {
  auto* ins = static_cast<sql::InsertStmt*>(stmt.mutable_root());
  sql::InsertStmt head = *ins;
  head.rows = {};
  head.query = nullptr;
  if (shape.add_sequence) {
    sql::Ident id;
    id.raw = ArenaString(stmt.arena(), shape.columns[shape.sequence]);
    Append(stmt.arena(), head.columns, id);
  }
  sql::List<sql::Expr*> marker;
  Append(stmt.arena(), marker,
         static_cast<sql::Expr*>(NewParam(stmt.arena(), ":__row__")));
  Append(stmt.arena(), head.rows, marker);
  std::string whole;
  sql::FormatStmt(head, stmt.sql(), {}, &whole);
  size_t at = whole.find("(:__row__)");
  if (at == std::string::npos) return Unsupported("this INSERT form");
  spec->prefix = whole.substr(0, at);
  spec->suffix = whole.substr(at + 10);
  return absl::OkStatus();
}

// VALUES rows: cells the router needs become ":__c<i>_<col>".
absl::Status FillRows(const sql::ParsedStatement& stmt,
                      const sql::InsertStmt& ins, const InsertShape& shape,
                      engine::InsertSpec* spec) {
  std::vector<int> filled;
  if (shape.vindex >= 0) filled.push_back(shape.vindex);
  if (shape.sequence >= 0 && shape.sequence != shape.vindex) {
    filled.push_back(shape.sequence);
  }
  for (int c : shape.lookups) {
    if (std::find(filled.begin(), filled.end(), c) == filled.end()) {
      filled.push_back(c);
    }
  }
  spec->filled_columns = filled;
  for (uint32_t i = 0; i < ins.rows.size; ++i) {
    const auto& row = ins.rows[i];
    if (row.size != ins.columns.size) {
      return MysqlError(1136, "21S01",
                        absl::StrCat("Column count doesn't match value count "
                                     "at row ",
                                     i + 1));
    }
    std::vector<std::string> cells;
    for (const sql::Expr* e : row) cells.push_back(ExprText(*e, stmt.sql()));
    if (shape.add_sequence) cells.push_back("NULL");
    std::vector<std::string> sources;
    for (int c : filled) {
      std::string src;
      if (static_cast<size_t>(c) < row.size) {
        const sql::Expr* e = row[c];
        src = ParamVar(e);
        if (src.empty() && !IsNullLiteral(e)) {
          return Unsupported(absl::StrCat(
              "an expression as the value of vindex or sequence column ",
              shape.columns[c]));
        }
      }
      sources.push_back(std::move(src));
      if (static_cast<size_t>(c) < shape.real) {
        cells[c] = absl::StrCat(":", engine::CellVar(i, c));
      }
    }
    spec->cell_sources.push_back(std::move(sources));
    spec->rows.push_back(absl::StrCat("(", absl::StrJoin(cells, ", "), ")"));
  }
  return absl::OkStatus();
}

std::string SequenceTable(const vschema::Table& table) {
  if (!table.auto_increment.has_value()) return "";
  if (table.auto_increment->sequence != nullptr) {
    return table.auto_increment->sequence->QualifiedName();
  }
  return table.auto_increment->sequence_name;
}

absl::StatusOr<Plan> PlanShardedInsert(sql::ParsedStatement& stmt,
                                       const TableBinding& b,
                                       const PlannerContext& ctx) {
  auto* ins = static_cast<sql::InsertStmt*>(stmt.mutable_root());
  const vschema::Table& table = *b.table;
  TESSERA_RETURN_IF_ERROR(CheckInsertForm(*ins, table));
  bool select = ins->query != nullptr;
  TESSERA_ASSIGN_OR_RETURN(InsertShape shape, Shape(*ins, table, select));
  engine::InsertSpec spec;
  spec.keyspace = table.keyspace;
  if (b.keyspace->sharded) {
    spec.vindex = FunctionalMapper(table.column_vindexes[0].vindex);
  }
  spec.columns = shape.columns;
  spec.vindex_column = shape.vindex;
  spec.sequence_column = shape.sequence;
  spec.sequence = SequenceTable(table);
  if (!vschema::OwnedLookups(table).empty()) spec.owner = &table;
  TESSERA_RETURN_IF_ERROR(SplitStatement(stmt, shape, &spec));
  auto node = std::make_shared<ExplainNode>();
  node->op = "Insert";
  node->variant = b.keyspace->sharded ? "Sharded" : "Unsharded";
  node->keyspace = spec.keyspace;
  std::vector<std::string> details;
  if (b.keyspace->sharded) {
    details.push_back(
        absl::StrCat("vindex ", table.column_vindexes[0].vindex_name));
  }
  if (!spec.sequence.empty()) {
    details.push_back(absl::StrCat("sequence ", spec.sequence));
  }
  if (spec.owner != nullptr) details.push_back("owned lookups");
  node->detail = absl::StrJoin(details, ", ");
  if (select) {
    std::shared_ptr<const ExplainNode> inner;
    TESSERA_ASSIGN_OR_RETURN(spec.input,
                             PlanInnerSelect(stmt, ins->query, ctx, &inner));
    node->query =
        absl::StrCat(spec.prefix, "<rows of the select>", spec.suffix);
    node->inputs.push_back(inner);
  } else {
    if (ins->rows.empty()) return Unsupported("this INSERT form");
    TESSERA_RETURN_IF_ERROR(FillRows(stmt, *ins, shape, &spec));
    node->query =
        absl::StrCat(spec.prefix, absl::StrJoin(spec.rows, ", "), spec.suffix);
  }
  const bool single_batch =
      spec.owner == nullptr && spec.sequence.empty() && spec.input == nullptr;
  auto op = std::make_shared<engine::Insert>(std::move(spec));
  Plan p = MakeInsertPlan(op, node, stmt.sql().size());
  p.single_batch_write = single_batch;
  return p;
}

// INSERT ... SELECT whose rows must travel through the router into an
// unsharded or reference table.
absl::StatusOr<Plan> PlanInsertFromSelect(sql::ParsedStatement& stmt,
                                          const vschema::Table& table,
                                          bool replicate,
                                          const PlannerContext& ctx) {
  auto* ins = static_cast<sql::InsertStmt*>(stmt.mutable_root());
  if (!ins->has_columns) {
    return Unsupported(
        "INSERT ... SELECT across keyspaces or shards without "
        "a column list");
  }
  if (table.auto_increment.has_value()) {
    return Unsupported("INSERT ... SELECT into a table with a sequence");
  }
  InsertShape shape;
  for (const sql::Ident& c : ins->columns) {
    shape.columns.push_back(IdentText(c));
  }
  engine::InsertSpec spec;
  spec.keyspace = table.keyspace;
  spec.columns = shape.columns;
  spec.replicate = replicate;
  TESSERA_RETURN_IF_ERROR(SplitStatement(stmt, shape, &spec));
  std::shared_ptr<const ExplainNode> inner;
  TESSERA_ASSIGN_OR_RETURN(spec.input,
                           PlanInnerSelect(stmt, ins->query, ctx, &inner));
  auto node = std::make_shared<ExplainNode>();
  node->op = "Insert";
  node->variant = replicate ? "Reference" : "Unsharded";
  node->keyspace = spec.keyspace;
  node->query = absl::StrCat(spec.prefix, "<rows of the select>", spec.suffix);
  node->inputs.push_back(inner);
  auto op = std::make_shared<engine::Insert>(std::move(spec));
  return MakeInsertPlan(op, node, stmt.sql().size());
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
  bool sharded = b.keyspace->sharded;
  if (ctx.target.has_destination()) {
    return PlanUnchanged(
        stmt, table.keyspace, engine::RouteVariant::kByDestination,
        ctx.target.shard.empty()
            ? engine::Destination::KeyspaceIds({ctx.target.keyspace_id})
            : engine::Destination::Shards({ctx.target.shard}),
        false);
  }
  bool local = true;
  if (ins->query != nullptr) {
    TESSERA_ASSIGN_OR_RETURN(
        local, SelectIsLocal(ins->query, table.keyspace, ctx, scratch));
  }
  if (!sharded) {
    if (local && !table.auto_increment.has_value()) {
      return PlanUnchanged(stmt, table.keyspace,
                           engine::RouteVariant::kUnsharded, {}, false);
    }
    if (table.auto_increment.has_value()) {
      return PlanShardedInsert(stmt, b, ctx);
    }
    return PlanInsertFromSelect(stmt, table, false, ctx);
  }
  if (table.type == vschema::TableType::kReference) {
    if (table.source != nullptr || !table.source_name.empty()) {
      return Unsupported(absl::StrCat("writing reference table ", table.name,
                                      " (write its source ", table.source_name,
                                      ")"));
    }
    if (local) {
      return PlanUnchanged(stmt, table.keyspace, engine::RouteVariant::kScatter,
                           {}, true);
    }
    return PlanInsertFromSelect(stmt, table, true, ctx);
  }
  if (table.type == vschema::TableType::kSequence) {
    return Unsupported("writing a sequence table through the router");
  }
  return PlanShardedInsert(stmt, b, ctx);
}

}  // namespace tessera::planner
