// The rocksdb:///path backend: the embedded default topology.
//
// Data and the store revision are written in one RocksDB WriteBatch, so a
// `kill -9` never leaves a half-applied change; with `sync` (the default)
// every write is fsync'ed before it returns, which also survives power loss.
// One process at a time: a second opener gets kFailedPrecondition (RocksDB's
// LOCK file). Watches and locks work within the opening process; watch
// history starts empty at open (resuming from an older version gives
// kOutOfRange, as after an etcd compaction).
#ifndef TESSERA_LIB_TOPO_ROCKSDB_CONN_H_
#define TESSERA_LIB_TOPO_ROCKSDB_CONN_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "lib/topo/local_conn.h"

namespace tessera::topo {

struct RocksdbOptions {
  bool sync = true;              // fsync every write
  size_t history_limit = 10000;  // watch resume window
};

// Opens (creating directories as needed) the store at `path`.
absl::StatusOr<std::unique_ptr<LocalConn>> OpenRocksdb(
    const std::string& path, const RocksdbOptions& options = {});

}  // namespace tessera::topo

#endif  // TESSERA_LIB_TOPO_ROCKSDB_CONN_H_
