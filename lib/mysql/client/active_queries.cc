#include "lib/mysql/client/active_queries.h"

#include <algorithm>

#include "lib/base/logging.h"
#include "lib/base/mysql_error.h"

namespace tessera::mysql {

absl::Status InterruptedError() {
  return MysqlError(er::kQueryInterrupted, "70100",
                    "Query execution was interrupted");
}

void ActiveQueries::Begin() {
  absl::MutexLock l(&mu_);
  running_ = true;
  cancelled_ = false;
  entries_.clear();
}

void ActiveQueries::End() {
  absl::MutexLock l(&mu_);
  running_ = false;
  cancelled_ = false;
  entries_.clear();
}

absl::Status ActiveQueries::Add(Pool* pool, const BackendConnection* conn) {
  absl::MutexLock l(&mu_);
  if (cancelled_) return InterruptedError();
  if (pool == nullptr || conn == nullptr || !running_) return absl::OkStatus();
  entries_.push_back({pool, conn, conn->thread_id()});
  return absl::OkStatus();
}

void ActiveQueries::Remove(const BackendConnection* conn) {
  absl::MutexLock l(&mu_);
  entries_.erase(
      std::remove_if(entries_.begin(), entries_.end(),
                     [conn](const Entry& e) { return e.conn == conn; }),
      entries_.end());
}

bool ActiveQueries::Cancel() {
  absl::MutexLock l(&mu_);
  if (!running_) return false;
  cancelled_ = true;
  for (const Entry& e : entries_) {
    absl::Status s = e.pool->KillQuery(e.thread_id);
    if (!s.ok()) {
      TESSERA_LOG_WARN("KILL QUERY {} on a backend failed: {}", e.thread_id,
                       s.ToString());
    }
  }
  return true;
}

bool ActiveQueries::cancelled() const {
  absl::MutexLock l(&mu_);
  return cancelled_;
}

size_t ActiveQueries::size() const {
  absl::MutexLock l(&mu_);
  return entries_.size();
}

}  // namespace tessera::mysql
