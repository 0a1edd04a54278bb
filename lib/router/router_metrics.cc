#include "lib/router/router_metrics.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/mysql/client/backend_stats.h"

namespace tessera::router {

std::shared_ptr<const RouterState> RouterImpl::CurrentState() const {
  absl::ReaderMutexLock l(&state_mu_);
  return state_;
}

RouterImpl::TopologyHealth RouterImpl::topology_health() const {
  TopologyHealth h;
  h.applied_generation = CurrentState()->generation;
  if (watch_ == nullptr) return h;
  h.enabled = true;
  h.seen_generation = watch_->generation();
  h.staleness = watch_->Staleness();
  h.connected = watch_->Connected();
  return h;
}

namespace {

struct ShardRow {
  std::string labels;  // keyspace="..",shard="..",tablet_type=".."
  mysql::BackendStats::Snapshot stats;
  mysql::PoolStats pool;
};

void CollectShards(const engine::BackendCursor* cursor, absl::string_view type,
                   std::vector<ShardRow>* rows) {
  if (cursor == nullptr) return;
  // A shard with several servers (balanced replicas) is one series: their
  // pools come one after another and are summed, so no label set repeats.
  cursor->ForEachPool([&](absl::string_view ks, absl::string_view shard,
                          const mysql::Pool& pool) {
    std::string labels = absl::StrCat("keyspace=\"", ks, "\",shard=\"", shard,
                                      "\",tablet_type=\"", type, "\"");
    const mysql::BackendStats::Snapshot stats = pool.backend_stats().Read();
    const mysql::PoolStats ps = pool.stats();
    if (!rows->empty() && rows->back().labels == labels) {
      ShardRow& r = rows->back();
      r.stats.queries += stats.queries;
      r.stats.errors += stats.errors;
      for (size_t i = 0; i < stats.buckets.size(); ++i) {
        r.stats.buckets[i] += stats.buckets[i];
      }
      r.stats.sum_seconds += stats.sum_seconds;
      r.pool.open += ps.open;
      r.pool.idle += ps.idle;
      return;
    }
    rows->push_back({std::move(labels), stats, ps});
  });
}

void Header(std::string* out, absl::string_view name, absl::string_view type,
            absl::string_view help) {
  absl::StrAppend(out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ", type,
                  "\n");
}

void Scalar(std::string* out, absl::string_view name, absl::string_view type,
            absl::string_view help, double value) {
  Header(out, name, type, help);
  absl::StrAppend(out, name, " ", value, "\n");
}

void RenderShards(const std::vector<ShardRow>& rows, std::string* out) {
  const auto per_shard = [&](absl::string_view name, absl::string_view type,
                             absl::string_view help, auto value) {
    Header(out, name, type, help);
    for (const ShardRow& r : rows) {
      absl::StrAppend(out, name, "{", r.labels, "} ", value(r), "\n");
    }
  };
  per_shard("tessera_router_backend_queries_total", "counter",
            "Queries answered by each shard's tablet.",
            [](const ShardRow& r) { return r.stats.queries; });
  per_shard("tessera_router_backend_errors_total", "counter",
            "Error answers, failed sends and failed connects per tablet.",
            [](const ShardRow& r) { return r.stats.errors; });
  per_shard("tessera_router_backend_connections_open", "gauge",
            "Pooled connections to each tablet (idle and in use).",
            [](const ShardRow& r) { return r.pool.open; });
  per_shard("tessera_router_backend_connections_idle", "gauge",
            "Idle pooled connections to each tablet.",
            [](const ShardRow& r) { return r.pool.idle; });
  const absl::string_view h = "tessera_router_backend_latency_seconds";
  Header(out, h, "histogram",
         "Time from sending a query to a tablet to its answer.");
  for (const ShardRow& r : rows) {
    uint64_t cumulative = 0;
    for (size_t i = 0; i < mysql::BackendStats::kBuckets.size(); ++i) {
      cumulative += r.stats.buckets[i];
      absl::StrAppend(out, h, "_bucket{", r.labels, ",le=\"",
                      mysql::BackendStats::kBuckets[i], "\"} ", cumulative,
                      "\n");
    }
    cumulative += r.stats.buckets.back();
    absl::StrAppend(out, h, "_bucket{", r.labels, ",le=\"+Inf\"} ", cumulative,
                    "\n", h, "_sum{", r.labels, "} ", r.stats.sum_seconds, "\n",
                    h, "_count{", r.labels, "} ", cumulative, "\n");
  }
}

}  // namespace

std::string RouterMetricsText(const RouterImpl& router) {
  std::string out;
  const planner::PlanCacheStats pc = router.plan_cache_stats();
  Scalar(&out, "tessera_router_plan_cache_hits_total", "counter",
         "Statements whose plan came from the cache.", pc.hits);
  Scalar(&out, "tessera_router_plan_cache_misses_total", "counter",
         "Statements planned afresh.", pc.misses);
  Scalar(&out, "tessera_router_plan_cache_evictions_total", "counter",
         "Plans evicted for space.", pc.evictions);
  Scalar(&out, "tessera_router_plan_cache_entries", "gauge", "Plans cached.",
         pc.entries);
  Scalar(&out, "tessera_router_plan_cache_bytes", "gauge",
         "Bytes of cached plans.", pc.bytes);

  const std::shared_ptr<const RouterState> st = router.CurrentState();
  std::vector<ShardRow> rows;
  CollectShards(st->cursor.get(), "primary", &rows);
  CollectShards(st->replica_cursor.get(), "replica", &rows);
  CollectShards(st->rdonly_cursor.get(), "rdonly", &rows);
  RenderShards(rows, &out);

  const RouterImpl::TopologyHealth t = router.topology_health();
  Scalar(&out, "tessera_router_topology_generation", "gauge",
         "Topology generation the router serves (0: static configuration).",
         t.applied_generation);
  if (t.enabled) {
    Scalar(&out, "tessera_router_topology_seen_generation", "gauge",
           "Latest topology generation seen by the watch.", t.seen_generation);
    Scalar(&out, "tessera_router_topology_staleness_seconds", "gauge",
           "Seconds since the topology service last answered.",
           absl::ToDoubleSeconds(t.staleness));
    Scalar(&out, "tessera_router_topology_connected", "gauge",
           "1 if the last probe reached the topology service.",
           t.connected ? 1 : 0);
  }
  return out;
}

}  // namespace tessera::router
