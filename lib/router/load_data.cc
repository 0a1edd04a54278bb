#include "lib/router/load_data.h"

#include <memory>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/key/coverage.h"
#include "lib/planner/context.h"
#include "lib/planner/tables.h"
#include "lib/router/load_data_scanner.h"
#include "lib/sql/format.h"
#include "lib/vindex/vindex.h"

namespace tessera::router {
namespace {

absl::Status Refuse(absl::string_view why) {
  return UnsupportedError(absl::StrCat(
      "unsupported: LOAD DATA LOCAL INFILE through the router: ", why));
}

// Character sets where a multibyte character may contain an ASCII byte
// (a terminator or the escape character would be found inside it).
bool UnsafeCharset(absl::string_view cs) {
  std::string lower = absl::AsciiStrToLower(cs);
  return lower == "big5" || lower == "cp932" || lower == "gbk" ||
         lower == "sjis" || lower == "gb18030";
}

struct TableChoice {
  std::string keyspace;
  std::string name;
  const vschema::Table* table = nullptr;  // null: unlisted, unsharded
  bool sharded = false;
};

absl::StatusOr<TableChoice> ChooseTable(const sql::LoadDataStmt& ld,
                                        const LoadDataContext& ctx) {
  const std::string db = planner::IdentText(ld.table.db);
  TableChoice c;
  c.name = planner::IdentText(ld.table.name);
  if (!db.empty() && planner::IsSystemSchema(db)) {
    return Refuse("into a system schema table");
  }
  std::string keyspace = db.empty() ? ctx.target->keyspace : db;
  if (!keyspace.empty() && ctx.vschema->FindKeyspace(keyspace) == nullptr) {
    return MysqlError(er::kBadDb, "42000",
                      absl::StrCat("Unknown database '", keyspace, "'"));
  }
  auto found = ctx.vschema->FindTable(keyspace, c.name);
  if (found.ok()) {
    c.table = *found;
    c.keyspace = c.table->keyspace;
    c.name = c.table->name;
  } else {
    const vschema::KeyspaceSchema* ks =
        keyspace.empty() ? nullptr : ctx.vschema->FindKeyspace(keyspace);
    if (ks == nullptr || ks->sharded ||
        ToMysqlError(found.status()).code != er::kNoSuchTable) {
      return found.status();
    }
    c.keyspace = ks->name;  // unsharded keyspaces hold unlisted tables
  }
  c.sharded = ctx.vschema->FindKeyspace(c.keyspace)->sharded;
  if (absl::StrContains(c.name, "`")) return Refuse("a table name with '`'");
  return c;
}

// The primary vindex (a single-column functional one) after checking that
// the table can take routed rows.
absl::StatusOr<const vindex::FunctionalVindex*> CheckShardedTable(
    const vschema::Table& t, const sql::LoadDataStmt& ld) {
  if (t.type == vschema::TableType::kReference) {
    return Refuse("into a reference table");
  }
  if (t.type == vschema::TableType::kSequence) {
    return Refuse("into a sequence table");
  }
  if (!t.pinned.empty()) return Refuse("into a pinned table");
  if (t.auto_increment.has_value()) {
    return Refuse(absl::StrCat("table ", t.name, " takes ",
                               t.auto_increment->column,
                               " from a sequence; use INSERT"));
  }
  const vschema::ColumnVindexBinding* primary = t.primary();
  if (primary == nullptr) return Refuse("the table has no primary vindex");
  const auto* fv =
      dynamic_cast<const vindex::FunctionalVindex*>(primary->vindex);
  if (fv == nullptr || primary->columns.size() != 1 ||
      fv->column_count() != 1) {
    return Refuse(absl::StrCat("the primary vindex ", primary->vindex_name,
                               " is not a single-column functional vindex"));
  }
  for (const vschema::ColumnVindexBinding& b : t.column_vindexes) {
    if (b.owned && b.vindex != nullptr && b.vindex->AsLookup() != nullptr) {
      return Refuse(absl::StrCat("table ", t.name, " owns lookup vindex ",
                                 b.vindex_name,
                                 " (its rows would have to be written)"));
    }
    for (const sql::Assignment& a : ld.set) {
      for (const std::string& col : b.columns) {
        if (absl::EqualsIgnoreCase(planner::IdentText(a.column->name), col)) {
          return Refuse(absl::StrCat("SET assigns vindex column ", col));
        }
      }
    }
  }
  return fv;
}

// The names of the fields each record holds ("@v" for user variables).
absl::StatusOr<std::vector<std::string>> FieldNames(
    const sql::LoadDataStmt& ld, const TableChoice& c,
    const LoadDataContext& ctx) {
  std::vector<std::string> names;
  if (ld.has_columns) {
    for (const sql::Expr* e : ld.columns) {
      if (e->kind == sql::ExprKind::kColumn) {
        names.push_back(
            planner::IdentText(static_cast<const sql::Column*>(e)->name));
      } else {
        names.push_back("@");
      }
    }
    return names;
  }
  if (c.table != nullptr && c.table->column_list_authoritative) {
    for (const auto& col : c.table->columns) names.push_back(col.name());
    return names;
  }
  return ctx.table_columns(c.keyspace, c.name);
}

absl::StatusOr<std::vector<LoadDataPart>> SplitRecords(
    const LoadDataFormat& format, absl::string_view data, size_t fields,
    size_t key_index, const std::string& key_column,
    const vindex::FunctionalVindex& vindex,
    const std::vector<key::Shard>& shards) {
  std::vector<LoadDataPart> parts(shards.size());
  LoadDataScanner scanner(format, data, fields, key_index);
  const absl::string_view header = scanner.header();
  LoadDataRecord r;
  while (scanner.Next(&r)) {
    if (!r.key_present || r.key_null) {
      return Refuse(absl::StrCat(
          "record ", r.number, " has ", r.key_present ? "NULL" : "no value",
          " for the primary vindex column ", key_column));
    }
    TESSERA_ASSIGN_OR_RETURN(
        std::optional<std::string> ksid,
        vindex.CheckedKeyspaceId(vindex::Value::Text(r.key)));
    if (!ksid.has_value()) {
      return Refuse(absl::StrCat("record ", r.number, ": vindex ",
                                 vindex.name(), " cannot map ", key_column,
                                 " value '", absl::CHexEscape(r.key), "'"));
    }
    TESSERA_ASSIGN_OR_RETURN(size_t i, key::FindShard(shards, *ksid));
    LoadDataPart& p = parts[i];
    if (p.records++ == 0) p.data.assign(header.data(), header.size());
    p.data.append(r.raw.data(), r.raw.size());
  }
  std::vector<LoadDataPart> out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].records == 0) continue;
    parts[i].shard = shards[i].name;
    out.push_back(std::move(parts[i]));
  }
  if (out.empty() && !shards.empty()) {
    out.push_back({shards[0].name, std::string(header), 0});
  }
  return out;
}

}  // namespace

