// Formatting of the typed DDL statements other than CREATE/ALTER TABLE,
// SHOW and LOAD DATA.
#include "lib/sql/formatter_internal.h"
#include "lib/sql/parser_internal.h"

namespace tessera::sql {
namespace {

// MariaDB WAIT n / NOWAIT.
void Wait(Formatter& f, absl::string_view wait) {
  if (wait == "nowait") {
    f.Put(" nowait");
  } else if (!wait.empty()) {
    f.Put(" wait "), f.Put(wait);
  }
}

void Drop(Formatter& f, const DropStmt& s) {
  f.Put("drop ");
  if (s.temporary) f.Put("temporary ");
  switch (s.kind) {
    case StmtKind::kDropIndex:
      f.Put(s.online ? "online index " : "index ");
      if (s.if_exists) f.Put("if exists ");
      f.Ident(s.index);
      f.Put(" on ");
      f.Name(s.table);
      f.TableOptions(s.options);
      return;
    case StmtKind::kDropDatabase:
      f.Put("database ");
      break;
    case StmtKind::kDropView:
      f.Put("view ");
      break;
    default:
      f.Put("table ");
      break;
  }
  if (s.if_exists) f.Put("if exists ");
  for (uint32_t i = 0; i < s.names.size; ++i) {
    if (i > 0) f.Put(", ");
    f.Name(s.names[i]);
  }
  Wait(f, s.wait);
  if (!s.behaviour.empty()) f.Put(" "), f.Put(s.behaviour);
}

void Rename(Formatter& f, const RenameTableStmt& s) {
  f.Put("rename table ");
  if (s.if_exists) f.Put("if exists ");
  for (uint32_t i = 0; i < s.pairs.size; ++i) {
    if (i > 0) f.Put(", ");
    f.Name(s.pairs[i].from);
    Wait(f, s.pairs[i].wait);
    f.Put(" to ");
    f.Name(s.pairs[i].to);
  }
}

void CreateIndex(Formatter& f, const CreateIndexStmt& s) {
  f.Put("create ");
  if (s.or_replace) f.Put("or replace ");
  if (s.online) f.Put("online ");
  switch (s.index->kind) {
    case IndexKind::kUnique:
      f.Put("unique ");
      break;
    case IndexKind::kFulltext:
      f.Put("fulltext ");
      break;
    case IndexKind::kSpatial:
      f.Put("spatial ");
      break;
    case IndexKind::kVector:
      f.Put("vector ");
      break;
    default:
      break;
  }
  f.Put("index ");
  if (s.if_not_exists) f.Put("if not exists ");
  f.Ident(s.index->name);
  if (s.using_before_on.size > 0) f.Put(" "), f.Tokens(s.using_before_on);
  f.Put(" on ");
  f.Name(s.table);
  f.Put(" ");
  IndexDef parts = *s.index;
  parts.options = {};
  f.IndexParts(parts);
  if (s.wait == "nowait") {
    f.Put(" nowait");
  } else if (!s.wait.empty()) {
    f.Put(" wait "), f.Put(s.wait);
  }
  f.IndexOptions(s.index->options);
  for (const TableOption& o : s.algorithm_lock) f.Put(" "), f.TableOption(o);
}

void View(Formatter& f, const ViewStmt& s) {
  f.Put(s.kind == StmtKind::kCreateView ? "create " : "alter ");
  if (s.or_replace) f.Put("or replace ");
  if (!s.algorithm.empty())
    f.Put("algorithm = "), f.Put(s.algorithm), f.Put(" ");
  if (s.definer.size > 0) f.Put("definer = "), f.Tokens(s.definer), f.Put(" ");
  if (!s.security.empty())
    f.Put("sql security "), f.Put(s.security), f.Put(" ");
  f.Put("view ");
  if (s.if_not_exists) f.Put("if not exists ");
  f.Name(s.table);
  if (s.columns.size > 0) f.Put(" "), f.Idents(s.columns);
  f.Put(" as ");
  f.Query(s.query);
  if (s.check_option) {
    f.Put(" with ");
    if (!s.check_scope.empty()) f.Put(s.check_scope), f.Put(" ");
    f.Put("check option");
  }
}

void Database(Formatter& f, const DatabaseStmt& s) {
  f.Put(s.kind == StmtKind::kCreateDatabase ? "create " : "alter ");
  if (s.or_replace) f.Put("or replace ");
  f.Put("database");
  if (s.if_not_exists) f.Put(" if not exists");
  if (!s.db.empty()) f.Put(" "), f.Ident(s.db);
  f.TableOptions(s.options);
}

absl::string_view ShowWord(ShowKind k) {
  switch (k) {
    case ShowKind::kDatabases:
      return "databases";
    case ShowKind::kTables:
      return "tables";
    case ShowKind::kColumns:
      return "columns from ";
    case ShowKind::kIndex:
      return "index from ";
    case ShowKind::kCreate:
      return "create ";
    case ShowKind::kVariables:
      return "variables";
    case ShowKind::kStatus:
      return "status";
    case ShowKind::kWarnings:
      return "warnings";
    case ShowKind::kErrors:
      return "errors";
    case ShowKind::kProcesslist:
      return "processlist";
    case ShowKind::kEngines:
      return "engines";
    case ShowKind::kCollation:
      return "collation";
    case ShowKind::kCharset:
      return "character set";
    case ShowKind::kTableStatus:
      return "table status";
    case ShowKind::kTriggers:
      return "triggers";
    case ShowKind::kEvents:
      return "events";
    case ShowKind::kOpenTables:
      return "open tables";
    case ShowKind::kPlugins:
      return "plugins";
    case ShowKind::kPrivileges:
      return "privileges";
    case ShowKind::kGrants:
      return "grants";
    case ShowKind::kFunctionStatus:
      return "function status";
    case ShowKind::kProcedureStatus:
      return "procedure status";
    case ShowKind::kOther:
      return "";
  }
  return "";
}

void Show(Formatter& f, const ShowStmt& s) {
  f.Put("show ");
  if (s.what == ShowKind::kOther) {
    f.Tokens(s.rest);
    return;
  }
  if (s.extended) f.Put("extended ");
  if (s.full) f.Put("full ");
  switch (s.scope) {
    case VarScope::kGlobal:
      f.Put("global ");
      break;
    case VarScope::kSession:
      f.Put("session ");
      break;
    case VarScope::kLocal:
      f.Put("local ");
      break;
    default:
      break;
  }
  if (s.count) f.Put("count(*) ");
  f.Put(ShowWord(s.what));
  if (s.what == ShowKind::kCreate) {
    f.Put(s.create_what);
    f.Put(" ");
    if (s.if_not_exists) f.Put("if not exists ");
  }
  if (s.what == ShowKind::kGrants && s.has_user) f.Put(" for ");
  if (s.has_user) {
    f.UserName(s.user);
    if (s.using_roles.size > 0) f.Put(" using "), f.UserNames(s.using_roles);
  } else if (s.what == ShowKind::kColumns || s.what == ShowKind::kIndex ||
             s.what == ShowKind::kCreate) {
    f.Name(s.name);
  }
  if (s.rest.size > 0) f.Put(" "), f.Tokens(s.rest);
  if (!s.db.empty()) f.Put(" from "), f.Ident(s.db);
  if (s.like != nullptr) f.Put(" like "), f.Literal(*s.like);
  if (s.where != nullptr) f.Put(" where "), f.Expr(s.where);
  if (s.limit != nullptr) f.Limit(s.limit);
}

void LoadData(Formatter& f, const LoadDataStmt& s) {
  f.Put("load data ");
  if (!s.priority.empty()) f.Put(s.priority), f.Put(" ");
  if (s.local) f.Put("local ");
  f.Put("infile ");
  f.Literal(*s.file);
  if (!s.duplicates.empty()) f.Put(" "), f.Put(s.duplicates);
  f.Put(" into table ");
  f.Name(s.table);
  if (s.partitions.size > 0) f.Put(" partition "), f.Idents(s.partitions);
  if (!s.charset.empty()) f.Put(" character set "), f.Ident(s.charset);
  auto by = [&f](absl::string_view what, const Literal* l) {
    if (l == nullptr) return;
    f.Put(what);
    f.Literal(*l);
  };
  if (s.has_fields) {
    f.Put(" fields");
    by(" terminated by ", s.fields_terminated);
    if (s.enclosed != nullptr && s.optionally) f.Put(" optionally");
    by(" enclosed by ", s.enclosed);
    by(" escaped by ", s.escaped);
  }
  if (s.has_lines) {
    f.Put(" lines");
    by(" starting by ", s.lines_starting);
    by(" terminated by ", s.lines_terminated);
  }
  if (!s.ignore_count.empty()) {
    f.Put(" ignore "), f.Put(s.ignore_count), f.Put(" "), f.Put(s.ignore_unit);
  }
  if (s.has_columns) {
    f.Put(" (");
    f.Exprs(s.columns);
    f.Put(")");
  }
  if (s.set.size > 0) f.Put(" set "), f.Assignments(s.set);
}

}  // namespace

void Formatter::TypedOther(const OtherStmt& s) {
  switch (s.kind) {
    case StmtKind::kAlterTable:
      AlterTable(static_cast<const AlterTableStmt&>(s));
      return;
    case StmtKind::kDropTable:
    case StmtKind::kDropView:
    case StmtKind::kDropDatabase:
    case StmtKind::kDropIndex:
      Drop(*this, static_cast<const DropStmt&>(s));
      return;
    case StmtKind::kTruncate:
      Put("truncate table ");
      Name(s.table);
      Wait(*this, static_cast<const TruncateStmt&>(s).wait);
      return;
    case StmtKind::kRenameTable:
      Rename(*this, static_cast<const RenameTableStmt&>(s));
      return;
    case StmtKind::kCreateIndex:
      CreateIndex(*this, static_cast<const CreateIndexStmt&>(s));
      return;
    case StmtKind::kCreateView:
    case StmtKind::kAlterView:
      View(*this, static_cast<const ViewStmt&>(s));
      return;
    case StmtKind::kCreateDatabase:
    case StmtKind::kAlterDatabase:
      Database(*this, static_cast<const DatabaseStmt&>(s));
      return;
    case StmtKind::kShow:
      Show(*this, static_cast<const ShowStmt&>(s));
      return;
    case StmtKind::kLoadData:
      LoadData(*this, static_cast<const LoadDataStmt&>(s));
      return;
    case StmtKind::kXa:
    case StmtKind::kFlush:
    case StmtKind::kLockTables:
    case StmtKind::kGrant:
    case StmtKind::kRevoke:
    case StmtKind::kUser:
      Admin(s);
      return;
    case StmtKind::kCreateOther:
    case StmtKind::kAlterOther:
    case StmtKind::kDropOther:
      Sequence(static_cast<const SequenceStmt&>(s));
      return;
    default:
      Tokens(s.tokens);
      return;
  }
}

}  // namespace tessera::sql
