// Formatting of the account statements (CREATE/ALTER/DROP/RENAME USER and
// ROLE) and SET PASSWORD.
#include "lib/sql/formatter_internal.h"

namespace tessera::sql {
namespace {

void Plugin(Formatter& f, const AuthPlugin& a) {
  f.Ident(a.plugin);
  if (a.how.empty()) return;
  f.Put(" "), f.Put(a.how);
  if (a.random) {
    f.Put(" random password");
  } else {
    f.Put(" "), f.Expr(a.value);
  }
}

void Spec(Formatter& f, const UserSpec& u);

// IDENTIFIED ... [REPLACE 'x'] [RETAIN CURRENT PASSWORD] of one factor.
void Auth(Formatter& f, const UserSpec& u) {
  switch (u.auth) {
    case AuthKind::kNone:
      break;
    case AuthKind::kPassword:
      f.Put(" identified by "), f.Literal(*u.password);
      break;
    case AuthKind::kHash:
      f.Put(" identified by password "), f.Literal(*u.password);
      break;
    case AuthKind::kRandom:
      f.Put(" identified by random password");
      break;
    case AuthKind::kPlugin:
      f.Put(u.via ? " identified via " : " identified with ");
      for (uint32_t i = 0; i < u.plugins.size; ++i) {
        if (i > 0) f.Put(" or ");
        Plugin(f, u.plugins[i]);
      }
      break;
  }
  if (u.replace != nullptr) f.Put(" replace "), f.Literal(*u.replace);
  if (u.retain) f.Put(" retain current password");
}

// MySQL multi-factor parts of a spec.
void Factors(Formatter& f, const UserSpec& u) {
  for (const UserSpec* a = u.and_factor; a != nullptr; a = a->and_factor) {
    f.Put(" and");
    Auth(f, *a);
  }
  if (u.initial != nullptr) {
    f.Put(" initial authentication");
    Auth(f, *u.initial);
  }
  for (const FactorOp& op : u.factor_ops) {
    f.Put(" "), f.Put(op.verb), f.Put(" "), f.Put(op.factor);
    f.Put(" factor");
    if (op.auth != nullptr) Auth(f, *op.auth);
  }
  if (!u.registration.empty()) {
    f.Put(" "), f.Put(u.registration_factor), f.Put(" factor ");
    f.Put(u.registration);
    if (u.registration != "unregister") f.Put(" registration");
    if (u.challenge != nullptr) {
      f.Put(" set challenge_response as "), f.Literal(*u.challenge);
    }
  }
}

void Spec(Formatter& f, const UserSpec& u) {
  if (u.user_function) {
    f.Put("user()");
  } else {
    f.UserName(u.user);
  }
  Auth(f, u);
  Factors(f, u);
  if (u.discard_old) f.Put(" discard old password");
}

const char* TlsWord(TlsKind k) {
  switch (k) {
    case TlsKind::kSsl:
      return "ssl";
    case TlsKind::kX509:
      return "x509";
    case TlsKind::kIssuer:
      return "issuer";
    case TlsKind::kSubject:
      return "subject";
    case TlsKind::kCipher:
      return "cipher";
  }
  return "";
}

void Option(Formatter& f, const AccountOption& o) {
  switch (o.kind) {
    case AccountOptionKind::kExpire:
      f.Put("password expire");
      if (!o.value.empty()) f.Put(" "), f.Put(o.value);
      return;
    case AccountOptionKind::kExpireInterval:
      f.Put("password expire interval "), f.Put(o.value), f.Put(" day");
      return;
    case AccountOptionKind::kHistory:
      f.Put("password history "), f.Put(o.value);
      return;
    case AccountOptionKind::kReuseInterval:
      f.Put("password reuse interval "), f.Put(o.value);
      if (o.value != "default") f.Put(" day");
      return;
    case AccountOptionKind::kRequireCurrent:
      f.Put("password require current");
      if (!o.value.empty()) f.Put(" "), f.Put(o.value);
      return;
    case AccountOptionKind::kFailedLogins:
      f.Put("failed_login_attempts "), f.Put(o.value);
      return;
    case AccountOptionKind::kLockTime:
      f.Put("password_lock_time "), f.Put(o.value);
      return;
    case AccountOptionKind::kLock:
      f.Put("account lock");
      return;
    case AccountOptionKind::kUnlock:
      f.Put("account unlock");
      return;
    case AccountOptionKind::kComment:
      f.Put("comment "), f.Literal(*o.text);
      return;
    case AccountOptionKind::kAttribute:
      f.Put("attribute "), f.Literal(*o.text);
      return;
  }
}

void User(Formatter& f, const UserStmt& s) {
  f.Put(s.verb == AccountVerb::kCreate ? "create " : "alter ");
  if (s.or_replace) f.Put("or replace ");
  f.Put(s.role ? "role " : "user ");
  if (s.if_not_exists) f.Put("if not exists ");
  if (s.if_exists) f.Put("if exists ");
  for (uint32_t i = 0; i < s.users.size; ++i) {
    if (i > 0) f.Put(", ");
    Spec(f, s.users[i]);
  }
  if (s.has_admin) f.Put(" with admin "), f.UserName(s.admin);
  if (s.default_roles.size > 0)
    f.Put(" default role "), f.UserNames(s.default_roles);
  if (!s.default_role_word.empty())
    f.Put(" default role "), f.Put(s.default_role_word);
  if (s.require) {
    f.Put(" require");
    if (s.tls.size == 0) f.Put(" none");
    for (uint32_t i = 0; i < s.tls.size; ++i) {
      f.Put(i == 0 ? " " : " and ");
      f.Put(TlsWord(s.tls[i].kind));
      if (s.tls[i].value != nullptr) f.Put(" "), f.Literal(*s.tls[i].value);
    }
  }
  if (s.limits.size > 0) f.Put(" with");
  for (const ResourceLimit& l : s.limits) {
    f.Put(" "), f.Put(l.name), f.Put(" "), f.Put(l.value);
  }
  for (const AccountOption& o : s.options) f.Put(" "), Option(f, o);
}

}  // namespace

void Formatter::Account(const OtherStmt& s) {
  const auto& a = static_cast<const AccountStmt&>(s);
  switch (a.verb) {
    case AccountVerb::kDrop: {
      const auto& d = static_cast<const DropUserStmt&>(s);
      Put(d.role ? "drop role " : "drop user ");
      if (d.if_exists) Put("if exists ");
      UserNames(d.users);
      return;
    }
    case AccountVerb::kRename: {
      const auto& r = static_cast<const RenameUserStmt&>(s);
      Put("rename user ");
      for (uint32_t i = 0; i < r.from.size; ++i) {
        if (i > 0) Put(", ");
        UserName(r.from[i]), Put(" to "), UserName(r.to[i]);
      }
      return;
    }
    default:
      User(*this, static_cast<const UserStmt&>(s));
      return;
  }
}

void Formatter::SetPassword(const sql::SetPassword& p) {
  Put("password");
  if (p.has_for) Put(" for "), UserName(p.user);
  if (p.value == nullptr) {
    Put(" to random");
    return;
  }
  Put(" = ");
  Expr(p.value);
  if (p.replace != nullptr) Put(" replace "), Literal(*p.replace);
  if (p.retain) Put(" retain current password");
}

}  // namespace tessera::sql
