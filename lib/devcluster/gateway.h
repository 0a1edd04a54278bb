// Starting tessera-gateway in router mode over a local cluster, and loading
// the sample rows through it (`tessera up`).
#ifndef TESSERA_LIB_DEVCLUSTER_GATEWAY_H_
#define TESSERA_LIB_DEVCLUSTER_GATEWAY_H_

#include <string>

#include "absl/status/status.h"
#include "lib/localcluster/cluster.h"

namespace tessera::devcluster {

struct GatewaySpec {
  std::string binary;  // path of tessera-gateway
  int port = 15306;    // 0: any free port
  std::string user = "root";
  std::string password = "tessera";
};

// The gateway next to the running `tessera` binary (same build output).
std::string DefaultGatewayBinary();

// Writes <dir>/users.json, starts the gateway over the cluster's shards with
// <dir>/vschema.json, waits until it listens, and registers it as the
// cluster component "gateway". Errors name the gateway's log file.
absl::Status StartGateway(localcluster::LocalCluster& cluster,
                          const GatewaySpec& spec, int* port);

// Inserts a few customers, orders, products and settings through the
// gateway at `port` (INSERT IGNORE: safe to repeat).
absl::Status LoadSampleData(const localcluster::LocalCluster& cluster,
                            int port);

}  // namespace tessera::devcluster

#endif  // TESSERA_LIB_DEVCLUSTER_GATEWAY_H_
