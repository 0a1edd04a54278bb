// The memory:// backend: a LocalConn over a std::map, for unit tests, with
// fault injection (the idea of Vitess's memorytopo).
#ifndef TESSERA_LIB_TOPO_MEMORY_CONN_H_
#define TESSERA_LIB_TOPO_MEMORY_CONN_H_

#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "lib/topo/local_conn.h"

namespace tessera::topo {

class MemoryConn : public LocalConn {
 public:
  // `history_limit`: how many past changes a watch can resume from.
  static std::unique_ptr<MemoryConn> New(size_t history_limit = 10000);

  // The next `n` operations fail with `status` (kUnavailable by default).
  void FailNext(int n, absl::Status status =
                           absl::UnavailableError("topo: injected failure"));
  // Every operation sleeps `delay` first (zero: none).
  void SetDelay(absl::Duration delay);
  // While unreachable every operation fails with kUnavailable.
  void SetUnreachable(bool unreachable);
  // Drops the lock `path` as if its holder had died and the TTL expired.
  bool KillLockHolder(absl::string_view path) { return ExpireLock(path); }

 protected:
  absl::Status BeforeOp() override;

 private:
  explicit MemoryConn(size_t history_limit);

  absl::Mutex fault_mu_;
  int fail_next_ ABSL_GUARDED_BY(fault_mu_) = 0;
  absl::Status fail_status_ ABSL_GUARDED_BY(fault_mu_);
  absl::Duration delay_ ABSL_GUARDED_BY(fault_mu_) = absl::ZeroDuration();
  bool unreachable_ ABSL_GUARDED_BY(fault_mu_) = false;
};

}  // namespace tessera::topo

#endif  // TESSERA_LIB_TOPO_MEMORY_CONN_H_
