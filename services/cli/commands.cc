#include "services/cli/commands.h"

namespace tessera::cli {

absl::Span<const Command> AllCommands() {
  static constexpr Command kCommands[] = {
      {"up", "start a local sharded cluster", RunUp},
      {"down", "stop the local cluster", RunDown},
      {"status", "show the local cluster's components", RunStatus},
      {"version", "print the version", RunVersion},
      {"sql", "format or normalize SQL (fmt|normalize)", RunSql},
      {"explain", "show a statement's plan offline (--vschema FILE)",
       RunExplain},
      {"topo", "topology keys: ls, get, put, watch", RunTopo},
      {"keyspace", "keyspaces in the topology: create, list", RunKeyspace},
      {"shard", "shards in the topology: create, list", RunShard},
      {"vschema", "VSchema: check FILE; get, apply (in the topology)",
       RunVschema},
      {"vindex", "map values through a vindex: --type T VALUE...", RunVindex},
      {"passwd", "print users-file hashes of a password", RunPasswd},
  };
  return kCommands;
}

}  // namespace tessera::cli
