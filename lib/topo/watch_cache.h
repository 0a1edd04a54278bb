// WatchCache: the in-memory view of the topology that routers and gateways
// read on each query: the serving graph (one cell), every keyspace's
// VSchema, the tablets (every cell) and the routing rules.
//
// Start() loads everything and watches for changes, applying them live. A
// background probe checks the topology every `probe_interval`; when the
// topology is unreachable the cache keeps serving the last known state and
// Staleness() grows (export it as a metric). When the topology comes back,
// or a watch ends (history compacted), the cache reloads everything.
//
// Thread safety: lookups may run from any thread concurrently with updates;
// they return immutable snapshots (shared_ptr<const T>).
#ifndef TESSERA_LIB_TOPO_WATCH_CACHE_H_
#define TESSERA_LIB_TOPO_WATCH_CACHE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "lib/topo/conn.h"
#include "lib/topo/topodata.pb.h"

namespace tessera::topo {

class WatchCache {
 public:
  struct Options {
    std::string cell = "local";
    absl::Duration probe_interval = absl::Seconds(1);
  };

  // Loads the current state; fails (kUnavailable...) if the topology cannot
  // be read now. `conn` must outlive the cache.
  static absl::StatusOr<std::unique_ptr<WatchCache>> Start(
      Conn* conn, const Options& options);
  ~WatchCache();

  // Serving graph of `keyspace` in the cache's cell; null if unknown.
  std::shared_ptr<const topodata::SrvKeyspace> GetSrvKeyspace(
      absl::string_view keyspace) const;
  // VSchema JSON of `keyspace`; null if none.
  std::shared_ptr<const std::string> GetVSchema(
      absl::string_view keyspace) const;
  // Keyspaces with a serving graph or a VSchema, sorted.
  std::vector<std::string> Keyspaces() const;
  // Tablets of `keyspace`/`shard` in any cell, sorted by alias (a scan over
  // all tablets: call it when the serving graph changes, not per query).
  std::vector<std::shared_ptr<const topodata::Tablet>> GetTablets(
      absl::string_view keyspace, absl::string_view shard) const;
  // The PRIMARY tablet of `keyspace`/`shard`; null if none.
  std::shared_ptr<const topodata::Tablet> GetPrimary(
      absl::string_view keyspace, absl::string_view shard) const;
  // The global routing rules; null if none are stored.
  std::shared_ptr<const topodata::RoutingRules> GetRoutingRules() const;

  // Time since the topology last answered (zero right after a contact).
  absl::Duration Staleness() const;
  // Whether the last probe reached the topology.
  bool Connected() const;
  // Bumped on every applied change; lets callers notice updates cheaply.
  uint64_t generation() const;

 private:
  template <typename T>
  struct Entry {
    std::shared_ptr<const T> value;
    Version version = 0;
  };

  WatchCache(Conn* conn, Options options);
  absl::Status Load();
  void OnEvent(const WatchEvent& e);
  // Applies a put (value non-null) or delete of topo key `key`.
  void Apply(absl::string_view key, const std::string* value, Version version)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void ProbeLoop();
  void Touch();

  Conn* const conn_;
  const Options options_;
  const std::string srv_dir_;

  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, Entry<topodata::SrvKeyspace>> srv_
      ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, Entry<std::string>> vschemas_
      ABSL_GUARDED_BY(mu_);
  // By alias string ("zone1-100").
  absl::flat_hash_map<std::string, Entry<topodata::Tablet>> tablets_
      ABSL_GUARDED_BY(mu_);
  Entry<topodata::RoutingRules> routing_rules_ ABSL_GUARDED_BY(mu_);
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Time last_contact_ ABSL_GUARDED_BY(mu_);
  bool connected_ ABSL_GUARDED_BY(mu_) = true;
  bool need_reload_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;

  // Only the thread running Load touches the watches.
  std::vector<std::unique_ptr<WatchHandle>> watches_;
  std::thread prober_;
};

}  // namespace tessera::topo

#endif  // TESSERA_LIB_TOPO_WATCH_CACHE_H_
