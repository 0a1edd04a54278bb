// A running gateway: the MySQL protocol server, the users file
// authenticator and (until the router exists) the passthrough session to one
// backend MariaDB. services/gateway and the integration tests build one.
//
// Thread safety: ReloadUsers and the accessors may be called from any
// thread; Stop from the owner.
#ifndef TESSERA_LIB_GATEWAY_GATEWAY_H_
#define TESSERA_LIB_GATEWAY_GATEWAY_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "lib/gateway/authenticator.h"
#include "lib/gateway/passthrough_session.h"
#include "lib/mysql/server.h"

namespace tessera::gateway {

struct GatewayOptions {
  mysql::ServerOptions server;
  BackendOptions backend;
  std::string users_file;
  RateLimiterOptions login_limits;
  // When set, sessions come from here (e.g. the router,
  // lib/router/mysql_session.h) instead of the passthrough to `backend`.
  // Must outlive the Gateway.
  mysql::SessionFactory* factory = nullptr;
};

class Gateway {
 public:
  // Loads the users file and starts listening. Errors: the users file's
  // (NotFound, InvalidArgument), the server's (bad TLS files, port in use).
  static absl::StatusOr<std::unique_ptr<Gateway>> Start(GatewayOptions options);
  ~Gateway();

  // Re-reads the users file (SIGHUP); on error the old users stay.
  absl::Status ReloadUsers();
  int port() const { return server_->port(); }
  mysql::ServerStats stats() const { return server_->stats(); }
  void Stop() { server_->Stop(); }

 private:
  Gateway(GatewayOptions options, UserTable users);

  GatewayOptions options_;
  GatewayAuthenticator authenticator_;
  PassthroughSessionFactory factory_;
  std::unique_ptr<mysql::Server> server_;
};

// Splits "host:port" ("[::1]:3306" for IPv6). InvalidArgument otherwise.
absl::Status ParseHostPort(absl::string_view text, std::string* host,
                           int* port);

// A users-file entry for `user` with both hashes of `password`, as JSON.
std::string UserEntryJson(absl::string_view user, absl::string_view password,
                          int sha2_iterations);

}  // namespace tessera::gateway

#endif  // TESSERA_LIB_GATEWAY_GATEWAY_H_
