// The router's Prometheus metrics for the gateway's /metrics: plan cache,
// per-shard backend queries/errors/latency and pool sizes, and topology
// freshness (generation, seconds since the topology last answered).
#ifndef TESSERA_LIB_ROUTER_ROUTER_METRICS_H_
#define TESSERA_LIB_ROUTER_ROUTER_METRICS_H_

#include <string>

#include "lib/router/router_impl.h"

namespace tessera::router {

// Prometheus text format 0.0.4. Thread-safe.
std::string RouterMetricsText(const RouterImpl& router);

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_ROUTER_METRICS_H_
