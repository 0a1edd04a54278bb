// Formatting of SET ROLE / SET DEFAULT ROLE and account names.
#include "absl/strings/match.h"
#include "lib/sql/formatter_internal.h"

namespace tessera::sql {

void Formatter::UserName(const sql::UserName& u) {
  // Account names are case sensitive: only CURRENT_USER is a keyword.
  if (u.parens || absl::EqualsIgnoreCase(u.name, "current_user")) {
    Put("current_user");
  } else {
    Put(u.name);
  }
  if (u.parens) Put("()");
  Put(u.host);
}

void Formatter::UserNames(const List<sql::UserName>& users) {
  for (uint32_t i = 0; i < users.size; ++i) {
    if (i > 0) Put(", ");
    UserName(users[i]);
  }
}

void Formatter::SetRole(const sql::SetRole& r) {
  Put(r.default_role ? "set default role " : "set role ");
  switch (r.mode) {
    case RoleMode::kList:
      UserNames(r.roles);
      break;
    case RoleMode::kNone:
      Put("none");
      break;
    case RoleMode::kDefault:
      Put("default");
      break;
    case RoleMode::kAll:
      Put("all");
      break;
    case RoleMode::kAllExcept:
      Put("all except ");
      UserNames(r.roles);
      break;
  }
  if (r.users.size > 0) {
    Put(r.for_user ? " for " : " to ");
    UserNames(r.users);
  }
}

}  // namespace tessera::sql
