// tessera-gateway: MySQL-protocol front end. Flags, wiring and signals only;
// the logic lives in lib/gateway and lib/mysql. See docs/gateway.md.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/base/args.h"
#include "lib/base/logging.h"
#include "lib/gateway/gateway.h"
#include "lib/router/mysql_session.h"
#include "lib/router/router_impl.h"
#include "lib/router/router_metrics.h"
#include "tessera/router.h"

namespace {

using tessera::Args;

void AddFlags(Args& a) {
  a.AddString("listen", "127.0.0.1:15306", "address clients connect to");
  a.AddString("backend", "127.0.0.1:3306", "backend MariaDB host:port");
  a.AddString("backend-user", "root", "backend account");
  a.AddString("passthrough", "relay",
              "without --vschema: relay (packets forwarded on the I/O "
              "thread) or session (libmariadb on the workers)");
  a.AddString("backend-password", "",
              "backend password (or env TESSERA_BACKEND_PASSWORD)");
  a.AddString("users", "", "users file (JSON with hashes; reloaded on SIGHUP)");
  a.AddString("tls-cert", "", "server certificate (PEM); enables TLS");
  a.AddString("tls-key", "", "server private key (PEM)");
  a.AddString("tls-ca", "", "CA bundle to verify client certificates");
  a.AddString("tls-crl", "",
              "PEM certificate revocation lists for client certificates "
              "(needs --tls-ca)");
  a.AddBool("require-secure-transport", false, "refuse plaintext clients");
  a.AddBool("rsa-key-exchange", true,
            "let plaintext clients complete caching_sha2_password with RSA "
            "(the key is generated on first use unless --rsa-private-key)");
  a.AddString("rsa-private-key", "",
              "PEM RSA private key for the RSA key exchange (stable across "
              "restarts)");
  a.AddBool("backend-tls", false,
            "TLS (required) from the gateway to its backend(s)");
  a.AddString("backend-tls-ca", "",
              "CA bundle verifying the backends' certificates (PEM)");
  a.AddString("backend-tls-cert", "",
              "client certificate the gateway shows its backends (PEM)");
  a.AddString("backend-tls-key", "", "key of --backend-tls-cert (PEM)");
  a.AddBool("backend-tls-verify-server", true,
            "check that a backend's certificate names its host");
  a.AddBool("compression", true, "offer zlib protocol compression");
  a.AddBool("allow-local-infile", false,
            "accept LOAD DATA LOCAL INFILE (passthrough mode)");
  a.AddInt("max-local-infile-bytes", 64 << 20,
           "largest file LOAD DATA LOCAL INFILE may send, bytes");
  a.AddInt("max-connections", 1000, "client connections at once");
  a.AddInt("idle-timeout", 28800, "seconds a client may stay idle");
  a.AddInt("max-packet-size", 64 << 20, "largest client packet, bytes");
  a.AddInt("max-prepared-statements", 1024, "per connection");
  a.AddInt("io-threads", 0, "network threads (0: one per core)");
  a.AddInt("worker-threads", 32,
           "threads running backend calls (0: inline on the I/O threads)");
  a.AddInt("inline-threshold-us", 1000,
           "connections whose recent backend calls were all this fast run "
           "them inline on their I/O thread (0: always use the workers)");
  a.AddInt("threads-per-io-context", 1,
           "threads running each io_context (use >1 with worker-threads=0)");
  a.AddInt("login-free-failures", 5,
           "failed logins per address before backoff");
  a.AddInt("login-backoff-ms", 1000, "first backoff; doubles per failure");
  a.AddInt("login-max-backoff-ms", 300000, "backoff cap");
  a.AddString("version-string", "5.5.5-10.11.6-MariaDB-tessera",
              "server version sent to clients");
  a.AddString("log-level", "info", "trace, debug, info, warn, error, off");
  a.AddInt("http-port", -1,
           "HTTP port for /metrics, /healthz, /debug/queryz (-1: off)");
  a.AddString("http-host", "127.0.0.1", "HTTP listen address");
  a.AddInt("slow-query-ms", 100, "queries this slow appear in /debug/queryz");
  a.AddInt("query-timeout-ms", 0,
           "cancel statements running longer (0: no limit); 1969 70100");
  a.AddInt("drain-timeout", 10,
           "seconds running commands may take to finish at shutdown");
  a.AddInt("max-result-rows", 1000000,
           "largest result a statement may return, rows (0: no limit)");
  a.AddInt("max-result-bytes", 256 << 20,
           "largest result a statement may return, bytes (0: no limit)");
  a.AddString("vschema", "",
              "router mode: Vitess-format VSchema JSON file of every keyspace");
  a.AddString(
      "shards", "",
      "router mode: ks/shard[@replica|@rdonly]=host:port,... (the primary "
      "of every shard, and optionally replica tablets)");
  a.AddString("topo", "",
              "router mode from a topology (etcd://h:p/root, rocksdb:///dir): "
              "VSchemas and primaries are read and watched there");
  a.AddString("cell", "local", "topology cell whose serving graph is used");
  a.AddString("transaction-mode", "multi",
              "router transactions: single (one shard) or multi");
  a.AddBool("help", false, "print flags");
}

absl::StatusOr<tessera::gateway::GatewayOptions> OptionsFrom(const Args& a) {
  tessera::gateway::GatewayOptions o;
  absl::Status s = tessera::gateway::ParseHostPort(
      a.GetString("listen"), &o.server.host, &o.server.port);
  if (!s.ok()) return s;
  s = tessera::gateway::ParseHostPort(a.GetString("backend"), &o.backend.host,
                                      &o.backend.port);
  if (!s.ok()) return s;
  o.backend.user = a.GetString("backend-user");
  const std::string passthrough = a.GetString("passthrough");
  if (passthrough == "relay") {
    o.passthrough = tessera::gateway::PassthroughMode::kRelay;
  } else if (passthrough == "session") {
    o.passthrough = tessera::gateway::PassthroughMode::kSession;
  } else {
    return absl::InvalidArgumentError("--passthrough must be relay or session");
  }
  o.backend.password = a.GetString("backend-password");
  if (!a.IsSet("backend-password")) {
    if (const char* env = std::getenv("TESSERA_BACKEND_PASSWORD")) {
      o.backend.password = env;
    }
  }
  o.users_file = a.GetString("users");
  if (o.users_file.empty()) {
    return absl::InvalidArgumentError("--users is required");
  }
  o.server.tls.cert_file = a.GetString("tls-cert");
  o.server.tls.key_file = a.GetString("tls-key");
  o.server.tls.ca_file = a.GetString("tls-ca");
  o.server.tls.crl_file = a.GetString("tls-crl");
  o.server.tls.require_secure_transport = a.GetBool("require-secure-transport");
  o.server.tls.rsa_key_exchange = a.GetBool("rsa-key-exchange");
  o.server.tls.rsa_private_key_file = a.GetString("rsa-private-key");
  o.backend.tls.enabled = a.GetBool("backend-tls");
  o.backend.tls.ca_file = a.GetString("backend-tls-ca");
  o.backend.tls.cert_file = a.GetString("backend-tls-cert");
  o.backend.tls.key_file = a.GetString("backend-tls-key");
  o.backend.tls.verify_server_certificate =
      a.GetBool("backend-tls-verify-server");
  if (!o.backend.tls.enabled &&
      (a.IsSet("backend-tls-ca") || a.IsSet("backend-tls-cert") ||
       a.IsSet("backend-tls-key"))) {
    return absl::InvalidArgumentError(
        "--backend-tls-ca/-cert/-key need --backend-tls");
  }
  o.server.allow_compression = a.GetBool("compression");
  o.server.allow_local_infile = a.GetBool("allow-local-infile");
  o.server.max_local_infile_bytes =
      static_cast<size_t>(a.GetInt("max-local-infile-bytes"));
  o.server.max_connections = static_cast<int>(a.GetInt("max-connections"));
  o.server.idle_timeout = absl::Seconds(a.GetInt("idle-timeout"));
  o.server.max_packet_size = static_cast<size_t>(a.GetInt("max-packet-size"));
  o.server.max_prepared_statements =
      static_cast<int>(a.GetInt("max-prepared-statements"));
  o.server.io_threads = static_cast<int>(a.GetInt("io-threads"));
  o.server.worker_threads = static_cast<int>(a.GetInt("worker-threads"));
  o.server.threads_per_io_context =
      static_cast<int>(a.GetInt("threads-per-io-context"));
  o.server.inline_threshold =
      absl::Microseconds(a.GetInt("inline-threshold-us"));
  o.server.server_version = a.GetString("version-string");
  o.http_port = static_cast<int>(a.GetInt("http-port"));
  o.http_host = a.GetString("http-host");
  o.slow_query_threshold = absl::Milliseconds(a.GetInt("slow-query-ms"));
  o.server.query_timeout = absl::Milliseconds(a.GetInt("query-timeout-ms"));
  o.server.drain_timeout = absl::Seconds(a.GetInt("drain-timeout"));
  o.backend.max_result_rows =
      static_cast<uint64_t>(a.GetInt("max-result-rows"));
  o.backend.max_result_bytes =
      static_cast<uint64_t>(a.GetInt("max-result-bytes"));
  o.login_limits.free_failures =
      static_cast<int>(a.GetInt("login-free-failures"));
  o.login_limits.base_backoff =
      absl::Milliseconds(a.GetInt("login-backoff-ms"));
  o.login_limits.max_backoff =
      absl::Milliseconds(a.GetInt("login-max-backoff-ms"));
  return o;
}

// The router for --vschema/--shards, with the backend credentials.
absl::StatusOr<std::unique_ptr<tessera::Router>> MakeRouter(
    const Args& a, const tessera::gateway::GatewayOptions& o) {
  tessera::RouterOptions ro;
  ro.user = o.backend.user;
  ro.password = o.backend.password;
  ro.tls = o.backend.tls;  // the same TLS settings for every shard
  // The router enforces the same limits itself (its own errors: 1104 for
  // results, its backend timeout for statements).
  if (o.backend.max_result_rows > 0) {
    ro.max_result_rows = o.backend.max_result_rows;
  }
  if (o.backend.max_result_bytes > 0) {
    ro.max_result_bytes = o.backend.max_result_bytes;
  }
  ro.query_timeout_ms = absl::ToInt64Milliseconds(o.server.query_timeout);
  const std::string mode = a.GetString("transaction-mode");
  if (mode == "single") {
    ro.transaction_mode = tessera::TransactionMode::kSingle;
  } else if (mode != "multi") {
    return absl::InvalidArgumentError(
        "--transaction-mode: expected single or multi, got " + mode);
  }
  if (!a.GetString("topo").empty()) {
    if (!a.GetString("vschema").empty() || !a.GetString("shards").empty()) {
      return absl::InvalidArgumentError(
          "--topo excludes --vschema and --shards");
    }
    ro.topo_url = a.GetString("topo");
    ro.cell = a.GetString("cell");
    return tessera::Router::Create(ro);
  }
  std::ifstream in(a.GetString("vschema"));
  if (!in) {
    return absl::NotFoundError("cannot read --vschema " +
                               a.GetString("vschema"));
  }
  std::stringstream ss;
  ss << in.rdbuf();
  ro.vschema_json = ss.str();
  for (absl::string_view part :
       absl::StrSplit(a.GetString("shards"), ',', absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> kv =
        absl::StrSplit(part, absl::MaxSplits('=', 1));
    std::pair<absl::string_view, absl::string_view> ks =
        absl::StrSplit(kv.first, absl::MaxSplits('/', 1));
    tessera::ShardAddress addr;
    addr.keyspace = std::string(ks.first);
    std::pair<absl::string_view, absl::string_view> shard_type =
        absl::StrSplit(ks.second, absl::MaxSplits('@', 1));
    addr.shard = std::string(shard_type.first);
    if (!shard_type.second.empty()) {
      addr.tablet_type = std::string(shard_type.second);
    }
    absl::Status s =
        tessera::gateway::ParseHostPort(kv.second, &addr.host, &addr.port);
    if (!s.ok() || addr.keyspace.empty() || addr.shard.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--shards: expected ks/shard[@type]=host:port, got '", part, "'"));
    }
    ro.shards.push_back(std::move(addr));
  }
  return tessera::Router::Create(ro);
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  AddFlags(args);
  absl::Status parsed =
      args.Parse(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed.ok() || args.GetBool("help")) {
    if (!parsed.ok())
      std::fprintf(stderr, "%s\n", std::string(parsed.message()).c_str());
    std::fprintf(stderr, "usage: tessera-gateway [flags]\n%s",
                 args.Usage().c_str());
    return parsed.ok() ? 0 : 2;
  }
  if (absl::Status s = tessera::SetLogLevel(args.GetString("log-level"));
      !s.ok()) {
    std::fprintf(stderr, "%s\n", std::string(s.message()).c_str());
    return 2;
  }
  auto options = OptionsFrom(args);
  if (!options.ok()) {
    std::fprintf(stderr, "tessera-gateway: %s\n",
                 std::string(options.status().message()).c_str());
    return 2;
  }
  // Signals are handled by sigwait below; block them in every thread.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGHUP);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // Router mode: shards behind the router; otherwise the passthrough.
  std::unique_ptr<tessera::Router> router;
  std::unique_ptr<tessera::mysql::SessionFactory> router_sessions;
  if (!args.GetString("vschema").empty() || !args.GetString("topo").empty()) {
    auto r = MakeRouter(args, *options);
    if (!r.ok()) {
      std::fprintf(stderr, "tessera-gateway: %s\n",
                   std::string(r.status().message()).c_str());
      return 2;
    }
    router = std::move(*r);
    router_sessions = tessera::router::NewRouterSessionFactory(router.get());
    options->factory = router_sessions.get();
    if (auto* impl = dynamic_cast<tessera::router::RouterImpl*>(router.get())) {
      options->extra_metrics = [impl] {
        return tessera::router::RouterMetricsText(*impl);
      };
    }
  }
  auto gateway = tessera::gateway::Gateway::Start(std::move(*options));
  if (!gateway.ok()) {
    TESSERA_LOG_ERROR("cannot start: {}", gateway.status().ToString());
    return 1;
  }
  TESSERA_LOG_INFO("tessera-gateway listening on {} (port {}), backend {}",
                   args.GetString("listen"), (*gateway)->port(),
                   args.GetString("backend"));
  if ((*gateway)->http_port() >= 0) {
    TESSERA_LOG_INFO("HTTP on {}:{} (/metrics, /healthz, /debug/queryz)",
                     args.GetString("http-host"), (*gateway)->http_port());
  }
  while (true) {
    int sig = 0;
    if (sigwait(&signals, &sig) != 0) continue;
    if (sig == SIGHUP) {
      absl::Status s = (*gateway)->ReloadUsers();
      if (s.ok()) {
        TESSERA_LOG_INFO("users file reloaded");
      } else {
        TESSERA_LOG_WARN("users file not reloaded: {}", s.ToString());
      }
      continue;
    }
    TESSERA_LOG_INFO("signal {}: draining, then stopping", sig);
    (*gateway)->Stop();
    TESSERA_LOG_INFO("stopped");
    return 0;
  }
}
