// RouterState: what a statement needs that the topology can change — the
// VSchema and the shards' connection pools — as one immutable snapshot.
//
// A statement takes the current snapshot at its start and keeps it (and so
// its plans and pools) alive until it ends; a transaction keeps the cursor
// of the snapshot it began in. When the topology changes the router builds
// a new snapshot; pools are carried over when the shards' addresses did not
// change, so a VSchema change costs no reconnection.
#ifndef TESSERA_LIB_ROUTER_ROUTER_STATE_H_
#define TESSERA_LIB_ROUTER_ROUTER_STATE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/engine/backend_cursor.h"
#include "lib/mysql/client/pool.h"
#include "lib/topo/watch_cache.h"
#include "lib/vindex/registry.h"
#include "lib/vschema/vschema.h"
#include "tessera/router.h"

namespace tessera::router {

struct RouterState {
  // The topology generation the snapshot was built from (0: static).
  uint64_t generation = 0;
  std::shared_ptr<const vschema::VSchema> vschema;
  std::shared_ptr<engine::BackendCursor> cursor;  // primaries
  // Every tablet of each type (queries balanced over a shard's tablets),
  // for keyspaces where every shard has one (null when no keyspace does).
  std::shared_ptr<engine::BackendCursor> replica_cursor;
  std::shared_ptr<engine::BackendCursor> rdonly_cursor;
  // "ks/shard@type=host:port\n..." of every tablet the cursors connect to.
  std::string endpoints;
};

// The cluster as the router sees it: whole-cluster VSchema JSON and the
// tablets' addresses (primaries, and replica/rdonly tablets if any).
struct ClusterView {
  std::string vschema_json;  // {"keyspaces": {...}}
  std::vector<ShardAddress> shards;
};

// The shards of one tablet type: keyspace -> shard -> the pool options of
// each of its servers (one primary; replica and rdonly queries are balanced
// over several).
using BackendShards =
    std::map<std::string,
             std::map<std::string, std::vector<mysql::PoolOptions>>>;

// Makes the cursor over one tablet type's shards. `strict` (primaries):
// a keyspace that cannot be served is an error; otherwise (replica,
// rdonly) such keyspaces are left out. The default makes a MysqlCursor
// (libmariadb pools); tests and in-process benchmarks inject a fake.
using BackendFactory =
    std::function<absl::StatusOr<std::shared_ptr<engine::BackendCursor>>(
        const BackendShards& shards, bool strict)>;

// The default factory: MysqlCursor pools with the options' query timeout.
BackendFactory MysqlBackendFactory(const RouterOptions& options);

// The view of a static configuration (RouterOptions::vschema_json/shards).
ClusterView StaticView(const RouterOptions& options);

// The view of the topology: every keyspace with a VSchema, and for each
// shard serving PRIMARY in the cache's cell, its primary tablet, plus the
// first REPLICA and RDONLY tablet of each shard serving those types. Shards
// without a primary tablet are left out (queries to them fail with an
// error naming the shard).
ClusterView TopoView(const topo::WatchCache& cache);

// Builds a snapshot, its cursors made by `backends`. `previous` (may be
// null) lends its cursors when the endpoints are the same. Errors: an
// invalid VSchema (with the loader's message), a shard of a keyspace
// missing from the VSchema, the factory's errors.
absl::StatusOr<std::shared_ptr<const RouterState>> BuildRouterState(
    const RouterOptions& options, const vindex::VindexRegistry& registry,
    const ClusterView& view, const RouterState* previous, uint64_t generation,
    const BackendFactory& backends);

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_ROUTER_STATE_H_
