// `tessera up`: start a local sharded cluster (see docs/local-cluster.md).
#include <signal.h>

#include <cstdio>
#include <ctime>

#include "absl/strings/str_cat.h"
#include "lib/base/args.h"
#include "lib/devcluster/gateway.h"
#include "lib/devcluster/sample.h"
#include "lib/localcluster/cluster.h"
#include "services/cli/commands.h"

namespace tessera::cli {
namespace {

void PrintCluster(const localcluster::LocalCluster& cluster) {
  std::printf("%s", localcluster::FormatClusterStatus(cluster.state()).c_str());
  std::printf("\nstate: %s/state.json\n", cluster.spec().dir.c_str());
  std::printf("shard 0: mariadb -h127.0.0.1 -P%d -uroot -ptessera\n",
              cluster.primary(0).port);
}

// Sample schema on the shards, the VSchema next to state.json, and the
// cluster recorded in the topology.
absl::Status SetUpSample(localcluster::LocalCluster& cluster,
                         std::string topo_url) {
  absl::Status s = devcluster::CreateSampleSchema(cluster);
  if (!s.ok()) return s;
  std::string vschema_path = cluster.spec().dir + "/vschema.json";
  FILE* f = std::fopen(vschema_path.c_str(), "w");
  if (f == nullptr) return absl::InternalError("cannot write " + vschema_path);
  std::string json = devcluster::SampleVSchemaJson(cluster.spec().keyspace);
  std::fwrite(json.data(), 1, json.size(), f);
  std::fclose(f);
  if (topo_url.empty() && cluster.etcd() != nullptr) {
    // With --etcd the cluster's own etcd holds the topology.
    topo_url = absl::StrCat("etcd://", cluster.etcd()->endpoints(), "/tessera");
  }
  if (topo_url.empty()) topo_url = "rocksdb://" + cluster.spec().dir + "/topo";
  s = devcluster::RegisterInTopology(cluster, topo_url);
  if (!s.ok()) return s;
  std::printf("topology: %s\nvschema: %s\n", topo_url.c_str(),
              vschema_path.c_str());
  return absl::OkStatus();
}

// Blocks until SIGINT/SIGTERM or until a component dies.
int WaitInForeground(localcluster::LocalCluster& cluster) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::printf("running in the foreground; Ctrl-C stops the cluster\n");
  std::fflush(stdout);
  while (true) {
    timespec tick{1, 0};
    int sig = sigtimedwait(&set, nullptr, &tick);
    if (sig > 0) {
      std::fprintf(stderr, "signal %d: stopping the cluster\n", sig);
      break;
    }
    if (!cluster.Healthy()) {
      std::fprintf(stderr, "a component exited; stopping the cluster\n");
      (void)cluster.Down();
      return 1;
    }
  }
  absl::Status s = cluster.Down();
  if (!s.ok()) {
    std::fprintf(stderr, "tessera up: %s\n", s.ToString().c_str());
    return 1;
  }
  std::printf("stopped\n");
  return 0;
}

}  // namespace

int RunUp(const std::vector<std::string>& argv) {
  Args args;
  args.AddString("dir", ".tessera/local", "state directory");
  args.AddString("keyspace", "commerce", "name of the sharded keyspace");
  args.AddString("topo", "",
                 "topology URL to record the cluster in (default "
                 "rocksdb://<dir>/topo, or the started etcd with --etcd)");
  args.AddInt("shards", 2, "number of MariaDB shards");
  args.AddInt("replicas", 0, "GTID replicas per shard");
  args.AddBool("etcd", false, "also start an etcd member");
  args.AddInt("base_port", 0, "first port (0: any free ports)");
  args.AddBool("gateway", true, "start tessera-gateway over the shards");
  args.AddInt("gateway_port", 15306, "gateway port (0: any free port)");
  args.AddString("gateway_binary", "",
                 "tessera-gateway to run (default: next to this binary)");
  args.AddBool("foreground", false,
               "stay in the foreground; Ctrl-C stops everything");
  args.AddBool("help", false, "show flags");
  if (absl::Status s = args.Parse(argv); !s.ok() || args.GetBool("help")) {
    if (!s.ok()) std::fprintf(stderr, "tessera up: %s\n", s.ToString().c_str());
    std::fprintf(stderr, "usage: tessera up [flags]\n%s", args.Usage().c_str());
    return s.ok() ? 0 : 2;
  }
  localcluster::ClusterSpec spec;
  spec.dir = args.GetString("dir");
  spec.keyspace = args.GetString("keyspace");
  spec.shards = static_cast<int>(args.GetInt("shards"));
  spec.replicas = static_cast<int>(args.GetInt("replicas"));
  spec.etcd = args.GetBool("etcd");
  spec.base_port = static_cast<int>(args.GetInt("base_port"));
  bool foreground = args.GetBool("foreground");
  spec.detached = !foreground;
  auto cluster = localcluster::LocalCluster::Up(spec);
  if (!cluster.ok()) {
    std::fprintf(stderr, "tessera up: %s\n",
                 cluster.status().ToString().c_str());
    return 1;
  }
  if (absl::Status st = SetUpSample(**cluster, args.GetString("topo"));
      !st.ok()) {
    std::fprintf(stderr, "tessera up: %s\n", st.ToString().c_str());
    (void)(*cluster)->Down();
    return 1;
  }
  int gateway_port = 0;
  if (args.GetBool("gateway")) {
    devcluster::GatewaySpec g;
    g.binary = args.GetString("gateway_binary").empty()
                   ? devcluster::DefaultGatewayBinary()
                   : args.GetString("gateway_binary");
    g.port = static_cast<int>(args.GetInt("gateway_port"));
    absl::Status st = devcluster::StartGateway(**cluster, g, &gateway_port);
    if (st.ok()) st = devcluster::LoadSampleData(**cluster, gateway_port);
    if (!st.ok()) {
      std::fprintf(stderr, "tessera up: %s\n", st.ToString().c_str());
      (void)(*cluster)->Down();
      return 1;
    }
  }
  PrintCluster(**cluster);
  if (gateway_port != 0) {
    std::printf("gateway: mariadb -h127.0.0.1 -P%d -uroot -ptessera %s\n",
                gateway_port, spec.keyspace.c_str());
  }
  if (foreground) return WaitInForeground(**cluster);
  (*cluster)->Release();
  std::printf("running in the background; `tessera down --dir=%s` stops it\n",
              spec.dir.c_str());
  return 0;
}

}  // namespace tessera::cli
