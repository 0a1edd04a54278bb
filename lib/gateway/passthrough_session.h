// A Session that forwards every client session to one backend MariaDB over
// libmariadb: one backend connection per client connection, opened at login
// with the client's default database. This makes the gateway useful before
// the router exists, and exercises the protocol server end to end.
//
// Prepared statements are prepared once on the backend to learn their
// parameter count and result columns, then executed as text with the
// parameters inlined as SQL literals (what the router will do with bind
// variables). Keyspace restrictions apply to the default database
// (handshake and COM_INIT_DB); statements naming other schemas are the
// backend's grants' business in this mode.
//
// KILL QUERY and the server's query timeout reach the backend through the
// session's canceller: a short side connection sends KILL QUERY <backend
// thread id>, and the statement fails with the backend's 1317 (70100).
//
// A session is used by one thread at a time (mysql::Session contract); the
// factory and the cancellers are thread-safe.
#ifndef TESSERA_LIB_GATEWAY_PASSTHROUGH_SESSION_H_
#define TESSERA_LIB_GATEWAY_PASSTHROUGH_SESSION_H_

#include <memory>
#include <string>

#include "lib/mysql/session.h"
#include "tessera/router.h"

namespace tessera::gateway {

struct BackendOptions {
  std::string host = "127.0.0.1";
  int port = 3306;
  std::string user = "root";
  std::string password;
  int connect_timeout_seconds = 5;
  // Read/write timeout for one backend round trip (0: none).
  int io_timeout_seconds = 0;
  // Largest result set a statement may return, in rows and in bytes of
  // values (0: no limit); beyond it the statement fails with 1104 (42000)
  // and the rest of the result is discarded. Rows are streamed from the
  // backend, so the gateway never holds more than the limit.
  uint64_t max_result_rows = 0;
  uint64_t max_result_bytes = 0;
  // TLS to the backend (the session's connection and the KILL QUERY side
  // connection). When enabled, TLS is required: a backend that does not
  // offer it, or whose certificate does not verify against `ca_file` (and,
  // with verify_server_certificate, does not name the backend host), is
  // refused with client error 2026, reported as 1105.
  BackendTlsOptions tls;
};

class PassthroughSessionFactory : public mysql::SessionFactory {
 public:
  explicit PassthroughSessionFactory(BackendOptions options);

  // Errors: 1044 (42000) if the database is not among the user's keyspaces;
  // the backend's own error (e.g. 1049) if it refuses the connection.
  absl::StatusOr<std::unique_ptr<mysql::Session>> Create(
      const mysql::SessionContext& context) override;

 private:
  const BackendOptions options_;
};

}  // namespace tessera::gateway

#endif  // TESSERA_LIB_GATEWAY_PASSTHROUGH_SESSION_H_
