// LocalConn: the Conn of the single-process backends (memory, rocksdb).
//
// Keeps the store revision, a bounded in-memory history of changes (for
// resumable watches), the watchers and the lock table; storage itself is a
// LocalStore. Locks live in memory only: one process owns the store (RocksDB
// holds its LOCK file), so a lock cannot outlive its holder's process. Watch
// and lock handles must be destroyed before the LocalConn.
#ifndef TESSERA_LIB_TOPO_LOCAL_CONN_H_
#define TESSERA_LIB_TOPO_LOCAL_CONN_H_

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "lib/topo/conn.h"
#include "lib/topo/event_pump.h"
#include "lib/topo/local_store.h"

namespace tessera::topo {

class LocalConn : public Conn {
 public:
  // `history_limit`: how many past changes watches can resume from (also
  // capped at 64 MiB of keys and values).
  static absl::StatusOr<std::unique_ptr<LocalConn>> Open(
      std::unique_ptr<internal::LocalStore> store, size_t history_limit);
  ~LocalConn() override;

  absl::StatusOr<KeyValue> Get(absl::string_view key) override;
  absl::StatusOr<Version> Create(absl::string_view key,
                                 absl::string_view value) override;
  absl::StatusOr<Version> Update(absl::string_view key, absl::string_view value,
                                 Version expected) override;
  absl::Status Delete(absl::string_view key, Version expected) override;
  absl::StatusOr<std::vector<KeyValue>> List(absl::string_view prefix) override;
  absl::StatusOr<Version> Revision() override;
  absl::StatusOr<std::unique_ptr<WatchHandle>> Watch(absl::string_view key,
                                                     bool prefix, Version from,
                                                     WatchCallback cb) override;
  absl::StatusOr<std::unique_ptr<LockHandle>> Lock(
      absl::string_view path, absl::Duration ttl, absl::string_view owner,
      absl::Time deadline) override;
  absl::StatusOr<std::string> LockOwner(absl::string_view path) override;

  // Internal, for the handles.
  void RemoveWatcher(uint64_t id);
  void ReleaseLock(const std::string& path, uint64_t token);
  bool LockHeld(const std::string& path, uint64_t token);

 protected:
  LocalConn(std::unique_ptr<internal::LocalStore> store, size_t history_limit);
  absl::Status Init();
  // Called before every operation; the memory backend injects faults here.
  virtual absl::Status BeforeOp() { return absl::OkStatus(); }
  // Drops the lock `path` as if its holder had died and its TTL expired.
  // Returns false if it was not held.
  bool ExpireLock(absl::string_view path);

 private:
  enum class Mode { kCreate, kUpdate, kDelete };
  struct Watcher {
    std::string key;
    bool prefix = false;
    Version from = 0;  // deliver changes with version >= from
    std::shared_ptr<internal::EventPump> pump;
  };
  struct LockState {
    std::string owner;
    uint64_t token = 0;
  };

  absl::StatusOr<Version> Write(absl::string_view key, absl::string_view value,
                                Version expected, Mode mode);
  void Publish(const WatchEvent& event) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  static bool Matches(const Watcher& w, absl::string_view key);

  absl::Mutex mu_;
  std::unique_ptr<internal::LocalStore> store_ ABSL_GUARDED_BY(mu_);
  const size_t history_limit_;
  Version revision_ ABSL_GUARDED_BY(mu_) = 0;
  std::deque<WatchEvent> history_ ABSL_GUARDED_BY(mu_);
  // Every change with revision >= history_start_ is in history_.
  Version history_start_ ABSL_GUARDED_BY(mu_) = 1;
  // Keys and values in history_; capped so big values cannot pile up.
  size_t history_bytes_ ABSL_GUARDED_BY(mu_) = 0;
  static constexpr size_t kMaxHistoryBytes = 64 << 20;
  uint64_t next_id_ ABSL_GUARDED_BY(mu_) = 1;
  std::map<uint64_t, Watcher> watchers_ ABSL_GUARDED_BY(mu_);

  absl::Mutex lock_mu_;
  std::map<std::string, LockState, std::less<>> locks_
      ABSL_GUARDED_BY(lock_mu_);
  uint64_t next_token_ ABSL_GUARDED_BY(lock_mu_) = 1;
};

}  // namespace tessera::topo

#endif  // TESSERA_LIB_TOPO_LOCAL_CONN_H_
