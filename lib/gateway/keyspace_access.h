// A gateway user's keyspace restrictions (UserCredentials::allowed_keyspaces)
// as both passthrough sessions apply them to the default database: at login,
// on COM_INIT_DB and on a `USE db` statement. Statements naming other
// schemas are the backend's grants' business in passthrough.
#ifndef TESSERA_LIB_GATEWAY_KEYSPACE_ACCESS_H_
#define TESSERA_LIB_GATEWAY_KEYSPACE_ACCESS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace tessera::gateway {

// True if `db` may be the default database: empty `db`, or no restriction
// (empty `keyspaces`), or `db` is listed.
bool KeyspaceAllowed(const std::vector<std::string>& keyspaces,
                     absl::string_view db);

// 1044 (42000) "Access denied for user 'u' to database 'db'".
absl::Status DbAccessDenied(absl::string_view user, absl::string_view db);

// True if `sql` is a USE statement; *database gets its unquoted argument.
bool ParseUseStatement(absl::string_view sql, std::string* database);

// DbAccessDenied if `sql` is a USE of a database `user` may not select;
// OK otherwise (other statements included).
absl::Status CheckUseStatement(absl::string_view sql, absl::string_view user,
                               const std::vector<std::string>& keyspaces);

}  // namespace tessera::gateway

#endif  // TESSERA_LIB_GATEWAY_KEYSPACE_ACCESS_H_
