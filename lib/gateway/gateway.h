// A running gateway: the MySQL protocol server, the users file
// authenticator and (until the router exists) the passthrough session to one
// backend MariaDB. services/gateway and the integration tests build one.
//
// Thread safety: ReloadUsers and the accessors may be called from any
// thread; Stop from the owner.
#ifndef TESSERA_LIB_GATEWAY_GATEWAY_H_
#define TESSERA_LIB_GATEWAY_GATEWAY_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/gateway/authenticator.h"
#include "lib/gateway/http_server.h"
#include "lib/gateway/metrics.h"
#include "lib/gateway/passthrough_session.h"
#include "lib/gateway/query_log.h"
#include "lib/gateway/relay_session.h"
#include "lib/mysql/server.h"

namespace tessera::gateway {

// How the passthrough (no router) reaches its backend.
enum class PassthroughMode {
  // libmariadb session on a worker thread; results decoded and re-encoded,
  // prepared statements run as text (passthrough_session.h).
  kSession,
  // Packet relay on the connection's io_context (relay_session.h).
  kRelay,
};

struct GatewayOptions {
  mysql::ServerOptions server;
  BackendOptions backend;
  PassthroughMode passthrough = PassthroughMode::kSession;
  std::string users_file;
  RateLimiterOptions login_limits;
  // When set, sessions come from here (e.g. the router,
  // lib/router/mysql_session.h) instead of the passthrough to `backend`.
  // Must outlive the Gateway.
  mysql::SessionFactory* factory = nullptr;

  // Operational HTTP endpoints: /metrics (Prometheus), /healthz (200, or
  // 503 while draining), /debug/queryz (recent slow queries). -1: off;
  // 0: a free port (see http_port()).
  int http_port = -1;
  std::string http_host = "127.0.0.1";
  // Queries at least this slow are kept for /debug/queryz.
  absl::Duration slow_query_threshold = absl::Milliseconds(100);
  size_t slow_query_log_size = 100;
  // Appended to /metrics (e.g. the router's plan cache counters); must be
  // thread-safe and return Prometheus text. May be empty.
  std::function<std::string()> extra_metrics;
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
  // The HTTP port (after Start), or -1 when HTTP is off.
  int http_port() const { return http_ ? http_->port() : -1; }
  mysql::ServerStats stats() const { return server_->stats(); }
  const Metrics& metrics() const { return metrics_; }
  const QueryLog& query_log() const { return query_log_; }
  // Graceful: the MySQL server drains (see mysql::Server::Stop), /healthz
  // answers 503 meanwhile, then HTTP stops too.
  void Stop();

 private:
  Gateway(GatewayOptions options, UserTable users);
  HttpResponse ServeHttp(absl::string_view path) const;

  // Passes server events to the metrics and the query log.
  class Observers : public mysql::ServerObserver {
   public:
    Observers(Metrics* metrics, QueryLog* log) : metrics_(metrics), log_(log) {}
    void OnCommand(const mysql::CommandEvent& e) override {
      metrics_->OnCommand(e);
      log_->OnCommand(e);
    }

   private:
    Metrics* metrics_;
    QueryLog* log_;
  };

  GatewayOptions options_;
  GatewayAuthenticator authenticator_;
  PassthroughSessionFactory factory_;
  RelaySessionFactory relay_factory_;
  Metrics metrics_;
  QueryLog query_log_;
  Observers observers_;
  std::unique_ptr<mysql::Server> server_;
  std::unique_ptr<HttpServer> http_;
};

// Splits "host:port" ("[::1]:3306" for IPv6). InvalidArgument otherwise.
absl::Status ParseHostPort(absl::string_view text, std::string* host,
                           int* port);

// A users-file entry for `user` with both hashes of `password`, as JSON.
std::string UserEntryJson(absl::string_view user, absl::string_view password,
                          int sha2_iterations);

}  // namespace tessera::gateway

#endif  // TESSERA_LIB_GATEWAY_GATEWAY_H_
