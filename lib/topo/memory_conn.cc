#include "lib/topo/memory_conn.h"

#include "absl/time/clock.h"

namespace tessera::topo {

MemoryConn::MemoryConn(size_t history_limit)
    : LocalConn(internal::NewMapStore(), history_limit) {}

std::unique_ptr<MemoryConn> MemoryConn::New(size_t history_limit) {
  std::unique_ptr<MemoryConn> conn(new MemoryConn(history_limit));
  conn->Init().IgnoreError();  // a map store cannot fail
  return conn;
}

void MemoryConn::FailNext(int n, absl::Status status) {
  absl::MutexLock l(&fault_mu_);
  fail_next_ = n;
  fail_status_ = std::move(status);
}

void MemoryConn::SetDelay(absl::Duration delay) {
  absl::MutexLock l(&fault_mu_);
  delay_ = delay;
}

void MemoryConn::SetUnreachable(bool unreachable) {
  absl::MutexLock l(&fault_mu_);
  unreachable_ = unreachable;
}

absl::Status MemoryConn::BeforeOp() {
  absl::Duration delay;
  {
    absl::MutexLock l(&fault_mu_);
    if (unreachable_) {
      return absl::UnavailableError("topo: memory backend unreachable");
    }
    if (fail_next_ > 0) {
      --fail_next_;
      return fail_status_;
    }
    delay = delay_;
  }
  if (delay > absl::ZeroDuration()) absl::SleepFor(delay);
  return absl::OkStatus();
}

}  // namespace tessera::topo
