// Resolving the tables a query names to keyspaces and VSchema tables, and
// binding column references to them.
#ifndef TESSERA_LIB_PLANNER_TABLES_H_
#define TESSERA_LIB_PLANNER_TABLES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/planner/context.h"
#include "lib/sql/ast.h"
#include "lib/vschema/vschema.h"

namespace tessera::planner {

struct TableBinding {
  const sql::TableFactor* ref = nullptr;
  std::string alias;                      // alias, else the table name
  const vschema::Table* table = nullptr;  // null for system tables
  const vschema::KeyspaceSchema* keyspace = nullptr;  // null for system
  bool system = false;  // information_schema & co.
  bool outer = false;   // NULL-extended side of a LEFT/RIGHT join

  bool sharded() const {
    return keyspace != nullptr && keyspace->sharded &&
           table->type == vschema::TableType::kNormal;
  }
  bool reference() const {
    return table != nullptr && table->type == vschema::TableType::kReference;
  }
};

// The FROM clause of one query block, flattened.
struct FromInfo {
  std::vector<TableBinding> tables;
  // ON conditions of inner joins (filters, usable for routing).
  std::vector<const sql::Expr*> inner_on;
  // ON conditions of outer joins (usable to merge tables, not to route).
  std::vector<const sql::Expr*> outer_on;
  bool has_derived = false;
  bool has_using = false;  // JOIN ... USING / NATURAL JOIN
};

// Resolves one table name as the router will: explicit keyspace, then the
// session's keyspace, then the one keyspace holding the table. Errors: 1049
// unknown database, 1146 unknown table, 1105 ambiguous table.
absl::StatusOr<TableBinding> ResolveTable(const sql::TableName& name,
                                          const PlannerContext& ctx,
                                          PlanScratch& scratch);

absl::StatusOr<FromInfo> ResolveFrom(const sql::List<sql::TableRef*>& from,
                                     const PlannerContext& ctx,
                                     PlanScratch& scratch);

// The binding a column reference belongs to, or -1 when it cannot be told
// (unqualified in a multi-table query without authoritative column lists).
int BindColumn(const sql::Column& column, const FromInfo& from);

// Identifier text without quotes (doubled quote characters undone).
std::string IdentText(const sql::Ident& ident);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_TABLES_H_
