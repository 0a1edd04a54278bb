// RegisterCluster: writes a whole keyspace (keyspace, shards, tablets with
// host/port, serving graph, optional VSchema) into a topology in one call.
// This is what `tessera up` uses to record the local cluster it started.
#ifndef TESSERA_LIB_TOPO_CLUSTER_H_
#define TESSERA_LIB_TOPO_CLUSTER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "lib/topo/store.h"
#include "lib/topo/topodata.pb.h"

namespace tessera::topo {

struct ClusterTablet {
  uint32_t uid = 0;  // unique within the cell
  std::string hostname = "127.0.0.1";
  int mysql_port = 0;
  int grpc_port = 0;
  topodata::TabletType type = topodata::REPLICA;
};

struct ClusterShard {
  std::string name;  // "-80", "80-", or "-" / "0" for unsharded
  std::vector<ClusterTablet> tablets;  // at most one PRIMARY
};

struct ClusterSpec {
  std::string cell = "local";
  std::string keyspace;
  bool sharded = false;
  std::string durability_policy = "none";
  std::vector<ClusterShard> shards;
  std::string vschema_json;  // written when non-empty (validated)
};

// Idempotent: creates what is missing and overwrites what exists (keyspace
// record, shards' primary alias and serving flag, tablets), then rebuilds the
// cell's serving graph for the keyspace. Holds the keyspace lock meanwhile.
// kInvalidArgument for a spec with bad names, two PRIMARY tablets in a shard
// or no shards.
absl::Status RegisterCluster(Store& store, const ClusterSpec& spec,
                             const VSchemaValidator& validate);

}  // namespace tessera::topo

#endif  // TESSERA_LIB_TOPO_CLUSTER_H_
