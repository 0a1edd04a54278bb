// Formatting of the typed administration statements.
#include "lib/sql/formatter_internal.h"

namespace tessera::sql {
namespace {

void Xa(Formatter& f, const XaStmt& s) {
  f.Put("xa "), f.Put(s.verb);
  for (uint32_t i = 0; i < s.xid.size; ++i) {
    f.Put(i == 0 ? " " : ", ");
    f.Literal(*s.xid[i]);
  }
  if (!s.option.empty()) f.Put(" "), f.Put(s.option);
}

void Flush(Formatter& f, const FlushStmt& s) {
  f.Put("flush ");
  if (!s.scope.empty()) f.Put(s.scope), f.Put(" ");
  if (s.tables) {
    f.Put("tables");
    for (uint32_t i = 0; i < s.table_list.size; ++i) {
      f.Put(i == 0 ? " " : ", ");
      f.Name(s.table_list[i]);
    }
    if (!s.lock.empty()) f.Put(" "), f.Put(s.lock);
    return;
  }
  for (uint32_t i = 0; i < s.options.size; ++i) {
    if (i > 0) f.Put(", ");
    f.Put(s.options[i]);
  }
}

void Grant(Formatter& f, const GrantStmt& g) {
  bool revoke = g.kind == StmtKind::kRevoke;
  f.Put(revoke ? "revoke " : "grant ");
  if (g.proxy) {
    f.Put("proxy on ");
    f.UserName(g.proxy_user);
  } else if (g.has_on) {
    for (uint32_t i = 0; i < g.privileges.size; ++i) {
      if (i > 0) f.Put(", ");
      f.Put(g.privileges[i].name);
      if (g.privileges[i].columns.size > 0)
        f.Put(" "), f.Idents(g.privileges[i].columns);
    }
    f.Put(" on ");
    if (!g.object_type.empty()) f.Put(g.object_type), f.Put(" ");
    if (g.has_db) {
      if (g.db_star) {
        f.Put("*");
      } else {
        f.Ident(g.level_db);
      }
      f.Put(".");
    }
    if (g.name_star) {
      f.Put("*");
    } else {
      f.Ident(g.level_name);
    }
  } else {
    f.UserNames(g.roles);
  }
  f.Put(revoke ? " from " : " to ");
  f.UserNames(g.users);
  if (g.tail.size > 0) f.Put(" "), f.Tokens(g.tail);
}

void LockTables(Formatter& f, const LockTablesStmt& s) {
  f.Put("lock tables ");
  for (uint32_t i = 0; i < s.items.size; ++i) {
    const LockItem& it = s.items[i];
    if (i > 0) f.Put(", ");
    f.Name(it.name);
    if (!it.alias.empty()) f.Put(" as "), f.Ident(it.alias);
    f.Put(" "), f.Put(it.type);
  }
  if (s.wait == "nowait") {
    f.Put(" nowait");
  } else if (!s.wait.empty()) {
    f.Put(" wait "), f.Put(s.wait);
  }
}

}  // namespace

void Formatter::Admin(const OtherStmt& s) {
  switch (s.kind) {
    case StmtKind::kXa:
      Xa(*this, static_cast<const XaStmt&>(s));
      return;
    case StmtKind::kFlush:
      Flush(*this, static_cast<const FlushStmt&>(s));
      return;
    case StmtKind::kLockTables:
      LockTables(*this, static_cast<const LockTablesStmt&>(s));
      return;
    case StmtKind::kGrant:
    case StmtKind::kRevoke:
      Grant(*this, static_cast<const GrantStmt&>(s));
      return;
    default:
      Account(s);
      return;
  }
}

}  // namespace tessera::sql
