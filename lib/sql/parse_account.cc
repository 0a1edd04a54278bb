// Account statements: CREATE/ALTER/RENAME USER, CREATE ROLE, SET PASSWORD
// (DROP USER|ROLE: parse_admin.cc).
#include "absl/strings/ascii.h"
#include "lib/sql/parse_ext.h"

namespace tessera::sql {
namespace {

Literal* StringLiteral(Parser& p) {
  if (!p.Is(Tok::kString)) return p.Fail(), nullptr;
  return p.ParseLiteral();
}

bool IsNumber(const Parser& p) {
  return p.Is(Tok::kInt) || p.Is(Tok::kDecimal) || p.Is(Tok::kFloat);
}

// plugin [{USING|AS} value | BY {'x' | RANDOM PASSWORD}].
bool ParseAuthPlugin(Parser& p, AuthPlugin* a) {
  if (p.Is(Tok::kString)) {
    absl::string_view q = p.Text(p.Next());
    a->plugin = Ident{q.substr(1, q.size() - 2), q[0]};
  } else if (!p.ParseIdent(&a->plugin)) {
    return false;
  }
  if (p.IsKw(KW_USING) || p.IsKw(KW_AS) || p.IsKw(KW_BY)) {
    a->how = KeywordText(p.Next().kw);
    if (a->how == "by" && p.IsWord("random") && p.IsKw(KW_PASSWORD, 1)) {
      p.Next(), p.Next();
      a->random = true;
      return true;
    }
    // A primary: `USING 'x' OR plugin` must not read OR as an operator.
    if (!p.Is(Tok::kString) && !p.IsKw(KW_PASSWORD) &&
        !p.IsWord("old_password")) {
      return p.Fail();
    }
    a->value = p.ParseUnary();
    if (a->value == nullptr) return false;
  }
  return true;
}

// IDENTIFIED ... after the account name.
bool ParseAuth(Parser& p, UserSpec* u) {
  if (p.AcceptKw(KW_BY)) {
    if (p.IsWord("random") && p.IsKw(KW_PASSWORD, 1)) {
      p.Next(), p.Next();
      u->auth = AuthKind::kRandom;
    } else {
      u->auth = p.AcceptKw(KW_PASSWORD) ? AuthKind::kHash : AuthKind::kPassword;
      u->password = StringLiteral(p);
      if (u->password == nullptr) return false;
    }
  } else {
    if (p.AcceptWord("via")) {
      u->via = true;
    } else if (!p.ExpectKw(KW_WITH)) {
      return false;
    }
    u->auth = AuthKind::kPlugin;
    Vec<AuthPlugin> v;
    do {
      AuthPlugin a;
      if (!ParseAuthPlugin(p, &a)) return false;
      v.push_back(a);
    } while (p.AcceptKw(KW_OR));
    u->plugins = p.ToList(v);
  }
  if (p.AcceptKw(KW_REPLACE) && (u->replace = StringLiteral(p)) == nullptr)
    return false;
  if (p.AcceptWord("retain")) {
    if (!p.ExpectKw(KW_CURRENT) || !p.ExpectKw(KW_PASSWORD)) return false;
    u->retain = true;
  }
  return true;
}

// IDENTIFIED ... of an additional factor, into a new spec.
bool ParseFactorAuth(Parser& p, UserSpec** out) {
  if (!p.AcceptWord("identified")) return p.Fail();
  *out = p.New<UserSpec>();
  return ParseAuth(p, *out);
}

// n FACTOR; the number into `out`.
bool ParseFactor(Parser& p, absl::string_view* out) {
  if (!p.Is(Tok::kInt) || !p.IsWord("factor", 1)) return p.Fail();
  absl::string_view n = p.Text(p.Peek());
  if (n != "2" && n != "3") return p.Fail();
  *out = n;
  p.Next(), p.Next();
  return true;
}

// MySQL multi-factor clauses after IDENTIFIED ...: AND IDENTIFIED ... (up
// to two more factors) or INITIAL AUTHENTICATION IDENTIFIED ....
bool ParseMoreFactors(Parser& p, UserSpec* u) {
  if (p.IsWord("initial") && p.IsWord("authentication", 1)) {
    p.Next(), p.Next();
    return ParseFactorAuth(p, &u->initial);
  }
  UserSpec* last = u;
  for (int n = 0; n < 2 && p.IsKw(KW_AND) && p.IsWord("identified", 1); ++n) {
    p.Next();
    if (!ParseFactorAuth(p, &last->and_factor)) return false;
    last = last->and_factor;
  }
  return true;
}

// ALTER USER u {ADD|MODIFY} n FACTOR auth | DROP n FACTOR, or n FACTOR
// {INITIATE REGISTRATION | FINISH REGISTRATION SET CHALLENGE_RESPONSE AS
// 'x' | UNREGISTER}; false without error when none follows.
bool ParseFactorOps(Parser& p, UserSpec* u) {
  if (p.Is(Tok::kInt) && p.IsWord("factor", 1)) {
    ParseFactor(p, &u->registration_factor);
    if (p.AcceptWord("unregister")) {
      u->registration = "unregister";
      return true;
    }
    if (!p.AcceptWord("initiate") && !p.AcceptWord("finish")) return p.Fail();
    u->registration = p.LowerCopy(p.Text(p.Previous()));
    if (!p.AcceptWord("registration")) return p.Fail();
    if (u->registration == "initiate") return true;
    if (!p.ExpectKw(KW_SET) || !p.AcceptWord("challenge_response") ||
        !p.ExpectKw(KW_AS)) {
      return p.Fail();
    }
    return (u->challenge = StringLiteral(p)) != nullptr;
  }
  Vec<FactorOp> v;
  while ((p.IsKw(KW_ADD) || p.IsKw(KW_MODIFY) || p.IsKw(KW_DROP)) &&
         p.Is(Tok::kInt, 1) && v.size() < 2) {
    FactorOp op;
    op.verb = KeywordText(p.Next().kw);
    if (!ParseFactor(p, &op.factor)) return false;
    if (op.verb != "drop" && !ParseFactorAuth(p, &op.auth)) return false;
    v.push_back(op);
  }
  u->factor_ops = p.ToList(v);
  return true;
}

bool ParseUserSpecs(Parser& p, bool role, List<UserSpec>* out) {
  Vec<UserSpec> v;
  do {
    UserSpec u;
    if (!ParseUserName(p, &u.user)) return false;
    if (!role && p.AcceptWord("identified") &&
        (!ParseAuth(p, &u) || !ParseMoreFactors(p, &u))) {
      return false;
    }
    if (!role && !ParseFactorOps(p, &u)) return false;
    if (!role && p.IsWord("discard") && p.IsWord("old", 1)) {
      p.Next(), p.Next();
      if (!p.ExpectKw(KW_PASSWORD)) return false;
      u.discard_old = true;
    }
    v.push_back(u);
  } while (p.Accept(Tok::kComma));
  *out = p.ToList(v);
  return true;
}

// REQUIRE NONE | tls_option [[AND] tls_option ...]
bool ParseRequire(Parser& p, UserStmt* s) {
  s->require = true;
  if (p.AcceptWord("none")) return true;
  Vec<TlsOption> v;
  do {
    TlsOption t;
    if (p.AcceptKw(KW_SSL)) {
      t.kind = TlsKind::kSsl;
    } else if (p.AcceptWord("x509")) {
      t.kind = TlsKind::kX509;
    } else {
      if (p.AcceptWord("issuer")) {
        t.kind = TlsKind::kIssuer;
      } else if (p.AcceptWord("subject")) {
        t.kind = TlsKind::kSubject;
      } else if (p.AcceptWord("cipher")) {
        t.kind = TlsKind::kCipher;
      } else {
        return p.Fail();
      }
      if ((t.value = StringLiteral(p)) == nullptr) return false;
    }
    v.push_back(t);
    p.AcceptKw(KW_AND);
  } while (p.IsKw(KW_SSL) || p.IsWord("x509") || p.IsWord("issuer") ||
           p.IsWord("subject") || p.IsWord("cipher"));
  s->tls = p.ToList(v);
  return true;
}

bool IsLimitWord(const Parser& p) {
  return p.IsWord("max_queries_per_hour") || p.IsWord("max_updates_per_hour") ||
         p.IsWord("max_connections_per_hour") ||
         p.IsWord("max_user_connections") || p.IsWord("max_statement_time");
}

// WITH limit [limit ...] (MySQL also accepts GRANT OPTION here: refused).
bool ParseLimits(Parser& p, UserStmt* s) {
  Vec<ResourceLimit> v;
  if (!IsLimitWord(p)) return p.Fail();
  while (IsLimitWord(p)) {
    ResourceLimit l;
    l.name = p.LowerCopy(p.Text(p.Next()));
    if (!IsNumber(p)) return p.Fail();
    l.value = p.Text(p.Next());
    v.push_back(l);
  }
  s->limits = p.ToList(v);
  return true;
}

// DEFAULT | n: into o->value ("default" or the number).
bool DefaultOrNumber(Parser& p, AccountOption* o) {
  if (p.AcceptKw(KW_DEFAULT)) {
    o->value = "default";
  } else if (p.Is(Tok::kInt)) {
    o->value = p.Text(p.Next());
  } else {
    return p.Fail();
  }
  return true;
}

// PASSWORD EXPIRE/HISTORY/REUSE INTERVAL/REQUIRE CURRENT (after PASSWORD).
bool ParsePasswordOption(Parser& p, AccountOption* o) {
  if (p.AcceptWord("expire")) {
    o->kind = AccountOptionKind::kExpire;
    if (p.AcceptKw(KW_DEFAULT) || p.AcceptWord("never")) {
      o->value = p.LowerCopy(p.Text(p.Previous()));
    } else if (p.AcceptKw(KW_INTERVAL)) {
      o->kind = AccountOptionKind::kExpireInterval;
      if (!p.Is(Tok::kInt)) return p.Fail();
      o->value = p.Text(p.Next());
      return p.ExpectKw(KW_DAY);
    }
    return true;
  }
  if (p.AcceptWord("history")) {
    o->kind = AccountOptionKind::kHistory;
    return DefaultOrNumber(p, o);
  }
  if (p.AcceptWord("reuse")) {
    o->kind = AccountOptionKind::kReuseInterval;
    if (!p.ExpectKw(KW_INTERVAL) || !DefaultOrNumber(p, o)) return false;
    return o->value == "default" || p.ExpectKw(KW_DAY);
  }
  if (p.AcceptKw(KW_REQUIRE)) {
    o->kind = AccountOptionKind::kRequireCurrent;
    if (!p.ExpectKw(KW_CURRENT)) return false;
    if (p.AcceptKw(KW_DEFAULT) || p.AcceptWord("optional"))
      o->value = p.LowerCopy(p.Text(p.Previous()));
    return true;
  }
  return p.Fail();
}

bool ParseAccountOption(Parser& p, AccountOption* o) {
  if (p.AcceptKw(KW_PASSWORD)) return ParsePasswordOption(p, o);
  if (p.AcceptWord("account")) {
    if (p.AcceptKw(KW_LOCK)) {
      o->kind = AccountOptionKind::kLock;
    } else if (p.AcceptKw(KW_UNLOCK)) {
      o->kind = AccountOptionKind::kUnlock;
    } else {
      return p.Fail();
    }
    return true;
  }
  if (p.AcceptWord("failed_login_attempts")) {
    o->kind = AccountOptionKind::kFailedLogins;
    if (!p.Is(Tok::kInt)) return p.Fail();
    o->value = p.Text(p.Next());
    return true;
  }
  if (p.AcceptWord("password_lock_time")) {
    o->kind = AccountOptionKind::kLockTime;
    if (p.AcceptKw(KW_UNBOUNDED)) {
      o->value = "unbounded";
    } else if (p.Is(Tok::kInt)) {
      o->value = p.Text(p.Next());
    } else {
      return p.Fail();
    }
    return true;
  }
  o->kind = p.AcceptKw(KW_COMMENT) ? AccountOptionKind::kComment
                                   : AccountOptionKind::kAttribute;
  if (o->kind == AccountOptionKind::kAttribute && !p.AcceptWord("attribute"))
    return p.Fail();
  return (o->text = StringLiteral(p)) != nullptr;
}

// Everything after the account list of CREATE/ALTER USER.
bool ParseUserTail(Parser& p, UserStmt* s) {
  if (p.IsKw(KW_DEFAULT) && p.IsKw(KW_ROLE, 1)) {
    p.Next(), p.Next();
    if (s->verb == AccountVerb::kAlter &&
        (p.IsKw(KW_ALL) || p.IsWord("none"))) {
      s->default_role_word = p.LowerCopy(p.Text(p.Next()));
      return p.AtStatementEnd() || p.Fail();
    }
    if (!ParseUserList(p, &s->default_roles)) return false;
  }
  if (p.AcceptKw(KW_REQUIRE) && !ParseRequire(p, s)) return false;
  if (p.AcceptKw(KW_WITH) && !ParseLimits(p, s)) return false;
  Vec<AccountOption> v;
  while (!p.AtStatementEnd()) {
    AccountOption o;
    if (!ParseAccountOption(p, &o)) return false;
    v.push_back(o);
  }
  s->options = p.ToList(v);
  return true;
}

Stmt* ParseCreateAccount(Parser& p) {
  auto* s = p.New<UserStmt>(AccountVerb::kCreate);
  if (p.IsKw(KW_OR) && p.IsKw(KW_REPLACE, 1)) {
    p.Next(), p.Next();
    s->or_replace = true;
  }
  s->role = p.Next().kw == KW_ROLE;
  s->if_not_exists = p.ParseIfNotExists();
  if (!ParseUserSpecs(p, s->role, &s->users)) return nullptr;
  if (!s->role) return ParseUserTail(p, s) ? s : nullptr;
  if (p.AcceptKw(KW_WITH)) {
    if (!p.AcceptWord("admin")) return p.Fail(), nullptr;
    s->has_admin = true;
    if (!ParseUserName(p, &s->admin)) return nullptr;
  }
  return s;
}

Stmt* ParseRenameUser(Parser& p) {
  p.Next(), p.Next();  // RENAME USER
  auto* s = p.New<RenameUserStmt>();
  Vec<UserName> from, to;
  do {
    UserName a, b;
    if (!ParseUserName(p, &a) || !p.ExpectKw(KW_TO) || !ParseUserName(p, &b))
      return nullptr;
    from.push_back(a);
    to.push_back(b);
  } while (p.Accept(Tok::kComma));
  s->from = p.ToList(from);
  s->to = p.ToList(to);
  return s;
}

}  // namespace

Stmt* ParseAccount(Parser& p) {
  if (p.IsKw(KW_DROP)) return ParseDropUser(p);
  if (p.IsKw(KW_RENAME)) return ParseRenameUser(p);
  if (p.AcceptKw(KW_CREATE)) return ParseCreateAccount(p);
  p.Next();  // ALTER
  if (!p.AcceptKw(KW_USER)) return p.Fail(), nullptr;
  auto* s = p.New<UserStmt>(AccountVerb::kAlter);
  s->if_exists = p.ParseIfExists();
  if (p.IsKw(KW_USER) && p.Is(Tok::kLParen, 1) && p.Is(Tok::kRParen, 2)) {
    p.Next(), p.Next(), p.Next();  // MySQL ALTER USER USER() ...
    UserSpec u;
    u.user_function = true;
    if (p.AcceptWord("identified") && !ParseAuth(p, &u)) return nullptr;
    if (p.IsWord("discard") && p.IsWord("old", 1)) {
      p.Next(), p.Next();
      if (!p.ExpectKw(KW_PASSWORD)) return nullptr;
      u.discard_old = true;
    }
    if (u.auth == AuthKind::kNone && !u.discard_old) return p.Fail(), nullptr;
    Vec<UserSpec> v;
    v.push_back(u);
    s->users = p.ToList(v);
    return s;
  }
  if (!ParseUserSpecs(p, false, &s->users)) return nullptr;
  return ParseUserTail(p, s) ? s : nullptr;
}

bool ParseSetPassword(Parser& p, SetItem* item) {
  auto* sp = p.New<SetPassword>();
  item->password = sp;
  if (p.AcceptKw(KW_FOR)) {
    sp->has_for = true;
    if (!ParseUserName(p, &sp->user)) return false;
  }
  if (p.AcceptKw(KW_TO)) {
    return p.AcceptWord("random") || p.Fail();
  }
  if (!p.Expect(Tok::kEq)) return false;
  sp->value = p.ParseExpr();
  if (sp->value == nullptr) return false;
  if (p.AcceptKw(KW_REPLACE) && (sp->replace = StringLiteral(p)) == nullptr)
    return false;
  if (p.AcceptWord("retain")) {
    if (!p.ExpectKw(KW_CURRENT) || !p.ExpectKw(KW_PASSWORD)) return false;
    sp->retain = true;
  }
  return true;
}

bool ParseShowGrants(Parser& p, ShowStmt* s) {
  if (!p.AcceptKw(KW_FOR)) return true;
  s->has_user = true;
  if (!ParseUserName(p, &s->user)) return false;
  return !p.AcceptKw(KW_USING) || ParseUserList(p, &s->using_roles);
}

}  // namespace tessera::sql
