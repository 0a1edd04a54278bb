// What `tessera up` puts on top of the bare MariaDB servers so the cluster is
// ready to use: a sample sharded schema and VSchema, the cluster recorded in
// the topology, and the gateway's shard map.
//
// Layout: the sharded keyspace (default `commerce`) has one database of that
// name on every shard's primary; the unsharded keyspace `lookup` lives in its
// own database on shard 0's server. Tables: commerce.customer (hash on id,
// ids from the sequence lookup.customer_seq, email a unique lookup vindex
// over lookup.customer_email_idx), commerce.corder (hash on customer_id,
// co-located with its customer), commerce.product (reference),
// lookup.settings. A second sharded keyspace, `sbtest` (sbtest.h), on the
// same servers serves sysbench.
#ifndef TESSERA_LIB_DEVCLUSTER_SAMPLE_H_
#define TESSERA_LIB_DEVCLUSTER_SAMPLE_H_

#include <string>

#include "absl/status/status.h"
#include "lib/localcluster/cluster.h"

namespace tessera::devcluster {

inline constexpr char kUnshardedKeyspace[] = "lookup";

// The VSchema of both keyspaces (Vitess whole-cluster form).
std::string SampleVSchemaJson(const std::string& sharded_keyspace);

// Creates the databases and tables on the shards (idempotent).
absl::Status CreateSampleSchema(const localcluster::LocalCluster& cluster);

// Records keyspaces, shards, tablets, serving graph and VSchemas in the
// topology at `topo_url` (e.g. rocksdb:///dir/topo). Idempotent.
absl::Status RegisterInTopology(const localcluster::LocalCluster& cluster,
                                const std::string& topo_url);

// The gateway's --shards flag: "commerce/-80=127.0.0.1:P,
// commerce/-80@replica=127.0.0.1:R,...,lookup/-=...".
std::string ShardsFlag(const localcluster::LocalCluster& cluster);

}  // namespace tessera::devcluster

#endif  // TESSERA_LIB_DEVCLUSTER_SAMPLE_H_
