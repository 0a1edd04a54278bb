#include "lib/devcluster/sample.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/base/status_macros.h"
#include "lib/devcluster/sbtest.h"
#include "lib/localcluster/sql_client.h"
#include "lib/topo/cluster.h"
#include "lib/topo/open.h"
#include "lib/topo/store.h"
#include "lib/vschema/vschema.h"

namespace tessera::devcluster {
namespace {

// customer.id comes from the sequence lookup.customer_seq when an INSERT
// leaves it out; customer.email is a unique lookup vindex (rows in
// lookup.customer_email_idx kept by the router), so WHERE email = ... goes
// to one shard.
constexpr char kShardedVSchema[] = R"({
    "sharded": true,
    "vindexes": {
      "hash": {"type": "hash"},
      "customer_email_idx": {"type": "lookup_unique", "owner": "customer",
        "params": {"table": "lookup.customer_email_idx", "from": "email",
                   "to": "keyspace_id", "ignore_nulls": "true"}}
    },
    "tables": {
      "customer": {
        "column_vindexes": [{"column": "id", "name": "hash"},
                            {"column": "email", "name": "customer_email_idx"}],
        "auto_increment": {"column": "id", "sequence": "lookup.customer_seq"}},
      "corder": {"column_vindexes": [{"column": "customer_id", "name": "hash"}]},
      "product": {"type": "reference"}
    }
  })";

constexpr char kUnshardedTablesVSchema[] =
    R"("settings": {}, "customer_seq": {"type": "sequence"},
    "customer_email_idx": {})";

std::string UnshardedVSchema() {
  return absl::StrCat("{\"sharded\": false, \"tables\": {",
                      kUnshardedTablesVSchema, ", ", SbtestSequenceTables(),
                      "}}");
}

constexpr char kShardedTables[] =
    "CREATE TABLE IF NOT EXISTS customer (id BIGINT PRIMARY KEY, "
    "name VARCHAR(64), email VARCHAR(128), country CHAR(2), "
    "created DATETIME DEFAULT CURRENT_TIMESTAMP);"
    "CREATE TABLE IF NOT EXISTS corder (id BIGINT PRIMARY KEY, "
    "customer_id BIGINT NOT NULL, product_id INT, quantity INT, "
    "price DECIMAL(10,2), KEY (customer_id));"
    "CREATE TABLE IF NOT EXISTS product (id INT PRIMARY KEY, "
    "title VARCHAR(64), price DECIMAL(10,2));";

constexpr char kUnshardedTables[] =
    "CREATE TABLE IF NOT EXISTS settings (name VARCHAR(64) PRIMARY KEY, "
    "value VARCHAR(255));"
    "CREATE TABLE IF NOT EXISTS customer_seq (id INT PRIMARY KEY, "
    "next_id BIGINT, cache BIGINT) COMMENT 'vitess_sequence';"
    "INSERT IGNORE INTO customer_seq (id, next_id, cache) VALUES (0, 1000, "
    "100);"
    "CREATE TABLE IF NOT EXISTS customer_email_idx (email VARCHAR(128) "
    "PRIMARY KEY, keyspace_id VARBINARY(16));";

std::vector<const localcluster::Component*> Mariadbs(
    const localcluster::ClusterState& state) {
  std::vector<const localcluster::Component*> out;
  for (const auto& c : state.components()) {
    if (c.kind() == "mariadb") out.push_back(&c);
  }
  return out;
}

}  // namespace

std::string SampleVSchemaJson(const std::string& sharded_keyspace) {
  return absl::StrCat("{\"keyspaces\": {\"", sharded_keyspace,
                      "\": ", kShardedVSchema, ", \"", kSbtestKeyspace,
                      "\": ", SbtestVSchema(), ", \"", kUnshardedKeyspace,
                      "\": ", UnshardedVSchema(), "}}");
}

absl::Status CreateSampleSchema(const localcluster::LocalCluster& cluster) {
  const std::string& ks = cluster.spec().keyspace;
  for (int i = 0; i < cluster.spec().shards; ++i) {
    TESSERA_RETURN_IF_ERROR(localcluster::Exec(
        cluster.primary(i),
        absl::StrCat("CREATE DATABASE IF NOT EXISTS `", ks, "`; USE `", ks,
                     "`;", kShardedTables, "CREATE DATABASE IF NOT EXISTS `",
                     kSbtestKeyspace, "`;")));
  }
  return localcluster::Exec(
      cluster.primary(0),
      absl::StrCat("CREATE DATABASE IF NOT EXISTS `", kUnshardedKeyspace,
                   "`; USE `", kUnshardedKeyspace, "`;", kUnshardedTables,
                   SbtestSequenceSql()));
}

absl::Status RegisterInTopology(const localcluster::LocalCluster& cluster,
                                const std::string& topo_url) {
  TESSERA_ASSIGN_OR_RETURN(auto conn, topo::Open(topo_url));
  topo::Store store(conn.get());
  auto validate = [](absl::string_view json) {
    return vschema::ValidateVSchemaJson(json);
  };
  // Both sharded keyspaces live on the same servers; each keyspace's tablets
  // get their own uids.
  uint32_t uid = 100;
  topo::ClusterTablet shard0_primary;
  auto sharded_spec = [&](const std::string& keyspace, std::string vschema) {
    topo::ClusterSpec spec;
    spec.keyspace = keyspace;
    spec.sharded = true;
    spec.vschema_json = std::move(vschema);
    for (const auto* c : Mariadbs(cluster.state())) {
      if (spec.shards.empty() || spec.shards.back().name != c->shard()) {
        spec.shards.push_back({c->shard(), {}});
      }
      topo::ClusterTablet t;
      t.uid = uid++;
      t.hostname = c->host();
      t.mysql_port = c->port();
      t.type = c->role() == "primary" ? topodata::PRIMARY : topodata::REPLICA;
      spec.shards.back().tablets.push_back(t);
      if (spec.shards.size() == 1 && c->role() == "primary") {
        shard0_primary = t;
      }
    }
    return spec;
  };
  TESSERA_RETURN_IF_ERROR(topo::RegisterCluster(
      store, sharded_spec(cluster.spec().keyspace, kShardedVSchema), validate));
  TESSERA_RETURN_IF_ERROR(topo::RegisterCluster(
      store, sharded_spec(kSbtestKeyspace, SbtestVSchema()), validate));
  topo::ClusterSpec unsharded;
  unsharded.keyspace = kUnshardedKeyspace;
  unsharded.vschema_json = UnshardedVSchema();
  shard0_primary.uid = uid++;
  unsharded.shards.push_back({"-", {shard0_primary}});
  return topo::RegisterCluster(store, unsharded, validate);
}

std::string ShardsFlag(const localcluster::LocalCluster& cluster) {
  std::vector<std::string> parts;
  for (const std::string& ks :
       {cluster.spec().keyspace, std::string(kSbtestKeyspace)}) {
    for (const auto* c : Mariadbs(cluster.state())) {
      // Replicas serve sessions that USE `ks@replica`.
      parts.push_back(absl::StrCat(ks, "/", c->shard(),
                                   c->role() == "primary" ? "" : "@replica",
                                   "=", c->host(), ":", c->port()));
    }
  }
  parts.push_back(absl::StrCat(kUnshardedKeyspace,
                               "/-=", cluster.primary(0).host, ":",
                               cluster.primary(0).port));
  return absl::StrJoin(parts, ",");
}

}  // namespace tessera::devcluster
