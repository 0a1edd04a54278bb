// topo::Conn: the small interface every topology backend implements.
//
// A Conn is a versioned key/value store with prefix listing, ordered watches
// and TTL locks. Keys are '/'-separated paths without a leading slash
// ("keyspaces/ks1/Keyspace"). Every successful write bumps one store-wide,
// strictly increasing revision; a key's `version` is the revision of its last
// write (etcd's mod_revision). Compare-and-set uses that version.
//
// Backends: memory:// (tests, fault injection), rocksdb:///path (embedded
// default, one process), etcd://h:p[,h:p]/root (a real etcd v3 cluster).
// Open one with topo::Open(url) (topo/open.h).
//
// Thread safety: every method may be called from any thread concurrently.
// Watch callbacks run on a backend thread, one event at a time per watch, in
// revision order; a callback must not destroy its own WatchHandle.
//
// Errors common to every method:
//   kUnavailable       the backend cannot be reached (etcd down, fault
//                      injected); retrying later may succeed.
//   kInvalidArgument   a malformed key (empty, leading '/', NUL byte).
//   kDeadlineExceeded  an operation timed out.
#ifndef TESSERA_LIB_TOPO_CONN_H_
#define TESSERA_LIB_TOPO_CONN_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace tessera::topo {

// A store-wide revision; also the version of a key (its last write).
using Version = int64_t;

struct KeyValue {
  std::string key;
  std::string value;
  Version version = 0;
};

enum class EventType { kPut, kDelete, kError };

// One change seen by a watch. For kError the watch has ended (`status` says
// why, e.g. kOutOfRange when the start version was compacted away) and no
// further events follow.
struct WatchEvent {
  EventType type = EventType::kPut;
  std::string key;
  std::string value;    // empty for kDelete
  Version version = 0;  // revision of the change
  absl::Status status;  // only for kError
};

using WatchCallback = std::function<void(const WatchEvent&)>;

// Keeps a watch alive; destroying it (or Cancel) stops delivery and waits
// for a running callback to return.
class WatchHandle {
 public:
  virtual ~WatchHandle() = default;
  virtual void Cancel() = 0;
};

// A held lock. Unlock() releases it; destroying the handle unlocks too. The
// backend keeps the lock alive (lease keep-alive) while the handle exists; if
// the process dies the lock expires after its TTL.
class LockHandle {
 public:
  virtual ~LockHandle() = default;
  virtual absl::Status Unlock() = 0;
  // Whether the lock is still held (false after its lease was lost).
  virtual bool Held() const = 0;
};

class Conn {
 public:
  virtual ~Conn() = default;

  // The value and version of `key`. kNotFound if absent.
  virtual absl::StatusOr<KeyValue> Get(absl::string_view key) = 0;

  // Creates `key`; kAlreadyExists if present. Returns the new version.
  virtual absl::StatusOr<Version> Create(absl::string_view key,
                                         absl::string_view value) = 0;

  // Writes `key` if its current version equals `expected`, or
  // unconditionally (creating the key if needed) when `expected` is
  // kAnyVersion. kNotFound if absent (and expected != kAnyVersion), kAborted
  // on a version mismatch. Returns the new version.
  static constexpr Version kAnyVersion = -1;
  virtual absl::StatusOr<Version> Update(absl::string_view key,
                                         absl::string_view value,
                                         Version expected) = 0;

  // Deletes `key` if its version equals `expected` (or kAnyVersion).
  // kNotFound if absent, kAborted on a version mismatch.
  virtual absl::Status Delete(absl::string_view key, Version expected) = 0;

  // All keys starting with `prefix` (plain string prefix; "" lists all),
  // sorted by key.
  virtual absl::StatusOr<std::vector<KeyValue>> List(
      absl::string_view prefix) = 0;

  // The current store revision (0 for an empty store). Events after it are
  // what a watch started at Revision()+1 sees.
  virtual absl::StatusOr<Version> Revision() = 0;

  // Watches `key` (or every key starting with it if `prefix`) and calls `cb`
  // for every change with revision >= `from` (0: changes after now), in
  // order. A backend keeps a bounded history; `from` older than that ends
  // the watch with a kError event carrying kOutOfRange. Backends that lose
  // their connection reconnect and resume where they stopped.
  virtual absl::StatusOr<std::unique_ptr<WatchHandle>> Watch(
      absl::string_view key, bool prefix, Version from, WatchCallback cb) = 0;

  // Acquires the lock `path` for `owner` with time-to-live `ttl`, waiting
  // until `deadline`. kDeadlineExceeded if still held by someone else then.
  // Locks are not reentrant: a second Lock of a held path waits too. Use
  // LockOwner to see the holder (whether a lock is also visible as a key is
  // backend-specific).
  virtual absl::StatusOr<std::unique_ptr<LockHandle>> Lock(
      absl::string_view path, absl::Duration ttl, absl::string_view owner,
      absl::Time deadline) = 0;

  // The owner of the lock `path`; kNotFound if nobody holds it.
  virtual absl::StatusOr<std::string> LockOwner(absl::string_view path) = 0;
};

// Checks a key: non-empty, no leading '/', no NUL byte.
absl::Status ValidateKey(absl::string_view key);

}  // namespace tessera::topo

#endif  // TESSERA_LIB_TOPO_CONN_H_
