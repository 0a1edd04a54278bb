// The key layout of the typed store (documented in docs/topology.md).
//
//   keyspaces/<ks>/Keyspace                    Keyspace (protobuf)
//   keyspaces/<ks>/VSchema                     VSchema JSON text
//   keyspaces/<ks>/shards/<shard>/Shard        Shard (protobuf)
//   tablets/<cell>-<uid>/Tablet                Tablet (protobuf)
//   cells/<cell>/keyspaces/<ks>/SrvKeyspace    serving graph (protobuf)
//   RoutingRules                               RoutingRules (protobuf)
//   locks/keyspaces/<ks>                       keyspace lock
#ifndef TESSERA_LIB_TOPO_KEYS_H_
#define TESSERA_LIB_TOPO_KEYS_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/topo/topodata.pb.h"

namespace tessera::topo {

inline constexpr absl::string_view kKeyspacesDir = "keyspaces/";
inline constexpr absl::string_view kTabletsDir = "tablets/";
inline constexpr absl::string_view kRoutingRulesKey = "RoutingRules";

std::string KeyspaceKey(absl::string_view ks);
std::string VSchemaKey(absl::string_view ks);
std::string ShardsDir(absl::string_view ks);
std::string ShardKey(absl::string_view ks, absl::string_view shard);
std::string TabletKey(const topodata::TabletAlias& alias);
std::string SrvKeyspacesDir(absl::string_view cell);
std::string SrvKeyspaceKey(absl::string_view cell, absl::string_view ks);
std::string KeyspaceLockPath(absl::string_view ks);

// "<cell>-<uid>", e.g. "zone1-100"; ParseTabletAlias is its inverse.
std::string TabletAliasString(const topodata::TabletAlias& alias);
absl::StatusOr<topodata::TabletAlias> ParseTabletAlias(absl::string_view s);

// Names of keyspaces and cells: 1-64 of [A-Za-z0-9_], '-' after the first.
absl::Status ValidateName(absl::string_view what, absl::string_view name);

// Shard names are key ranges in lower-case hex: "-" or "0" (everything),
// "-80", "80-", "40-80". kInvalidArgument otherwise (odd length, not hex,
// start >= end).
absl::StatusOr<topodata::KeyRange> ParseShardName(absl::string_view name);

}  // namespace tessera::topo

#endif  // TESSERA_LIB_TOPO_KEYS_H_
