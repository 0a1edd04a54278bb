#include "lib/gateway/gateway_test_env.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/mysql/scramble.h"
#include "lib/router/mysql_session.h"
#include "lib/router/router_impl.h"
#include "lib/router/router_metrics.h"
#include "lib/testing/sql_client.h"

namespace tessera::gateway {
namespace {

std::string UsersJson() {
  using mysql::MakeSha2Verifier;
  using mysql::NativeHashText;
  return absl::StrCat(
      "{\"users\": [\n", UserEntryJson("app", "app-pw", 1000), ",\n",
      "{\"user\": \"shauser\", \"caching_sha2_password\": \"",
      MakeSha2Verifier("sha-pw", 1000), "\"},\n",
      "{\"user\": \"limited\", \"native_password\": \"",
      NativeHashText("lim-pw"), "\", \"keyspaces\": [\"allowed\"]},\n",
      "{\"user\": \"elsewhere\", \"native_password\": \"", NativeHashText("x"),
      "\", \"hosts\": [\"10.9.9.9\"]}\n]}\n");
}

}  // namespace

absl::StatusOr<std::unique_ptr<GatewayTestEnv>> StartGatewayTestEnv(
    RateLimiterOptions limits, int worker_threads, int threads_per_io_context,
    std::function<void(GatewayOptions&)> customize) {
  auto env = std::make_unique<GatewayTestEnv>();
  testing::MariadbOptions mo;
  mo.extra_config = {"max_allowed_packet=64M"};
  auto db = testing::MariadbFixture::Start(mo);
  if (!db.ok()) return db.status();
  env->db = std::move(*db);
  absl::Status s = testing::Exec(env->db->primary(0),
                                 "CREATE DATABASE allowed; CREATE DATABASE "
                                 "other; CREATE DATABASE sbtest");
  if (!s.ok()) return s;

  const char* tmp = std::getenv("TEST_TMPDIR");
  env->dir = absl::StrCat(tmp ? tmp : "/tmp", "/gateway_env");
  std::string mk = absl::StrCat("mkdir -p ", env->dir);
  if (std::system(mk.c_str()) != 0) return absl::InternalError("mkdir");
  std::string cert = absl::StrCat(
      "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 2 "
      "-keyout ",
      env->dir, "/key.pem -out ", env->dir, "/cert.pem >/dev/null 2>&1");
  if (std::system(cert.c_str()) != 0) return absl::InternalError("openssl");
  std::ofstream(env->dir + "/users.json") << UsersJson();

  GatewayOptions o;
  o.server.host = "127.0.0.1";
  o.server.port = 0;
  o.server.io_threads = 2;
  o.server.worker_threads = worker_threads;
  o.server.threads_per_io_context = threads_per_io_context;
  o.server.tls.cert_file = env->dir + "/cert.pem";
  o.server.tls.key_file = env->dir + "/key.pem";
  o.backend.host = env->db->primary(0).host;
  o.backend.port = env->db->primary(0).port;
  o.backend.user = env->db->primary(0).user;
  o.backend.password = env->db->primary(0).password;
  o.users_file = env->dir + "/users.json";
  o.login_limits = limits;
  if (customize) customize(o);
  auto gateway = Gateway::Start(std::move(o));
  if (!gateway.ok()) return gateway.status();
  env->gateway = std::move(*gateway);
  return env;
}

RouterGatewayEnv::~RouterGatewayEnv() {
  if (gateway != nullptr) gateway->Stop();
  gateway.reset();
  sessions.reset();
  router.reset();
}

MYSQL* RouterGatewayEnv::Connect(bool local_infile) const {
  std::string error;
  ClientOptions o;
  o.db = "commerce";
  o.local_infile = local_infile;
  o.multi_statements = false;
  MYSQL* c = ConnectClient(port(), "root", "tessera", o, &error);
  if (c == nullptr) ADD_FAILURE() << error;
  return c;
}

absl::StatusOr<std::unique_ptr<RouterGatewayEnv>> StartRouterGatewayEnv(
    const RouterGatewayOptions& options) {
  auto env = std::make_unique<RouterGatewayEnv>();
  auto db = testing::MariadbFixture::Start({.shards = options.servers});
  if (!db.ok()) return db.status();
  env->db = std::move(*db);
  for (int i = 0; i < options.servers; ++i) {
    const testing::MariadbServer& server = env->db->primary(i);
    absl::Status s = testing::Exec(server, "CREATE DATABASE commerce");
    if (s.ok() && !options.tables.empty()) {
      s = testing::Exec(server, options.tables, "commerce");
    }
    if (!s.ok()) return s;
  }
  RouterOptions ro;
  ro.vschema_json = options.vschema_json;
  ro.user = env->db->primary(0).user;
  ro.password = env->db->primary(0).password;
  ro.shards = {{"commerce", "-80", "127.0.0.1", env->db->primary(0).port},
               {"commerce", "80-", "127.0.0.1", env->db->primary(1).port}};
  for (const auto& extra : options.extra_shards) {
    ro.shards.push_back({extra.keyspace, extra.shard, "127.0.0.1",
                         env->db->primary(extra.server).port});
  }
  if (options.customize_router) options.customize_router(ro);
  auto router = Router::Create(ro);
  if (!router.ok()) return router.status();
  env->router = std::move(*router);
  env->sessions = router::NewRouterSessionFactory(env->router.get());

  const char* tmp = std::getenv("TEST_TMPDIR");
  env->dir = absl::StrCat(tmp ? tmp : "/tmp", "/router_gateway_env");
  std::string mk = absl::StrCat("mkdir -p ", env->dir);
  if (std::system(mk.c_str()) != 0) return absl::InternalError("mkdir");
  std::ofstream(env->dir + "/users.json")
      << "{\"users\": [" << UserEntryJson("root", "tessera", 1000) << "]}";
  GatewayOptions o;
  o.server.port = 0;
  o.server.io_threads = 2;
  o.users_file = env->dir + "/users.json";
  o.factory = env->sessions.get();
  if (auto* impl = dynamic_cast<router::RouterImpl*>(env->router.get())) {
    o.extra_metrics = [impl] { return router::RouterMetricsText(*impl); };
  }
  if (options.customize_gateway) options.customize_gateway(o);
  auto gateway = Gateway::Start(std::move(o));
  if (!gateway.ok()) return gateway.status();
  env->gateway = std::move(*gateway);
  return env;
}

MYSQL* ConnectClient(int port, const char* user, const char* password,
                     const ClientOptions& o, std::string* error) {
  MYSQL* m = mysql_init(nullptr);
  unsigned int timeout = 30;
  mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &timeout);
  mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &timeout);
  unsigned long max_packet = 256ul << 20;
  mysql_options(m, MYSQL_OPT_MAX_ALLOWED_PACKET, &max_packet);
  my_bool on = 1, off = 0;
  if (o.tls) {
    mysql_ssl_set(m, nullptr, nullptr, nullptr, nullptr, nullptr);
    mysql_options(m, MYSQL_OPT_SSL_ENFORCE, &on);
    mysql_options(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &off);
  } else {
    mysql_options(m, MYSQL_OPT_SSL_ENFORCE, &off);
  }
  if (o.compress) mysql_options(m, MYSQL_OPT_COMPRESS, nullptr);
  if (o.bind_address) mysql_options(m, MYSQL_OPT_BIND, o.bind_address);
  if (o.plugin) mysql_options(m, MYSQL_DEFAULT_AUTH, o.plugin);
  unsigned int local_infile = o.local_infile ? 1 : 0;
  mysql_options(m, MYSQL_OPT_LOCAL_INFILE, &local_infile);
  if (!mysql_real_connect(m, "127.0.0.1", user, password, o.db, port, nullptr,
                          o.multi_statements ? CLIENT_MULTI_STATEMENTS : 0)) {
    *error = absl::StrCat(mysql_errno(m), " ", mysql_error(m));
    mysql_close(m);
    return nullptr;
  }
  return m;
}

