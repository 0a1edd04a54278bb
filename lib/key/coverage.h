// A keyspace's shards as a partition of the keyspace-id space.
#ifndef TESSERA_LIB_KEY_COVERAGE_H_
#define TESSERA_LIB_KEY_COVERAGE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/key/key_range.h"

namespace tessera::key {

// A named shard and its key range.
struct Shard {
  std::string name;
  KeyRange range;
};

// Parses shard names (Vitess form) into shards, in the given order.
// Errors: InvalidArgument from ParseShardName.
absl::StatusOr<std::vector<Shard>> ParseShards(
    absl::Span<const std::string> names);

// Checks that `shards` cover the whole keyspace-id range exactly once.
// Order does not matter. Errors (InvalidArgument) name the problem:
//   "no shards", "gap: [40, 80) is covered by no shard (between -40 and
//   80-)", "overlap: shards -80 and 40-c0 both cover [40, 80)",
//   "gap: [, 40) ... before the first shard", "... after the last shard".
absl::Status ValidateCoverage(absl::Span<const Shard> shards);

// Convenience: parse then validate.
absl::Status ValidateShardNames(absl::Span<const std::string> names);

// Index of the shard whose range contains `ksid`. Errors: NotFound when no
// shard contains it (only possible if coverage is incomplete).
absl::StatusOr<size_t> FindShard(absl::Span<const Shard> shards,
                                 absl::string_view ksid);

// Indexes of the shards that intersect `range`, in the order given.
std::vector<size_t> ShardsForRange(absl::Span<const Shard> shards,
                                   const KeyRange& range);

}  // namespace tessera::key

#endif  // TESSERA_LIB_KEY_COVERAGE_H_
