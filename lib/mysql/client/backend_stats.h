// BackendStats: what one backend server (a shard's tablet) answered so far —
// queries, errors and a histogram of the time from sending a query to its
// answer's first packet. Kept by each Pool; the gateway exports them.
//
// Thread-safe: relaxed atomics, no lock.
#ifndef TESSERA_LIB_MYSQL_CLIENT_BACKEND_STATS_H_
#define TESSERA_LIB_MYSQL_CLIENT_BACKEND_STATS_H_

#include <array>
#include <atomic>
#include <cstdint>

#include "absl/time/time.h"

namespace tessera::mysql {

class BackendStats {
 public:
  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 13> kBuckets = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
      0.025,  0.05,    0.1,    0.5,   1,      5};

  struct Snapshot {
    uint64_t queries = 0;  // answered (successfully or with an error)
    uint64_t errors = 0;   // error answers, failed sends and connects
    std::array<uint64_t, kBuckets.size() + 1> buckets{};  // not cumulative
    double sum_seconds = 0;
  };

  // A query's answer arrived after `latency`; `error` if it was an error.
  void RecordQuery(absl::Duration latency, bool error);
  // A query could not be sent (no connection, connection lost).
  void RecordError() { errors_.fetch_add(1, std::memory_order_relaxed); }

  Snapshot Read() const;

 private:
  std::atomic<uint64_t> queries_{0};
  std::atomic<uint64_t> errors_{0};
  std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets_{};
  std::atomic<uint64_t> sum_nanos_{0};
};

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_CLIENT_BACKEND_STATS_H_
