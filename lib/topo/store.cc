#include "lib/topo/store.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/base/status_macros.h"
#include "lib/topo/keys.h"

namespace tessera::topo {
namespace {

template <typename T>
absl::StatusOr<Versioned<T>> GetProto(Conn* conn, const std::string& key) {
  TESSERA_ASSIGN_OR_RETURN(KeyValue kv, conn->Get(key));
  Versioned<T> out;
  if (!out.value.ParseFromString(kv.value)) {
    return absl::DataLossError(absl::StrCat("topo: cannot parse ", key));
  }
  out.version = kv.version;
  return out;
}

// The first path component after `dir` of every key under it, deduplicated.
absl::StatusOr<std::vector<std::string>> Children(Conn* conn,
                                                  absl::string_view dir) {
  TESSERA_ASSIGN_OR_RETURN(std::vector<KeyValue> kvs, conn->List(dir));
  std::vector<std::string> out;
  for (const KeyValue& kv : kvs) {
    absl::string_view rest = absl::string_view(kv.key).substr(dir.size());
    std::string child(rest.substr(0, rest.find('/')));
    if (out.empty() || out.back() != child) out.push_back(std::move(child));
  }
  return out;
}

constexpr int kCasRetries = 20;

}  // namespace

absl::Status Store::CreateKeyspace(const topodata::Keyspace& ks) {
  TESSERA_RETURN_IF_ERROR(ValidateName("keyspace", ks.name()));
  absl::Status s =
      conn_->Create(KeyspaceKey(ks.name()), ks.SerializeAsString()).status();
  if (absl::IsAlreadyExists(s)) {
    return absl::AlreadyExistsError(
        absl::StrCat("topo: keyspace ", ks.name(), " already exists"));
  }
  return s;
}

absl::StatusOr<Versioned<topodata::Keyspace>> Store::GetKeyspace(
    absl::string_view name) {
  TESSERA_RETURN_IF_ERROR(ValidateName("keyspace", name));
  return GetProto<topodata::Keyspace>(conn_, KeyspaceKey(name));
}

absl::StatusOr<Version> Store::UpdateKeyspace(const topodata::Keyspace& ks,
                                              Version expected) {
  TESSERA_RETURN_IF_ERROR(ValidateName("keyspace", ks.name()));
  return conn_->Update(KeyspaceKey(ks.name()), ks.SerializeAsString(),
                       expected);
}

absl::StatusOr<std::vector<std::string>> Store::ListKeyspaces() {
  TESSERA_ASSIGN_OR_RETURN(std::vector<KeyValue> kvs,
                           conn_->List(kKeyspacesDir));
  std::vector<std::string> out;
  for (const KeyValue& kv : kvs) {
    std::vector<absl::string_view> parts = absl::StrSplit(kv.key, '/');
    if (parts.size() == 3 && parts[2] == "Keyspace") {
      out.emplace_back(parts[1]);
    }
  }
  return out;
}

absl::Status Store::DeleteKeyspace(absl::string_view name) {
  TESSERA_ASSIGN_OR_RETURN(auto ks, GetKeyspace(name));
  TESSERA_ASSIGN_OR_RETURN(std::vector<std::string> shards,
                           Children(conn_, ShardsDir(name)));
  if (!shards.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "topo: keyspace ", name, " still has ", shards.size(), " shard(s)"));
  }
  absl::Status s = conn_->Delete(VSchemaKey(name), Conn::kAnyVersion);
  if (!s.ok() && !absl::IsNotFound(s)) return s;
  return conn_->Delete(KeyspaceKey(name), ks.version);
}

