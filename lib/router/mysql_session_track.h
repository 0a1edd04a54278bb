// Session state tracking for the router behind the MySQL server: what a
// statement the router ran changed, as mysql::SessionStateChanges for the
// OK packet of clients with CLIENT_SESSION_TRACK.
#ifndef TESSERA_LIB_ROUTER_MYSQL_SESSION_TRACK_H_
#define TESSERA_LIB_ROUTER_MYSQL_SESSION_TRACK_H_

#include "absl/strings/string_view.h"
#include "lib/mysql/session.h"
#include "lib/sql/parser.h"

namespace tessera::router {

// Adds the system variables a successful SET statement changed to `out`:
// every `SET [SESSION] name = literal` (name lower-cased without @@ or
// scope; a quoted value unquoted; autocommit as ON/OFF; sql_mode
// upper-cased), and for SET NAMES / SET CHARACTER SET the
// character_set_client/connection/results they imply (as MariaDB reports
// them: collation_connection only when set by name). A value the router cannot
// know without asking a shard (DEFAULT, an expression) is left out; the
// state-change flag is set either way.
void TrackSet(const sql::ParsedStatement& stmt,
              mysql::SessionStateChanges* out);

// Parses `sql` if it is a SET statement and tracks it (no-op otherwise).
void TrackStatement(absl::string_view sql, mysql::SessionStateChanges* out);

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_MYSQL_SESSION_TRACK_H_
