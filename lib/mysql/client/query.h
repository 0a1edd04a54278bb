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
// and, when `timeout` is positive or `statement_vars` ("a=1, b='x'") is not
// empty, wrapped as MariaDB's "SET STATEMENT <vars>, max_statement_time=<s>
// FOR <sql>": the variables hold for this statement only, and the server
// stops it (error 1969 70100) when it runs too long.
absl::StatusOr<std::string> BuildQuery(const BackendConnection& conn,
                                       absl::string_view sql,
                                       const sqltypes::BindVars& vars,
                                       absl::Duration timeout,
                                       absl::string_view statement_vars = "");

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_CLIENT_QUERY_H_