absl::Status Store::CreateShard(absl::string_view keyspace,
                                absl::string_view shard) {
  absl::Status has_ks = GetKeyspace(keyspace).status();
  if (absl::IsNotFound(has_ks)) {
    return absl::NotFoundError(
        absl::StrCat("topo: keyspace ", keyspace, " does not exist"));
  }
  TESSERA_RETURN_IF_ERROR(has_ks);
  TESSERA_ASSIGN_OR_RETURN(topodata::KeyRange range, ParseShardName(shard));
  topodata::Shard s;
  s.set_keyspace(std::string(keyspace));
  s.set_name(std::string(shard));
  *s.mutable_key_range() = range;
  absl::Status st =
      conn_->Create(ShardKey(keyspace, shard), s.SerializeAsString()).status();
  if (absl::IsAlreadyExists(st)) {
    return absl::AlreadyExistsError(
        absl::StrCat("topo: shard ", keyspace, "/", shard, " already exists"));
  }
  return st;
}

absl::StatusOr<Versioned<topodata::Shard>> Store::GetShard(
    absl::string_view keyspace, absl::string_view shard) {
  TESSERA_RETURN_IF_ERROR(ValidateName("keyspace", keyspace));
  TESSERA_RETURN_IF_ERROR(ParseShardName(shard).status());
  return GetProto<topodata::Shard>(conn_, ShardKey(keyspace, shard));
}

absl::StatusOr<Version> Store::UpdateShard(const topodata::Shard& shard,
                                           Version expected) {
  TESSERA_RETURN_IF_ERROR(ValidateName("keyspace", shard.keyspace()));
  TESSERA_RETURN_IF_ERROR(ParseShardName(shard.name()).status());
  return conn_->Update(ShardKey(shard.keyspace(), shard.name()),
                       shard.SerializeAsString(), expected);
}

absl::StatusOr<topodata::Shard> Store::UpdateShardFields(
    absl::string_view keyspace, absl::string_view shard,
    const std::function<absl::Status(topodata::Shard&)>& update) {
  for (int i = 0; i < kCasRetries; ++i) {
    TESSERA_ASSIGN_OR_RETURN(auto cur, GetShard(keyspace, shard));
    TESSERA_RETURN_IF_ERROR(update(cur.value));
    absl::StatusOr<Version> v = UpdateShard(cur.value, cur.version);
    if (v.ok()) return cur.value;
    if (!absl::IsAborted(v.status())) return v.status();
  }
  return absl::AbortedError(absl::StrCat("topo: shard ", keyspace, "/", shard,
                                         " kept changing; gave up"));
}

absl::StatusOr<std::vector<topodata::Shard>> Store::ListShards(
    absl::string_view keyspace) {
  TESSERA_RETURN_IF_ERROR(ValidateName("keyspace", keyspace));
  TESSERA_ASSIGN_OR_RETURN(std::vector<KeyValue> kvs,
                           conn_->List(ShardsDir(keyspace)));
  std::vector<topodata::Shard> out;
  for (const KeyValue& kv : kvs) {
    if (!absl::EndsWith(kv.key, "/Shard")) continue;
    topodata::Shard s;
    if (!s.ParseFromString(kv.value)) {
      return absl::DataLossError(absl::StrCat("topo: cannot parse ", kv.key));
    }
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.key_range().start() < b.key_range().start();
  });
  return out;
}

absl::Status Store::CreateTablet(const topodata::Tablet& tablet) {
  TESSERA_RETURN_IF_ERROR(ValidateName("cell", tablet.alias().cell()));
  return conn_->Create(TabletKey(tablet.alias()), tablet.SerializeAsString())
      .status();
}

absl::Status Store::PutTablet(const topodata::Tablet& tablet) {
  TESSERA_RETURN_IF_ERROR(ValidateName("cell", tablet.alias().cell()));
  return conn_
      ->Update(TabletKey(tablet.alias()), tablet.SerializeAsString(),
               Conn::kAnyVersion)
      .status();
}

absl::StatusOr<Versioned<topodata::Tablet>> Store::GetTablet(
    const topodata::TabletAlias& alias) {
  TESSERA_RETURN_IF_ERROR(ValidateName("cell", alias.cell()));
  return GetProto<topodata::Tablet>(conn_, TabletKey(alias));
}

absl::Status Store::DeleteTablet(const topodata::TabletAlias& alias) {
  return conn_->Delete(TabletKey(alias), Conn::kAnyVersion);
}

