#include "lib/mysql/client/backend_stats.h"

#include <algorithm>

namespace tessera::mysql {

void BackendStats::RecordQuery(absl::Duration latency, bool error) {
  queries_.fetch_add(1, std::memory_order_relaxed);
  if (error) errors_.fetch_add(1, std::memory_order_relaxed);
  const double seconds = absl::ToDoubleSeconds(latency);
  const size_t bucket =
      std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) -
      kBuckets.begin();
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  const int64_t nanos = absl::ToInt64Nanoseconds(latency);
  sum_nanos_.fetch_add(nanos > 0 ? static_cast<uint64_t>(nanos) : 0,
                       std::memory_order_relaxed);
}

BackendStats::Snapshot BackendStats::Read() const {
  Snapshot s;
  s.queries = queries_.load(std::memory_order_relaxed);
  s.errors = errors_.load(std::memory_order_relaxed);
  for (size_t i = 0; i < buckets_.size(); ++i) {
    s.buckets[i] = buckets_[i].load(std::memory_order_relaxed);
  }
  s.sum_seconds =
      static_cast<double>(sum_nanos_.load(std::memory_order_relaxed)) / 1e9;
  return s;
}

}  // namespace tessera::mysql
