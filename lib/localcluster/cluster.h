// A local sharded cluster for development (`tessera up`): N MariaDB shards,
// each with optional GTID replicas, and optionally an etcd member, under one
// state directory (default ./.tessera/local). Its description is written to
// <dir>/state.json so other processes can report on it or stop it.
//
// Components are pluggable: later parts (topology registration, the gateway,
// sample data) start their own processes and call AddComponent().
#ifndef TESSERA_LIB_LOCALCLUSTER_CLUSTER_H_
#define TESSERA_LIB_LOCALCLUSTER_CLUSTER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lib/localcluster/etcd.h"
#include "lib/localcluster/mariadb.h"
#include "lib/localcluster/state.pb.h"

namespace tessera::localcluster {

struct ClusterSpec {
  std::string dir = ".tessera/local";
  std::string keyspace = "commerce";
  int shards = 2;
  int replicas = 0;  // per shard
  bool etcd = false;
  bool detached = false;  // servers outlive the `tessera up` process
  int base_port = 0;      // 0: free ports; else consecutive from here
};

// Vitess shard names splitting the keyspace-id range into `n` parts:
// 1 → {"-"}, 2 → {"-80", "80-"}, 4 → {"-40", "40-80", "80-c0", "c0-"}.
std::vector<std::string> EvenShardNames(int n);

class LocalCluster {
 public:
  // Starts everything in `spec` and writes state.json. Fails if state.json
  // names a running cluster in the same directory.
  static absl::StatusOr<std::unique_ptr<LocalCluster>> Up(
      const ClusterSpec& spec);
  ~LocalCluster();  // stops what it owns unless Release()d

  const ClusterState& state() const { return state_; }
  const ClusterSpec& spec() const { return spec_; }
  // Primary of shard i (in EvenShardNames order).
  const MariadbServer& primary(int shard) const {
    return primaries_[shard]->server();
  }
  const EtcdCluster* etcd() const { return etcd_.get(); }

  // Registers a process started by a plugged-in part; it is stopped by
  // Down() and listed by `tessera status`.
  absl::Status AddComponent(Component component,
                            std::unique_ptr<Subprocess> process);
  // Stops all components (reverse start order) and removes state.json.
  absl::Status Down();
  // Leave everything running (background mode).
  void Release();
  // Whether every component's process is still running.
  bool Healthy();

 private:
  explicit LocalCluster(ClusterSpec spec) : spec_(std::move(spec)) {}
  absl::Status StartShards();
  absl::Status WriteState();

  ClusterSpec spec_;
  ClusterState state_;
  std::vector<std::unique_ptr<MariadbInstance>> primaries_;
  std::vector<std::unique_ptr<MariadbInstance>> replicas_;
  std::unique_ptr<EtcdCluster> etcd_;
  std::vector<std::unique_ptr<Subprocess>> extra_;
  bool released_ = false;
};

// Reads <dir>/state.json; NotFound if there is none.
absl::StatusOr<ClusterState> ReadClusterState(const std::string& dir);
// Stops every process named in <dir>/state.json (by pid) and removes it.
absl::Status StopClusterFromState(const std::string& dir);
// A table of components: name, kind, role, address, pid, up/down.
std::string FormatClusterStatus(const ClusterState& state);

}  // namespace tessera::localcluster

#endif  // TESSERA_LIB_LOCALCLUSTER_CLUSTER_H_