absl::StatusOr<LoadDataPlan> PlanLoadData(sql::ParsedStatement& stmt,
                                          absl::string_view data,
                                          const LoadDataContext& ctx) {
  if (stmt.kind() != sql::StmtKind::kLoadData) {
    return InternalMysqlError("not a LOAD DATA statement");
  }
  auto& ld = static_cast<sql::LoadDataStmt&>(*stmt.mutable_root());
  if (!ld.local) return Refuse("without LOCAL");
  const Target& target = *ctx.target;
  if (target.has_destination()) return Refuse("with a shard-targeted session");
  if (target.tablet_type != TabletType::kPrimary) {
    return Refuse("on a replica or rdonly target");
  }
  if (UnsafeCharset(ld.charset.raw)) {
    return Refuse(absl::StrCat("in character set ", ld.charset.raw));
  }
  TESSERA_ASSIGN_OR_RETURN(TableChoice c, ChooseTable(ld, ctx));
  TESSERA_ASSIGN_OR_RETURN(LoadDataFormat format, FormatOfLoadData(ld));
  LoadDataPlan plan;
  plan.keyspace = c.keyspace;
  // Shards run the statement on their keyspace's database.
  ld.table.db = sql::Ident();
  ld.table.name = sql::Ident{c.name, '`'};
  sql::FormatStmt(ld, stmt.sql(), {}, &plan.sql);
  TESSERA_ASSIGN_OR_RETURN(std::vector<std::string> shard_names,
                           ctx.shards(c.keyspace));
  if (shard_names.empty()) {
    return InternalMysqlError(
        absl::StrCat("keyspace ", c.keyspace, " has no shards"));
  }
  if (!c.sharded) {
    plan.parts.push_back({shard_names[0], std::string(data), 0});
    return plan;
  }
  TESSERA_ASSIGN_OR_RETURN(const vindex::FunctionalVindex* vindex,
                           CheckShardedTable(*c.table, ld));
  const std::string& key_column = c.table->primary()->columns[0];
  TESSERA_ASSIGN_OR_RETURN(std::vector<std::string> fields,
                           FieldNames(ld, c, ctx));
  size_t key_index = fields.size();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (absl::EqualsIgnoreCase(fields[i], key_column)) {
      key_index = i;
      break;
    }
  }
  if (key_index == fields.size()) {
    return Refuse(absl::StrCat("the primary vindex column ", key_column,
                               " is not among the columns loaded"));
  }
  TESSERA_ASSIGN_OR_RETURN(std::vector<key::Shard> shards,
                           key::ParseShards(shard_names));
  TESSERA_ASSIGN_OR_RETURN(plan.parts,
                           SplitRecords(format, data, fields.size(), key_index,
                                        key_column, *vindex, shards));
  return plan;
}

}  // namespace tessera::router
