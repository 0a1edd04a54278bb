// SET ROLE / SET DEFAULT ROLE and account names.
#include "lib/sql/parse_ext.h"

namespace tessera::sql {

bool ParseUserName(Parser& p, UserName* out) {
  const Token& t = p.Peek();
  if (t.kind == Tok::kIdent && t.kw == KW_CURRENT_USER) {
    out->name = p.Text(p.Next());
    if (p.Is(Tok::kLParen) && p.Is(Tok::kRParen, 1)) {
      p.Next(), p.Next();
      out->parens = true;
    }
    return true;
  }
  if (t.kind == Tok::kString || t.kind == Tok::kQuotedIdent) {
    out->name = p.Text(p.Next());
  } else if (p.IsIdent()) {
    out->name = p.Text(p.Next());
  } else {
    return p.Fail();
  }
  if (p.Is(Tok::kUserVar)) out->host = p.Text(p.Next());
  return true;
}

bool ParseUserList(Parser& p, List<UserName>* out) {
  Vec<UserName> v;
  do {
    UserName u;
    if (!ParseUserName(p, &u)) return false;
    v.push_back(u);
  } while (p.Accept(Tok::kComma));
  *out = p.ToList(v);
  return true;
}

Stmt* ParseSetRole(Parser& p) {
  auto* s = p.New<SetStmt>();
  auto* r = p.New<SetRole>();
  s->role = r;
  r->default_role = p.AcceptKw(KW_DEFAULT);
  p.Next();  // ROLE
  if (p.AcceptWord("none")) {
    r->mode = RoleMode::kNone;
  } else if (!r->default_role && p.AcceptKw(KW_DEFAULT)) {
    r->mode = RoleMode::kDefault;
  } else if (p.AcceptKw(KW_ALL)) {
    r->mode = RoleMode::kAll;
    if (!r->default_role && p.AcceptKw(KW_EXCEPT)) {
      r->mode = RoleMode::kAllExcept;
      if (!ParseUserList(p, &r->roles)) return nullptr;
    }
  } else if (!ParseUserList(p, &r->roles)) {
    return nullptr;
  }
  if (r->default_role) {
    if (p.AcceptKw(KW_FOR)) {
      r->for_user = true;
    } else if (!p.AcceptKw(KW_TO)) {
      return s;  // MariaDB: the current user
    }
    if (!ParseUserList(p, &r->users)) return nullptr;
  }
  return s;
}

}  // namespace tessera::sql
