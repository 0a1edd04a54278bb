// Prometheus metrics of the gateway: queries by command, statement type and
// result, a latency histogram per statement type, errors by MySQL errno,
// rows returned; connection counters come from the server's stats at render
// time. Fed by the protocol server as a mysql::ServerObserver.
//
// Thread-safe: OnCommand is lock-free (relaxed atomics) except for errors,
// which take a mutex; Render may run concurrently with OnCommand.
#ifndef TESSERA_LIB_GATEWAY_METRICS_H_
#define TESSERA_LIB_GATEWAY_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/btree_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "lib/mysql/observer.h"
#include "lib/mysql/server.h"

namespace tessera::gateway {

// Statement types the metrics tell apart (the first keyword).
enum class StatementType : uint8_t {
  kSelect,
  kInsert,
  kUpdate,
  kDelete,
  kReplace,
  kSet,
  kShow,
  kUse,
  kBegin,
  kCommit,
  kRollback,
  kDdl,
  kCall,
  kExplain,
  kOther,
  kCount,  // number of types, not a type
};
// The type of `sql` from its first keyword (comments and '(' skipped).
StatementType ClassifyStatement(absl::string_view sql);
absl::string_view StatementTypeName(StatementType type);

class Metrics : public mysql::ServerObserver {
 public:
  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 14> kBuckets = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
      0.025,  0.05,    0.1,    0.25,  0.5,    1,     5};

  void OnCommand(const mysql::CommandEvent& event) override;

  // The Prometheus text exposition (format 0.0.4) of the counters here and
  // of `stats`.
  std::string Render(const mysql::ServerStats& stats) const;

 private:
  static constexpr int kCommands = 3;  // query, prepare, execute
  static constexpr int kTypes = static_cast<int>(StatementType::kCount);
  struct Histogram {
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};
    std::atomic<uint64_t> sum_micros{0};
  };
  void RenderQueries(std::string* out) const;
  void RenderHistograms(std::string* out) const;

  std::atomic<uint64_t> queries_[kCommands][kTypes][2] = {};  // [ok, error]
  Histogram latency_[kTypes];
  std::atomic<uint64_t> rows_{0};
  std::atomic<uint64_t> affected_rows_{0};
  mutable absl::Mutex mu_;
  absl::btree_map<uint16_t, uint64_t> errors_ ABSL_GUARDED_BY(mu_);
};

}  // namespace tessera::gateway

#endif  // TESSERA_LIB_GATEWAY_METRICS_H_
