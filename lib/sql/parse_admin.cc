// Administration statements: XA, FLUSH, GRANT/REVOKE, DROP USER/ROLE. A
// statement outside these grammars is kept as a classified token stream.
#include "absl/strings/ascii.h"
#include "lib/sql/parse_ext.h"

namespace tessera::sql {
namespace {

bool IsXidPart(const Parser& p) {
  switch (p.Peek().kind) {
    case Tok::kString:
    case Tok::kHexNum:
    case Tok::kHexString:
    case Tok::kBitString:
    case Tok::kInt:
      return true;
    default:
      return false;
  }
}

// Lower-case words joined by single spaces, up to a token that is not a
// plain word (or one of `stop`).
absl::string_view Words(Parser& p, std::initializer_list<Keyword> stop) {
  std::string out;
  while (p.IsPlainWord()) {
    bool halt = false;
    for (Keyword k : stop) halt |= p.IsKw(k);
    if (halt) break;
    if (!out.empty()) out += ' ';
    out += absl::AsciiStrToLower(p.Text(p.Next()));
  }
  return p.Copy(out);
}

// *, *.*, db.*, db.t, t
bool ParseLevel(Parser& p, GrantStmt* g) {
  if (p.Accept(Tok::kStar)) {
    g->db_star = true;
  } else if (!p.ParseIdent(&g->level_db)) {
    return false;
  }
  if (!p.Accept(Tok::kDot)) {
    // One part: the table (or '*').
    g->name_star = g->db_star;
    g->db_star = false;
    g->level_name = g->level_db;
    g->level_db = Ident{};
    return true;
  }
  g->has_db = true;
  if (p.Accept(Tok::kStar)) {
    g->name_star = true;
    return true;
  }
  if (!p.Is(Tok::kIdent) && !p.Is(Tok::kQuotedIdent)) return p.Fail();
  g->level_name = p.IdentOf(p.Next());
  return true;
}

// Privileges with ON, or roles (GRANT r1, r2 TO u) when no ON follows.
bool ParseGrantItems(Parser& p, GrantStmt* g, Keyword to) {
  Vec<Privilege> privs;
  Vec<UserName> roles;
  bool all_privs = true, all_roles = true;
  do {
    if (p.Is(Tok::kString) || p.Is(Tok::kQuotedIdent) ||
        p.Is(Tok::kUserVar, 1)) {
      UserName u;
      if (!ParseUserName(p, &u)) return false;
      roles.push_back(u);
      all_privs = false;
      continue;
    }
    const Token& first = p.Peek();
    Privilege pr;
    pr.name = Words(p, {KW_ON, to});
    if (pr.name.empty()) return p.Fail();
    bool one_word = pr.name.find(' ') == absl::string_view::npos;
    if (p.Is(Tok::kLParen)) {
      if (!p.ParseIdentList(&pr.columns)) return false;
      one_word = false;
    }
    if (one_word) {
      roles.push_back(UserName{p.Text(first), {}, false});
    } else {
      all_roles = false;
    }
    privs.push_back(pr);
  } while (p.Accept(Tok::kComma));
  if (p.AcceptKw(KW_ON)) {
    if (!all_privs) return p.Fail();
    g->has_on = true;
    g->privileges = p.ToList(privs);
    if (p.IsKw(KW_TABLE) || p.IsKw(KW_FUNCTION) || p.IsKw(KW_PROCEDURE))
      g->object_type = KeywordText(p.Next().kw);
    return ParseLevel(p, g);
  }
  if (!all_roles) return p.Fail();
  g->roles = p.ToList(roles);
  return true;
}

}  // namespace

Stmt* ParseXa(Parser& p) {
  p.Next();  // XA
  auto* s = p.New<XaStmt>();
  if (!p.Is(Tok::kIdent)) return p.Fail(), nullptr;
  s->verb = p.LowerCopy(p.Text(p.Next()));
  if (s->verb == "recover") {
    if (p.IsKw(KW_CONVERT) && p.IsWord("xid", 1)) {
      p.Next(), p.Next();
      s->option = "convert xid";
    }
    return s;
  }
  if (s->verb != "start" && s->verb != "begin" && s->verb != "end" &&
      s->verb != "prepare" && s->verb != "commit" && s->verb != "rollback") {
    return p.Fail(), nullptr;
  }
  Vec<Literal*> xid;
  do {
    if (!IsXidPart(p) || xid.size() == 3) return p.Fail(), nullptr;
    xid.push_back(p.ParseLiteral());
  } while (p.Accept(Tok::kComma));
  s->xid = p.ToList(xid);
  if (s->verb == "start" || s->verb == "begin") {
    if (p.AcceptKw(KW_JOIN)) s->option = "join";
    if (p.AcceptWord("resume")) s->option = "resume";
  } else if (s->verb == "end" && p.AcceptWord("suspend")) {
    s->option = "suspend";
    if (p.AcceptKw(KW_FOR)) {
      if (!p.AcceptWord("migrate")) return p.Fail(), nullptr;
      s->option = "suspend for migrate";
    }
  } else if (s->verb == "commit" && p.IsWord("one")) {
    p.Next();
    if (!p.AcceptWord("phase")) return p.Fail(), nullptr;
    s->option = "one phase";
  }
  return s;
}

Stmt* ParseFlush(Parser& p) {
  p.Next();  // FLUSH
  auto* s = p.New<FlushStmt>();
  if (p.IsWord("no_write_to_binlog") || p.IsKw(KW_LOCAL))
    s->scope = p.LowerCopy(p.Text(p.Next()));
  if (p.IsKw(KW_TABLE) || p.IsKw(KW_TABLES)) {
    p.Next();
    s->tables = true;
    Vec<TableName> v;
    while (p.IsIdent() && !p.IsWord("for")) {
      TableName n;
      if (!p.ParseTableName(&n)) return nullptr;
      v.push_back(n);
      if (!p.Accept(Tok::kComma)) break;
    }
    s->table_list = p.ToList(v);
    if (p.IsKw(KW_WITH) && p.IsKw(KW_READ, 1) && p.IsKw(KW_LOCK, 2)) {
      p.Next(), p.Next(), p.Next();
      s->lock = "with read lock";
    } else if (p.IsKw(KW_FOR) && p.IsWord("export", 1)) {
      p.Next(), p.Next();
      s->lock = "for export";
    }
    return s;
  }
  Vec<absl::string_view> opts;
  do {
    absl::string_view w = Words(p, {});
    if (w.empty()) return p.Fail(), nullptr;
    opts.push_back(w);
  } while (p.Accept(Tok::kComma));
  s->options = p.ToList(opts);
  return s;
}

Stmt* ParseGrant(Parser& p, StmtKind kind) {
  p.Next();  // GRANT / REVOKE
  auto* g = p.New<GrantStmt>(kind);
  bool revoke = kind == StmtKind::kRevoke;
  Keyword to = revoke ? KW_FROM : KW_TO;
  if (p.IsWord("proxy") && p.IsKw(KW_ON, 1)) {
    p.Next(), p.Next();
    g->proxy = true;
    if (!ParseUserName(p, &g->proxy_user)) return nullptr;
  } else if (p.IsKw(KW_ON) || p.IsKw(to)) {
    return p.Fail(), nullptr;
  } else if (!ParseGrantItems(p, g, to)) {
    return nullptr;
  }
  if (!p.ExpectKw(to) || !ParseUserList(p, &g->users)) return nullptr;
  g->tail = p.TokensUntilEnd();
  return g;
}

Stmt* ParseLockTables(Parser& p) {
  p.Next();  // LOCK
  if (!p.AcceptKw(KW_TABLE) && !p.ExpectKw(KW_TABLES)) return nullptr;
  auto* s = p.New<LockTablesStmt>();
  Vec<LockItem> v;
  do {
    LockItem it;
    if (!p.ParseTableName(&it.name)) return nullptr;
    bool as = p.AcceptKw(KW_AS);
    if ((as || (p.IsIdent() && !p.IsKw(KW_READ) && !p.IsKw(KW_WRITE) &&
                !p.IsKw(KW_LOW_PRIORITY))) &&
        !p.ParseIdent(&it.alias)) {
      return nullptr;
    }
    if (p.AcceptKw(KW_READ)) {
      it.type = p.AcceptKw(KW_LOCAL) ? "read local" : "read";
    } else if (p.AcceptKw(KW_LOW_PRIORITY)) {
      if (!p.ExpectKw(KW_WRITE)) return nullptr;
      it.type = "low_priority write";
    } else if (p.AcceptKw(KW_WRITE)) {
      it.type = p.AcceptWord("concurrent") ? "write concurrent" : "write";
    } else {
      return p.Fail(), nullptr;
    }
    v.push_back(it);
  } while (p.Accept(Tok::kComma));
  s->items = p.ToList(v);
  s->table = v[0].name;
  if (p.AcceptKw(KW_NOWAIT)) {
    s->wait = "nowait";
  } else if (p.AcceptKw(KW_WAIT)) {
    if (!p.Is(Tok::kInt)) return p.Fail(), nullptr;
    s->wait = p.Text(p.Next());
  }
  return s;
}

Stmt* ParseUnlockTables(Parser& p) {
  p.Next();  // UNLOCK
  if (!p.AcceptKw(KW_TABLE) && !p.ExpectKw(KW_TABLES)) return nullptr;
  return p.New<OtherStmt>(StmtKind::kUnlockTables);
}

Stmt* ParseDropUser(Parser& p) {
  p.Next();  // DROP
  auto* s = p.New<DropUserStmt>();
  s->role = p.Next().kw == KW_ROLE;
  s->if_exists = p.ParseIfExists();
  return ParseUserList(p, &s->users) ? s : nullptr;
}

}  // namespace tessera::sql