absl::StatusOr<std::vector<topodata::Tablet>> Store::ListTablets(
    absl::string_view cell) {
  std::string prefix(kTabletsDir);
  if (!cell.empty()) {
    TESSERA_RETURN_IF_ERROR(ValidateName("cell", cell));
    absl::StrAppend(&prefix, cell, "-");
  }
  TESSERA_ASSIGN_OR_RETURN(std::vector<KeyValue> kvs, conn_->List(prefix));
  std::vector<topodata::Tablet> out;
  for (const KeyValue& kv : kvs) {
    topodata::Tablet t;
    if (!t.ParseFromString(kv.value)) {
      return absl::DataLossError(absl::StrCat("topo: cannot parse ", kv.key));
    }
    // "zone1-" also prefixes "zone1-x-..." cells: keep exact matches only.
    if (cell.empty() || t.alias().cell() == cell) out.push_back(std::move(t));
  }
  return out;
}

absl::StatusOr<Versioned<topodata::SrvKeyspace>> Store::GetSrvKeyspace(
    absl::string_view cell, absl::string_view keyspace) {
  TESSERA_RETURN_IF_ERROR(ValidateName("cell", cell));
  TESSERA_RETURN_IF_ERROR(ValidateName("keyspace", keyspace));
  return GetProto<topodata::SrvKeyspace>(conn_, SrvKeyspaceKey(cell, keyspace));
}

absl::Status Store::PutSrvKeyspace(absl::string_view cell,
                                   absl::string_view keyspace,
                                   const topodata::SrvKeyspace& srv) {
  TESSERA_RETURN_IF_ERROR(ValidateName("cell", cell));
  TESSERA_RETURN_IF_ERROR(ValidateName("keyspace", keyspace));
  return conn_
      ->Update(SrvKeyspaceKey(cell, keyspace), srv.SerializeAsString(),
               Conn::kAnyVersion)
      .status();
}

absl::StatusOr<topodata::SrvKeyspace> Store::RebuildSrvKeyspace(
    absl::string_view cell, absl::string_view keyspace) {
  TESSERA_ASSIGN_OR_RETURN(std::vector<topodata::Shard> shards,
                           ListShards(keyspace));
  topodata::SrvKeyspace srv;
  for (topodata::TabletType type :
       {topodata::PRIMARY, topodata::REPLICA, topodata::RDONLY}) {
    auto* p = srv.add_partitions();
    p->set_served_type(type);
    for (const topodata::Shard& s : shards) {
      if (!s.is_primary_serving()) continue;
      auto* ref = p->add_shard_references();
      ref->set_name(s.name());
      *ref->mutable_key_range() = s.key_range();
    }
  }
  TESSERA_RETURN_IF_ERROR(PutSrvKeyspace(cell, keyspace, srv));
  return srv;
}

absl::StatusOr<Versioned<std::string>> Store::GetVSchema(
    absl::string_view keyspace) {
  TESSERA_RETURN_IF_ERROR(ValidateName("keyspace", keyspace));
  TESSERA_ASSIGN_OR_RETURN(KeyValue kv, conn_->Get(VSchemaKey(keyspace)));
  return Versioned<std::string>{std::move(kv.value), kv.version};
}

absl::Status Store::SaveVSchema(absl::string_view keyspace,
                                absl::string_view json,
                                const VSchemaValidator& validate) {
  TESSERA_RETURN_IF_ERROR(GetKeyspace(keyspace).status());
  if (validate) {
    absl::Status s = validate(json);
    if (!s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "topo: vschema for ", keyspace, " rejected: ", s.message()));
    }
  }
  return conn_->Update(VSchemaKey(keyspace), json, Conn::kAnyVersion).status();
}

absl::StatusOr<Versioned<topodata::RoutingRules>> Store::GetRoutingRules() {
  return GetProto<topodata::RoutingRules>(conn_, std::string(kRoutingRulesKey));
}

absl::Status Store::SaveRoutingRules(const topodata::RoutingRules& rules) {
  return conn_
      ->Update(kRoutingRulesKey, rules.SerializeAsString(), Conn::kAnyVersion)
      .status();
}

}  // namespace tessera::topo
