#include "lib/devcluster/gateway.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "lib/base/status_macros.h"
#include "lib/devcluster/sample.h"
#include "lib/gateway/gateway.h"
#include "lib/localcluster/process.h"
#include "lib/localcluster/sql_client.h"

namespace tessera::devcluster {

std::string DefaultGatewayBinary() {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "tessera-gateway";
  auto candidate =
      self.parent_path().parent_path() / "gateway" / "tessera-gateway";
  if (std::filesystem::exists(candidate, ec)) return candidate.string();
  return "tessera-gateway";
}

absl::Status StartGateway(localcluster::LocalCluster& cluster,
                          const GatewaySpec& spec, int* port) {
  const std::string& dir = cluster.spec().dir;
  std::string users = dir + "/users.json";
  {
    std::ofstream out(users, std::ios::trunc);
    out << "{\"users\": ["
        << gateway::UserEntryJson(spec.user, spec.password, 10000) << "]}\n";
    if (!out) return absl::InternalError("cannot write " + users);
  }
  *port = spec.port;
  if (*port == 0) {
    TESSERA_ASSIGN_OR_RETURN(*port, localcluster::PickFreePort());
  }
  std::string log = dir + "/gateway.log";
  std::vector<std::string> argv = {
      spec.binary,
      absl::StrCat("--listen=127.0.0.1:", *port),
      "--users=" + users,
      "--vschema=" + dir + "/vschema.json",
      "--shards=" + ShardsFlag(cluster),
      "--backend-user=root",
      "--backend-password=tessera",
      "--log-level=warn",
  };
  TESSERA_ASSIGN_OR_RETURN(
      auto process,
      localcluster::Subprocess::Start({argv, log, cluster.spec().detached}));
  absl::Status up = localcluster::WaitForPort(*port, absl::Seconds(30));
  if (!up.ok() || !process->Running()) {
    process->Kill();
    return absl::UnavailableError(absl::StrCat(
        "tessera-gateway did not start on port ", *port, "; see ", log));
  }
  localcluster::Component c;
  c.set_name("gateway");
  c.set_kind("gateway");
  c.set_role("router");
  c.set_host("127.0.0.1");
  c.set_port(*port);
  c.set_dir(dir);
  return cluster.AddComponent(std::move(c), std::move(process));
}

absl::Status LoadSampleData(const localcluster::LocalCluster& cluster,
                            int port) {
  localcluster::MariadbServer gw;
  gw.port = port;
  const std::string& ks = cluster.spec().keyspace;
  // Loaded once: a restarted cluster keeps its data (plain INSERTs, so the
  // router creates the email lookup rows).
  TESSERA_ASSIGN_OR_RETURN(
      auto count, localcluster::Query(gw, "SELECT COUNT(*) FROM customer", ks));
  if (!count.empty() && count[0][0].has_value() && *count[0][0] != "0") {
    return absl::OkStatus();
  }
  TESSERA_RETURN_IF_ERROR(localcluster::Exec(
      gw,
      "INSERT INTO customer (id, name, email, country) VALUES "
      "(1, 'Ada', 'ada@example.com', 'GB'), (2, 'Grace', 'grace@example.com', "
      "'US'), (3, 'Émile', 'emile@example.com', 'FR'), (4, 'Linus', "
      "'linus@example.com', 'FI'), (5, 'Margaret', 'margaret@example.com', "
      "'US'), (6, 'Barbara', 'barbara@example.com', 'US')",
      ks));
  TESSERA_RETURN_IF_ERROR(localcluster::Exec(
      gw,
      "INSERT INTO corder (id, customer_id, product_id, quantity, "
      "price) VALUES (100, 1, 1, 2, 19.90), (101, 1, 2, 1, 5.00), "
      "(102, 2, 3, 1, 120.00), (103, 3, 1, 5, 19.90), (104, 5, 2, 3, 5.00), "
      "(105, 6, 3, 1, 120.00)",
      ks));
  TESSERA_RETURN_IF_ERROR(localcluster::Exec(
      gw,
      "INSERT IGNORE INTO settings (name, value) VALUES ('welcome', "
      "'hello from the lookup keyspace')",
      kUnshardedKeyspace));
  // The router writes reference tables to every shard.
  return localcluster::Exec(
      gw,
      "INSERT INTO product (id, title, price) VALUES "
      "(1, 'pencil', 19.90), (2, 'eraser', 5.00), (3, 'lamp', 120.00)",
      ks);
}

}  // namespace tessera::devcluster
