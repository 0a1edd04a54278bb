#include "lib/router/router_state.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/engine/mysql_cursor.h"
#include "lib/vschema/loader.h"

namespace tessera::router {
namespace {

mysql::PoolOptions PoolFor(const RouterOptions& options,
                           const ShardAddress& a) {
  mysql::PoolOptions p;
  p.connect.host = a.host;
  p.connect.port = a.port;
  p.connect.user = options.user;
  p.connect.password = options.password;
  p.connect.database = a.keyspace;
  p.connect.tls.enabled = options.tls.enabled;
  p.connect.tls.require = options.tls.enabled;
  p.connect.tls.ca_file = options.tls.ca_file;
  p.connect.tls.cert_file = options.tls.cert_file;
  p.connect.tls.key_file = options.tls.key_file;
  p.connect.tls.verify_server_cert = options.tls.verify_server_certificate;
  p.max_size = static_cast<size_t>(options.max_connections_per_shard);
  return p;
}

}  // namespace

BackendFactory MysqlBackendFactory(const RouterOptions& options) {
  const absl::Duration timeout =
      options.query_timeout_ms > 0
          ? absl::Milliseconds(options.query_timeout_ms)
          : absl::ZeroDuration();
  return [timeout](const BackendShards& shards, bool strict)
             -> absl::StatusOr<std::shared_ptr<engine::BackendCursor>> {
    auto cursor = std::make_shared<engine::MysqlCursor>(
        engine::MysqlCursorOptions{timeout, true});
    for (const auto& [ks, pools] : shards) {
      absl::Status added = cursor->AddKeyspace(ks, pools);
      if (!added.ok() && strict) return added;
    }
    return cursor;
  };
}

ClusterView StaticView(const RouterOptions& options) {
  ClusterView v;
  v.vschema_json = options.vschema_json;
  v.shards = options.shards;
  return v;
}

ClusterView TopoView(const topo::WatchCache& cache) {
  ClusterView v;
  std::string json = "{\"keyspaces\": {";
  bool first = true;
  for (const std::string& ks : cache.Keyspaces()) {
    if (std::shared_ptr<const std::string> vs = cache.GetVSchema(ks)) {
      // Keyspace names are validated identifiers in the topology; the
      // VSchema text was validated when it was saved.
      absl::StrAppend(&json, first ? "" : ", ", "\"", ks, "\": ", *vs);
      first = false;
    }
    std::shared_ptr<const topodata::SrvKeyspace> srv = cache.GetSrvKeyspace(ks);
    if (srv == nullptr) continue;
    for (const auto& part : srv->partitions()) {
      const topodata::TabletType type = part.served_type();
      const char* name = type == topodata::PRIMARY   ? "primary"
                         : type == topodata::REPLICA ? "replica"
                         : type == topodata::RDONLY  ? "rdonly"
                                                     : nullptr;
      if (name == nullptr) continue;
      for (const auto& ref : part.shard_references()) {
        // The primary, or every tablet of a replica type (balanced).
        for (auto& tablet : cache.GetTablets(ks, ref.name())) {
          if (tablet->type() != type) continue;
          ShardAddress a;
          a.keyspace = ks;
          a.shard = ref.name();
          a.host = tablet->hostname();
          a.port = tablet->mysql_port();
          a.tablet_type = name;
          v.shards.push_back(std::move(a));
          if (type == topodata::PRIMARY) break;
        }
      }
    }
  }
  absl::StrAppend(&json, "}}");
  v.vschema_json = std::move(json);
  return v;
}

absl::StatusOr<std::shared_ptr<const RouterState>> BuildRouterState(
    const RouterOptions& options, const vindex::VindexRegistry& registry,
    const ClusterView& view, const RouterState* previous, uint64_t generation,
    const BackendFactory& backends) {
  auto state = std::make_shared<RouterState>();
  state->generation = generation;
  TESSERA_ASSIGN_OR_RETURN(auto src,
                           vschema::ParseVSchemaJson(view.vschema_json));
  TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<vschema::VSchema> vs,
                           vschema::VSchema::Build(src, registry));
  // tablet type -> keyspace -> shard -> pools (one per server)
  std::map<std::string, BackendShards> pools;
  for (const ShardAddress& a : view.shards) {
    if (vs->FindKeyspace(a.keyspace) == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "shard ", a.keyspace, "/", a.shard, ": keyspace not in the vschema"));
    }
    if (a.tablet_type != "primary" && a.tablet_type != "replica" &&
        a.tablet_type != "rdonly") {
      return absl::InvalidArgumentError(
          absl::StrCat("shard ", a.keyspace, "/", a.shard, ": tablet type '",
                       a.tablet_type, "' (want primary, replica or rdonly)"));
    }
    std::vector<mysql::PoolOptions>& slot =
        pools[a.tablet_type][a.keyspace][a.shard];
    // One primary per shard; replica and rdonly servers are balanced.
    if (a.tablet_type == "primary" && !slot.empty()) continue;
    slot.push_back(PoolFor(options, a));
    absl::StrAppend(&state->endpoints, a.keyspace, "/", a.shard, "@",
                    a.tablet_type, "=", a.host, ":", a.port, "\n");
  }
  state->vschema = std::move(vs);
  if (previous != nullptr && previous->endpoints == state->endpoints) {
    state->cursor = previous->cursor;
    state->replica_cursor = previous->replica_cursor;
    state->rdonly_cursor = previous->rdonly_cursor;
    return state;
  }
  auto make = [&](const std::string& type, bool strict)
      -> absl::StatusOr<std::shared_ptr<engine::BackendCursor>> {
    auto it = pools.find(type);
    if (it == pools.end()) return nullptr;
    return backends(it->second, strict);
  };
  TESSERA_ASSIGN_OR_RETURN(state->cursor, make("primary", true));
  if (state->cursor == nullptr) {
    TESSERA_ASSIGN_OR_RETURN(state->cursor, backends(BackendShards(), true));
  }
  TESSERA_ASSIGN_OR_RETURN(state->replica_cursor, make("replica", false));
  TESSERA_ASSIGN_OR_RETURN(state->rdonly_cursor, make("rdonly", false));
  return state;
}

}  // namespace tessera::router
