#include "lib/gateway/keyspace_access.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"

namespace tessera::gateway {

bool KeyspaceAllowed(const std::vector<std::string>& keyspaces,
                     absl::string_view db) {
  return db.empty() || keyspaces.empty() ||
         std::find(keyspaces.begin(), keyspaces.end(), db) != keyspaces.end();
}

absl::Status DbAccessDenied(absl::string_view user, absl::string_view db) {
  return MysqlError(er::kDbAccessDenied, "42000",
                    absl::StrCat("Access denied for user '", user,
                                 "' to database '", db, "'"));
}

bool ParseUseStatement(absl::string_view sql, std::string* database) {
  absl::string_view s = absl::StripLeadingAsciiWhitespace(sql);
  if (s.size() < 4 || !absl::EqualsIgnoreCase(s.substr(0, 3), "use") ||
      !absl::ascii_isspace(static_cast<unsigned char>(s[3]))) {
    return false;
  }
  s = absl::StripAsciiWhitespace(s.substr(4));
  while (!s.empty() && s.back() == ';') {
    s.remove_suffix(1);
    s = absl::StripTrailingAsciiWhitespace(s);
  }
  std::string name;
  if (!s.empty() && s[0] == '`') {
    for (size_t i = 1; i < s.size(); ++i) {
      if (s[i] == '`') {
        if (i + 1 < s.size() && s[i + 1] == '`') {
          name.push_back('`');
          ++i;
          continue;
        }
        break;
      }
      name.push_back(s[i]);
    }
  } else {
    name = std::string(s);
  }
  *database = name;
  return true;
}

absl::Status CheckUseStatement(absl::string_view sql, absl::string_view user,
                               const std::vector<std::string>& keyspaces) {
  std::string db;
  if (keyspaces.empty() || !ParseUseStatement(sql, &db) ||
      KeyspaceAllowed(keyspaces, db)) {
    return absl::OkStatus();
  }
  return DbAccessDenied(user, db);
}

}  // namespace tessera::gateway
