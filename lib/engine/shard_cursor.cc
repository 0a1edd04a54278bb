#include "lib/engine/shard_cursor.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace tessera::engine {

absl::Status AnnotateShardError(const absl::Status& status,
                                absl::string_view keyspace,
                                absl::string_view shard) {
  if (status.ok()) return status;
  absl::Status out(status.code(), absl::StrCat("shard ", keyspace, "/", shard,
                                               ": ", status.message()));
  status.ForEachPayload([&out](absl::string_view url, const absl::Cord& p) {
    out.SetPayload(url, p);
  });
  return out;
}

}  // namespace tessera::engine
