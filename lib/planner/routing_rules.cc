#include "lib/planner/routing_rules.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/planner/ast_util.h"
#include "lib/planner/tables.h"
#include "lib/planner/walk.h"

namespace tessera::planner {
namespace {

void CollectRefs(sql::TableRef* ref, std::vector<sql::TableFactor*>* out) {
  switch (ref->kind) {
    case sql::TableRefKind::kTable:
      out->push_back(static_cast<sql::TableFactor*>(ref));
      return;
    case sql::TableRefKind::kJoin: {
      auto* j = static_cast<sql::JoinRef*>(ref);
      CollectRefs(j->left, out);
      CollectRefs(j->right, out);
      return;
    }
    case sql::TableRefKind::kParen:
      for (sql::TableRef* i : static_cast<sql::ParenRef*>(ref)->items) {
        CollectRefs(i, out);
      }
      return;
    default:
      return;  // derived tables: CollectTables reaches their queries
  }
}

void CollectQuery(const sql::QueryExpr* q,
                  std::vector<sql::TableFactor*>* out) {
  std::vector<const sql::TableFactor*> found;
  CollectTables(q, &found);
  // The statement's own AST: planning rewrites it in place anyway.
  for (const sql::TableFactor* f : found) {
    out->push_back(const_cast<sql::TableFactor*>(f));
  }
}

// The rule target ("ks.t") for `name` in the session's keyspace, or null.
const std::string* RuleFor(const sql::TableName& name,
                           const PlannerContext& ctx) {
  std::string db = IdentText(name.db);
  if (!db.empty() && IsSystemSchema(db)) return nullptr;
  std::string table = IdentText(name.name);
  std::string keyspace = db.empty() ? ctx.target.keyspace : db;
  const auto& rules = ctx.vschema->routing_rules();
  for (const std::string& key :
       {keyspace.empty() ? std::string() : absl::StrCat(keyspace, ".", table),
        table}) {
    if (key.empty()) continue;
    auto it = rules.find(key);
    if (it != rules.end() && !it->second.empty()) return &it->second[0];
  }
  return nullptr;
}

sql::Ident Quoted(sql::Arena& arena, absl::string_view s) {
  sql::Ident id;
  id.raw = ArenaString(arena, s);
  id.quote = '`';
  return id;
}

// Rewrites `name` to its rule's target; the original table name, for an
// alias, in *was. False when no rule applies.
bool Rewrite(sql::TableName* name, sql::Arena& arena, const PlannerContext& ctx,
             sql::Ident* was) {
  const std::string* to = RuleFor(*name, ctx);
  if (to == nullptr) return false;
  std::vector<std::string> parts = absl::StrSplit(*to, '.');
  if (parts.size() != 2) return false;  // rejected when the VSchema is built
  *was = name->name;
  name->db = Quoted(arena, parts[0]);
  name->name = Quoted(arena, parts[1]);
  return true;
}

}  // namespace

void ApplyRoutingRules(sql::ParsedStatement& stmt, const PlannerContext& ctx) {
  if (ctx.vschema == nullptr || ctx.vschema->routing_rules().empty()) return;
  sql::Arena& arena = stmt.arena();
  std::vector<sql::TableFactor*> factors;
  bool alias = true;  // single-table UPDATE/DELETE keep the bare target
  sql::Stmt* root = stmt.mutable_root();
  switch (stmt.kind()) {
    case sql::StmtKind::kSelect:
      CollectQuery(static_cast<sql::SelectStmt*>(root)->query, &factors);
      break;
    case sql::StmtKind::kInsert:
    case sql::StmtKind::kReplace: {
      auto* ins = static_cast<sql::InsertStmt*>(root);
      sql::Ident was;
      Rewrite(&ins->table, arena, ctx, &was);
      if (ins->query != nullptr) CollectQuery(ins->query, &factors);
      break;
    }
    case sql::StmtKind::kUpdate:
      alias = false;
      for (sql::TableRef* r : static_cast<sql::UpdateStmt*>(root)->tables) {
        CollectRefs(r, &factors);
      }
      break;
    case sql::StmtKind::kDelete:
      alias = false;
      for (sql::TableRef* r : static_cast<sql::DeleteStmt*>(root)->from) {
        CollectRefs(r, &factors);
      }
      break;
    default:
      return;
  }
  for (sql::TableFactor* f : factors) {
    sql::Ident was;
    if (Rewrite(&f->name, arena, ctx, &was) && alias && f->alias.empty()) {
      f->alias = was;
    }
  }
}

}  // namespace tessera::planner