std::vector<std::vector<std::string>> QueryRows(MYSQL* m,
                                                const std::string& sql) {
  std::vector<std::vector<std::string>> out;
  if (mysql_real_query(m, sql.data(), sql.size()) != 0) {
    return {{absl::StrCat("ERR ", mysql_errno(m))}};
  }
  MYSQL_RES* res = mysql_store_result(m);
  // An error after the result's metadata (a killed statement, a result
  // over the gateway's limits, as a streaming server sends it) is an error
  // too.
  if (!res && mysql_errno(m) != 0) {
    return {{absl::StrCat("ERR ", mysql_errno(m))}};
  }
  if (!res) return out;
  unsigned n = mysql_num_fields(res);
  while (MYSQL_ROW row = mysql_fetch_row(res)) {
    unsigned long* lengths = mysql_fetch_lengths(res);
    std::vector<std::string> r;
    for (unsigned i = 0; i < n; ++i) {
      r.push_back(row[i] ? std::string(row[i], lengths[i]) : "NULL");
    }
    out.push_back(std::move(r));
  }
  mysql_free_result(res);
  while (mysql_next_result(m) == 0) {
    if (MYSQL_RES* more = mysql_store_result(m)) mysql_free_result(more);
  }
  return out;
}

namespace {

std::string ProcesslistWhere(const std::string& needle) {
  return absl::StrCat(
      " FROM information_schema.processlist WHERE command = 'Query' AND "
      "info LIKE '%",
      needle, "%' AND info NOT LIKE '%processlist%'");
}

}  // namespace

int BackendQueriesRunning(const testing::MariadbServer& server,
                          const std::string& needle) {
  auto rows = testing::Query(
      server, absl::StrCat("SELECT COUNT(*)", ProcesslistWhere(needle)));
  return rows.ok() && !rows->empty() && (*rows)[0][0].has_value()
             ? std::stoi(*(*rows)[0][0])
             : -1;
}

void KillBackendQueries(const testing::MariadbServer& server,
                        const std::string& needle) {
  auto rows = testing::Query(
      server, absl::StrCat("SELECT id", ProcesslistWhere(needle)));
  if (!rows.ok()) return;
  for (const auto& row : *rows) {
    if (row[0].has_value()) {
      (void)testing::Exec(server, absl::StrCat("KILL QUERY ", *row[0]));
    }
  }
}

std::string RunCommand(const std::string& command, int* exit_code) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) {
    *exit_code = -1;
    return out;
  }
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), p)) > 0) out.append(buf, n);
  int status = pclose(p);
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

}  // namespace tessera::gateway
