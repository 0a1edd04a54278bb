// Storage under LocalConn (memory and rocksdb backends). Internal.
//
// A LocalStore is only called by one LocalConn, with its write lock held for
// writes (reads may run concurrently with each other).
#ifndef TESSERA_LIB_TOPO_LOCAL_STORE_H_
#define TESSERA_LIB_TOPO_LOCAL_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/topo/conn.h"

namespace tessera::topo::internal {

class LocalStore {
 public:
  virtual ~LocalStore() = default;
  // The last revision written (0 for a new store).
  virtual absl::StatusOr<Version> LoadRevision() = 0;
  virtual absl::StatusOr<std::optional<KeyValue>> Read(
      absl::string_view key) = 0;
  // Puts `*value` (or deletes the key when `value` is null) and records
  // `revision` as the store revision, atomically.
  virtual absl::Status Apply(absl::string_view key, const std::string* value,
                             Version revision) = 0;
  virtual absl::StatusOr<std::vector<KeyValue>> Scan(
      absl::string_view prefix) = 0;
};

// A std::map store (the memory backend).
std::unique_ptr<LocalStore> NewMapStore();

}  // namespace tessera::topo::internal

#endif  // TESSERA_LIB_TOPO_LOCAL_STORE_H_
