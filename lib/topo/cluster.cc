#include "lib/topo/cluster.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "lib/base/status_macros.h"
#include "lib/topo/keys.h"

namespace tessera::topo {
namespace {

absl::Status CheckSpec(const ClusterSpec& spec) {
  TESSERA_RETURN_IF_ERROR(ValidateName("cell", spec.cell));
  TESSERA_RETURN_IF_ERROR(ValidateName("keyspace", spec.keyspace));
  if (spec.shards.empty()) {
    return absl::InvalidArgumentError("topo: cluster spec has no shards");
  }
  for (const ClusterShard& shard : spec.shards) {
    TESSERA_RETURN_IF_ERROR(ParseShardName(shard.name).status());
    int primaries = 0;
    for (const ClusterTablet& t : shard.tablets) {
      primaries += t.type == topodata::PRIMARY;
    }
    if (primaries > 1) {
      return absl::InvalidArgumentError(absl::StrCat(
          "topo: shard ", shard.name, " has ", primaries, " PRIMARY tablets"));
    }
  }
  return absl::OkStatus();
}

absl::Status UpsertKeyspace(Store& store, const ClusterSpec& spec) {
  topodata::Keyspace ks;
  ks.set_name(spec.keyspace);
  ks.set_sharded(spec.sharded);
  ks.set_durability_policy(spec.durability_policy);
  return store.UpdateKeyspace(ks, Conn::kAnyVersion).status();
}

absl::Status RegisterShard(Store& store, const ClusterSpec& spec,
                           const ClusterShard& shard) {
  absl::Status created = store.CreateShard(spec.keyspace, shard.name);
  if (!created.ok() && !absl::IsAlreadyExists(created)) return created;
  TESSERA_ASSIGN_OR_RETURN(topodata::KeyRange range,
                           ParseShardName(shard.name));
  topodata::TabletAlias primary;
  for (const ClusterTablet& t : shard.tablets) {
    topodata::Tablet tablet;
    tablet.mutable_alias()->set_cell(spec.cell);
    tablet.mutable_alias()->set_uid(t.uid);
    tablet.set_hostname(t.hostname);
    tablet.set_mysql_port(t.mysql_port);
    tablet.set_grpc_port(t.grpc_port);
    tablet.set_type(t.type);
    tablet.set_keyspace(spec.keyspace);
    tablet.set_shard(shard.name);
    *tablet.mutable_key_range() = range;
    TESSERA_RETURN_IF_ERROR(store.PutTablet(tablet));
    if (t.type == topodata::PRIMARY) primary = tablet.alias();
  }
  return store
      .UpdateShardFields(
          spec.keyspace, shard.name,
          [&](topodata::Shard& s) {
            bool has_primary = !primary.cell().empty();
            if (has_primary && (s.primary_alias().cell() != primary.cell() ||
                                s.primary_alias().uid() != primary.uid())) {
              s.set_primary_term_start_unix(absl::ToUnixSeconds(absl::Now()));
            }
            *s.mutable_primary_alias() = primary;
            s.set_is_primary_serving(has_primary);
            return absl::OkStatus();
          })
      .status();
}

}  // namespace

absl::Status RegisterCluster(Store& store, const ClusterSpec& spec,
                             const VSchemaValidator& validate) {
  TESSERA_RETURN_IF_ERROR(CheckSpec(spec));
  TESSERA_ASSIGN_OR_RETURN(
      std::unique_ptr<LockHandle> lock,
      store.conn()->Lock(KeyspaceLockPath(spec.keyspace), absl::Seconds(30),
                         "register-cluster", absl::Now() + absl::Seconds(30)));
  TESSERA_RETURN_IF_ERROR(UpsertKeyspace(store, spec));
  for (const ClusterShard& shard : spec.shards) {
    TESSERA_RETURN_IF_ERROR(RegisterShard(store, spec, shard));
  }
  if (!spec.vschema_json.empty()) {
    TESSERA_RETURN_IF_ERROR(
        store.SaveVSchema(spec.keyspace, spec.vschema_json, validate));
  }
  TESSERA_RETURN_IF_ERROR(
      store.RebuildSrvKeyspace(spec.cell, spec.keyspace).status());
  return lock->Unlock();
}

}  // namespace tessera::topo
