// The local cluster's `sbtest` keyspace, so sysbench runs against the gateway
// unchanged: tables sbtest1..sbtest<kSbtestTables> sharded by the `hash`
// vindex on `id` (what sysbench's point selects, ranges and updates key on),
// with ids for `sysbench prepare`'s INSERTs that leave `id` out (the default
// --auto_inc=on) drawn from one sequence per table in the unsharded keyspace
// (lookup.sbtest<N>_seq, starting at 1, so a fresh cluster numbers rows as a
// single MariaDB would). sysbench creates and drops the tables itself
// (prepare/cleanup); the router sends that DDL to every shard.
#ifndef TESSERA_LIB_DEVCLUSTER_SBTEST_H_
#define TESSERA_LIB_DEVCLUSTER_SBTEST_H_

#include <string>

namespace tessera::devcluster {

inline constexpr char kSbtestKeyspace[] = "sbtest";
inline constexpr int kSbtestTables = 16;

// The keyspace's VSchema (a JSON object).
std::string SbtestVSchema();

// `"sbtest1_seq": {"type": "sequence"}, ...` for the unsharded keyspace's
// "tables" object (no leading or trailing comma).
std::string SbtestSequenceTables();

// Statements creating the sequence tables (in the unsharded keyspace's
// database); idempotent: existing sequences keep their next id.
std::string SbtestSequenceSql();

}  // namespace tessera::devcluster

#endif  // TESSERA_LIB_DEVCLUSTER_SBTEST_H_
