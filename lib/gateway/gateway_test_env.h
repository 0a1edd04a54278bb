// Integration-test environment: a real mariadbd (//lib/testing:mariadb) and
// an in-process Gateway in front of it on a free loopback port, with TLS
// and a users file:
//   app / app-pw      both hashes, all keyspaces
//   shauser / sha-pw  caching_sha2_password only
//   limited / lim-pw  native only, keyspace "allowed" only
//   elsewhere / x     native only, hosts ["10.9.9.9"] (never matches)
// Databases "allowed" and "other" exist on the backend.
#ifndef TESSERA_LIB_GATEWAY_GATEWAY_TEST_ENV_H_
#define TESSERA_LIB_GATEWAY_GATEWAY_TEST_ENV_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/gateway/gateway.h"
#include "lib/mysql/session.h"
#include "lib/testing/mariadb_fixture.h"
#include "mariadb/mysql.h"
#include "tessera/router.h"

namespace tessera::gateway {

struct GatewayTestEnv {
  std::unique_ptr<testing::MariadbFixture> db;
  std::unique_ptr<Gateway> gateway;
  std::string dir;  // users file, certificate
  int port() const { return gateway->port(); }
};

// `limits` lets a test make the rate limiter strict; `worker_threads` is
// the server's (0: sessions run on the I/O threads); `customize` may change
// any other option before the gateway starts.
absl::StatusOr<std::unique_ptr<GatewayTestEnv>> StartGatewayTestEnv(
    RateLimiterOptions limits = {}, int worker_threads = 8,
    int threads_per_io_context = 1,
    std::function<void(GatewayOptions&)> customize = {});

// Router mode: `servers` mariadbd instances (each with a `commerce`
// database and `tables` created in it), a tessera::Router over them
// (commerce/-80 on server 0, commerce/80- on server 1, plus
// `extra_shards`), the router's session factory and a Gateway in front on
// a free loopback port (no TLS; /metrics gets the router's metrics); one
// user, root / tessera, all keyspaces.
struct RouterGatewayOptions {
  int servers = 2;
  std::string vschema_json;
  std::string tables;  // SQL run in `commerce` on every server
  struct ExtraShard {
    std::string keyspace;
    std::string shard;
    int server = 0;
  };
  std::vector<ExtraShard> extra_shards;
  std::function<void(RouterOptions&)> customize_router;
  std::function<void(GatewayOptions&)> customize_gateway;
};

struct RouterGatewayEnv {
  std::unique_ptr<testing::MariadbFixture> db;
  std::unique_ptr<Router> router;
  std::unique_ptr<mysql::SessionFactory> sessions;
  std::unique_ptr<Gateway> gateway;
  std::string dir;  // users file
  int port() const { return gateway->port(); }
  // A libmariadb client of the gateway as root in `commerce` (no
  // CLIENT_MULTI_STATEMENTS); nullptr and a test failure if it cannot log in.
  MYSQL* Connect(bool local_infile = false) const;
  // Stops the gateway before what it uses goes.
  ~RouterGatewayEnv();
};

absl::StatusOr<std::unique_ptr<RouterGatewayEnv>> StartRouterGatewayEnv(
    const RouterGatewayOptions& options);

struct ClientOptions {
  const char* db = nullptr;
  bool tls = false;
  bool compress = false;
  const char* bind_address = nullptr;  // source address, e.g. "127.0.0.2"
  const char* plugin = nullptr;
  bool local_infile = false;     // MYSQL_OPT_LOCAL_INFILE
  bool multi_statements = true;  // CLIENT_MULTI_STATEMENTS
};

// Connects with libmariadb; nullptr on failure with *error set to
// "<errno> <message>".
MYSQL* ConnectClient(int port, const char* user, const char* password,
                     const ClientOptions& options, std::string* error);

// Rows of the first result as text ("NULL" for NULL) or {"ERR <errno>"}.
std::vector<std::vector<std::string>> QueryRows(MYSQL* m,
                                                const std::string& sql);

// How many queries whose text contains `needle` (LIKE, case-insensitive)
// `server` runs now (-1 if it cannot tell); KillBackendQueries kills them.
int BackendQueriesRunning(const testing::MariadbServer& server,
                          const std::string& needle);
void KillBackendQueries(const testing::MariadbServer& server,
                        const std::string& needle);

// Runs a shell command, returns its stdout; *exit_code gets the status.
std::string RunCommand(const std::string& command, int* exit_code);

}  // namespace tessera::gateway

#endif  // TESSERA_LIB_GATEWAY_GATEWAY_TEST_ENV_H_
