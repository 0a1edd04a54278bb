#include "lib/planner/tables.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"

namespace tessera::planner {

absl::Status Unsupported(absl::string_view what) {
  return UnsupportedError(absl::StrCat("unsupported: ", what));
}

bool IsSystemSchema(absl::string_view db) {
  return absl::EqualsIgnoreCase(db, "information_schema") ||
         absl::EqualsIgnoreCase(db, "mysql") ||
         absl::EqualsIgnoreCase(db, "performance_schema") ||
         absl::EqualsIgnoreCase(db, "sys");
}

std::string IdentText(const sql::Ident& ident) {
  if (ident.quote == 0) return std::string(ident.raw);
  std::string out;
  out.reserve(ident.raw.size());
  for (size_t i = 0; i < ident.raw.size(); ++i) {
    out.push_back(ident.raw[i]);
    if (ident.raw[i] == ident.quote && i + 1 < ident.raw.size() &&
        ident.raw[i + 1] == ident.quote) {
      ++i;
    }
  }
  return out;
}

absl::StatusOr<TableBinding> ResolveTable(const sql::TableName& name,
                                          const PlannerContext& ctx,
                                          PlanScratch& scratch) {
  TableBinding b;
  std::string db = IdentText(name.db);
  std::string table = IdentText(name.name);
  b.alias = table;
  if (!db.empty() && IsSystemSchema(db)) {
    b.system = true;
    return b;
  }
  std::string keyspace = db.empty() ? ctx.target.keyspace : db;
  if (!keyspace.empty() && ctx.vschema->FindKeyspace(keyspace) == nullptr) {
    return MysqlError(er::kBadDb, "42000",
                      absl::StrCat("Unknown database '", keyspace, "'"));
  }
  auto found = ctx.vschema->FindTable(keyspace, table);
  if (!found.ok()) {
    bool no_such_table = ToMysqlError(found.status()).code == er::kNoSuchTable;
    if (!no_such_table && absl::IsInvalidArgument(found.status())) {
      // An unqualified name found in several keyspaces.
      return MysqlError(er::kUnknownError, "HY000", found.status().message());
    }
    // Unsharded keyspaces may hold tables their VSchema does not list.
    const vschema::KeyspaceSchema* ks =
        keyspace.empty() ? nullptr : ctx.vschema->FindKeyspace(keyspace);
    if (ks == nullptr || ks->sharded || !no_such_table) return found.status();
    vschema::Table& t = scratch.synthesized.emplace_back();
    t.keyspace = ks->name;
    t.name = table;
    b.table = &t;
    b.keyspace = ks;
    return b;
  }
  b.table = *found;
  b.keyspace = ctx.vschema->FindKeyspace((*found)->keyspace);
  return b;
}

namespace {

absl::Status Flatten(const sql::TableRef* ref, bool outer,
                     const PlannerContext& ctx, PlanScratch& scratch,
                     FromInfo& info) {
  switch (ref->kind) {
    case sql::TableRefKind::kTable: {
      const auto* f = static_cast<const sql::TableFactor*>(ref);
      TESSERA_ASSIGN_OR_RETURN(TableBinding b,
                               ResolveTable(f->name, ctx, scratch));
      b.ref = f;
      b.outer = outer;
      if (!f->alias.empty()) b.alias = IdentText(f->alias);
      info.tables.push_back(std::move(b));
      return absl::OkStatus();
    }
    case sql::TableRefKind::kDerived:
      info.has_derived = true;
      return absl::OkStatus();
    case sql::TableRefKind::kParen: {
      const auto* p = static_cast<const sql::ParenRef*>(ref);
      for (const sql::TableRef* item : p->items) {
        TESSERA_RETURN_IF_ERROR(Flatten(item, outer, ctx, scratch, info));
      }
      return absl::OkStatus();
    }
    case sql::TableRefKind::kJoin: {
      const auto* j = static_cast<const sql::JoinRef*>(ref);
      bool left_outer = outer, right_outer = outer;
      bool is_outer = false;
      switch (j->type) {
        case sql::JoinType::kLeft:
        case sql::JoinType::kNaturalLeft:
          right_outer = true;
          is_outer = true;
          break;
        case sql::JoinType::kRight:
        case sql::JoinType::kNaturalRight:
          left_outer = true;
          is_outer = true;
          break;
        default:
          break;
      }
      if (j->has_using || j->type == sql::JoinType::kNatural ||
          j->type == sql::JoinType::kNaturalLeft ||
          j->type == sql::JoinType::kNaturalRight) {
        info.has_using = true;
      }
      TESSERA_RETURN_IF_ERROR(Flatten(j->left, left_outer, ctx, scratch, info));
      TESSERA_RETURN_IF_ERROR(
          Flatten(j->right, right_outer, ctx, scratch, info));
      if (j->on != nullptr) {
        (is_outer || outer ? info.outer_on : info.inner_on).push_back(j->on);
      }
      return absl::OkStatus();
    }
    case sql::TableRefKind::kJsonTable:
      return Unsupported("JSON_TABLE");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<FromInfo> ResolveFrom(const sql::List<sql::TableRef*>& from,
                                     const PlannerContext& ctx,
                                     PlanScratch& scratch) {
  FromInfo info;
  for (const sql::TableRef* ref : from) {
    TESSERA_RETURN_IF_ERROR(Flatten(ref, false, ctx, scratch, info));
  }
  return info;
}

int BindColumn(const sql::Column& column, const FromInfo& from) {
  std::string table = IdentText(column.table);
  if (!table.empty()) {
    std::string db = IdentText(column.db);
    int found = -1;
    for (size_t i = 0; i < from.tables.size(); ++i) {
      const TableBinding& b = from.tables[i];
      if (b.alias != table) continue;
      if (!db.empty() && b.table != nullptr && b.table->keyspace != db)
        continue;
      if (found >= 0) return -1;
      found = static_cast<int>(i);
    }
    return found;
  }
  if (from.tables.size() == 1 && !from.has_derived) return 0;
  // Several tables: only authoritative column lists can tell.
  std::string name = absl::AsciiStrToLower(IdentText(column.name));
  int found = -1;
  for (size_t i = 0; i < from.tables.size(); ++i) {
    const vschema::Table* t = from.tables[i].table;
    if (t == nullptr || !t->column_list_authoritative) return -1;
    for (const auto& c : t->columns) {
      if (absl::AsciiStrToLower(c.name()) == name) {
        if (found >= 0) return -1;
        found = static_cast<int>(i);
      }
    }
  }
  return found;
}

}  // namespace tessera::planner
