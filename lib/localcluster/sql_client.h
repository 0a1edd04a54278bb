// Minimal libmariadb helpers for setting up servers and for tests: run
// statements and read small results as text. Not for the query path (see
// lib/mysql/client).
#ifndef TESSERA_LIB_LOCALCLUSTER_SQL_CLIENT_H_
#define TESSERA_LIB_LOCALCLUSTER_SQL_CLIENT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::localcluster {

// Where a MariaDB server listens and how to log in.
struct MariadbServer {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string user = "root";
  std::string password = "tessera";
  std::string dir;     // instance directory (config, data, logs)
  std::string socket;  // Unix socket; used instead of TCP when set
};

using TextRow = std::vector<std::optional<std::string>>;

// Runs one or more `;`-separated statements, discarding results. Errors carry
// the server's errno and SQLSTATE (lib/base/mysql_error.h).
absl::Status Exec(const MariadbServer& server, absl::string_view sql,
                  absl::string_view db = "");
// Runs one statement and returns its rows as text (NULL → nullopt).
absl::StatusOr<std::vector<TextRow>> Query(const MariadbServer& server,
                                           absl::string_view sql,
                                           absl::string_view db = "");
// Whether the server accepts a login and answers a ping.
absl::Status Ping(const MariadbServer& server);

}  // namespace tessera::localcluster

#endif  // TESSERA_LIB_LOCALCLUSTER_SQL_CLIENT_H_
