// Helpers to build backend statements.
#ifndef TESSERA_LIB_MYSQL_CLIENT_QUERY_H_
#define TESSERA_LIB_MYSQL_CLIENT_QUERY_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/mysql/client/connection.h"
#include "lib/sqltypes/bind_vars.h"

namespace tessera::mysql {

// `sql` with bind variables substituted, escaped for `conn`'s sql_mode,
// and, when `timeout` is positive, wrapped as MariaDB's
// "SET STATEMENT max_statement_time=<s> FOR <sql>" so the server stops the
// statement (error 1969 70100) when it runs too long.
absl::StatusOr<std::string> BuildQuery(const BackendConnection& conn,
                                       absl::string_view sql,
                                       const sqltypes::BindVars& vars,
                                       absl::Duration timeout);

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_CLIENT_QUERY_H_
