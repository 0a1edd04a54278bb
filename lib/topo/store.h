// topo::Store: typed topology records over any topo::Conn.
//
// Records are protobuf messages (topodata.proto) stored as binary values
// under the key layout of keys.h; VSchemas are stored as their JSON text.
// Every update is compare-and-set on the record's version; the *Fields
// helpers re-read and retry on a concurrent change.
//
// Thread safety: as safe as the Conn (all methods may run concurrently).
// Errors: the Conn's, plus kInvalidArgument for bad names, kNotFound for a
// missing record or parent (a shard of an unknown keyspace), kAlreadyExists,
// kAborted for a lost compare-and-set, kDataLoss for an unparsable record.
#ifndef TESSERA_LIB_TOPO_STORE_H_
#define TESSERA_LIB_TOPO_STORE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/topo/conn.h"
#include "lib/topo/topodata.pb.h"

namespace tessera::topo {

template <typename T>
struct Versioned {
  T value;
  Version version = 0;
};

// Checks a VSchema JSON document before it is written; returns a status
// explaining what is wrong. The vschema module provides the full check.
using VSchemaValidator = std::function<absl::Status(absl::string_view json)>;

class Store {
 public:
  // `conn` must outlive the Store.
  explicit Store(Conn* conn) : conn_(conn) {}
  Conn* conn() const { return conn_; }

  // Keyspaces.
  absl::Status CreateKeyspace(const topodata::Keyspace& ks);
  absl::StatusOr<Versioned<topodata::Keyspace>> GetKeyspace(
      absl::string_view name);
  absl::StatusOr<Version> UpdateKeyspace(const topodata::Keyspace& ks,
                                         Version expected);
  absl::StatusOr<std::vector<std::string>> ListKeyspaces();
  // Refuses (kFailedPrecondition) while the keyspace has shards.
  absl::Status DeleteKeyspace(absl::string_view name);

  // Shards. CreateShard fills key_range from the name.
  absl::Status CreateShard(absl::string_view keyspace, absl::string_view shard);
  absl::StatusOr<Versioned<topodata::Shard>> GetShard(
      absl::string_view keyspace, absl::string_view shard);
  absl::StatusOr<Version> UpdateShard(const topodata::Shard& shard,
                                      Version expected);
  // Read-modify-write with retries on concurrent changes.
  absl::StatusOr<topodata::Shard> UpdateShardFields(
      absl::string_view keyspace, absl::string_view shard,
      const std::function<absl::Status(topodata::Shard&)>& update);
  // Shard names sorted by key range start.
  absl::StatusOr<std::vector<topodata::Shard>> ListShards(
      absl::string_view keyspace);

  // Tablets. Put* is an unconditional upsert.
  absl::Status CreateTablet(const topodata::Tablet& tablet);
  absl::Status PutTablet(const topodata::Tablet& tablet);
  absl::StatusOr<Versioned<topodata::Tablet>> GetTablet(
      const topodata::TabletAlias& alias);
  absl::Status DeleteTablet(const topodata::TabletAlias& alias);
  // Tablets of `cell` ("" for every cell).
  absl::StatusOr<std::vector<topodata::Tablet>> ListTablets(
      absl::string_view cell);

  // Serving graph of `keyspace` in `cell`.
  absl::StatusOr<Versioned<topodata::SrvKeyspace>> GetSrvKeyspace(
      absl::string_view cell, absl::string_view keyspace);
  absl::Status PutSrvKeyspace(absl::string_view cell,
                              absl::string_view keyspace,
                              const topodata::SrvKeyspace& srv);
  // Recomputes the serving graph from the keyspace's serving shards: each of
  // PRIMARY, REPLICA and RDONLY is served by every shard whose primary is
  // serving.
  absl::StatusOr<topodata::SrvKeyspace> RebuildSrvKeyspace(
      absl::string_view cell, absl::string_view keyspace);

  // VSchema JSON of a keyspace. SaveVSchema runs `validate` first and writes
  // nothing if it fails (kInvalidArgument with its message).
  absl::StatusOr<Versioned<std::string>> GetVSchema(absl::string_view keyspace);
  absl::Status SaveVSchema(absl::string_view keyspace, absl::string_view json,
                           const VSchemaValidator& validate);

  absl::StatusOr<Versioned<topodata::RoutingRules>> GetRoutingRules();
  absl::Status SaveRoutingRules(const topodata::RoutingRules& rules);

 private:
  Conn* conn_;
};

// The check `vschema apply` uses until the vschema module is wired in:
// well-formed JSON object whose top-level keys are among sharded, vindexes,
// tables, routing_rules, require_explicit_routing, foreign_key_mode,
// keyspaces.
absl::Status BasicVSchemaCheck(absl::string_view json);

}  // namespace tessera::topo

#endif  // TESSERA_LIB_TOPO_STORE_H_
