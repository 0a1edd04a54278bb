// A static map of keyspaces to shards, resolving Destinations the way the
// router's topology cache does. Shards are named by key range in hex,
// Vitess style: "-80" covers keyspace ids below 0x80, "80-" the rest,
// "40-80" [0x40, 0x80); an unsharded keyspace has one shard ("0" or "-").
//
// Thread safety: immutable after construction; const methods are safe.
#ifndef TESSERA_LIB_ENGINE_SHARD_MAP_H_
#define TESSERA_LIB_ENGINE_SHARD_MAP_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/engine/shard_cursor.h"

namespace tessera::engine {

// [start, end) over raw keyspace-id bytes; "" means unbounded.
struct KeyRange {
  std::string start;
  std::string end;

  bool Contains(absl::string_view keyspace_id) const;
  bool Overlaps(absl::string_view start, absl::string_view end) const;
};

// Parses a shard name ("-80", "40-80", "80-", "0", "-") into its range.
// Errors (1105) on bad hex.
absl::StatusOr<KeyRange> ParseShardName(absl::string_view name);

class ShardMap {
 public:
  // Errors on a bad shard name or an empty shard list.
  absl::Status AddKeyspace(const std::string& keyspace,
                           std::vector<std::string> shards);

  // As ShardCursor::ResolveShards.
  absl::StatusOr<std::vector<std::string>> Resolve(
      absl::string_view keyspace, const Destination& dest) const;

 private:
  struct Shard {
    std::string name;
    KeyRange range;
  };
  std::map<std::string, std::vector<Shard>, std::less<>> keyspaces_;
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_SHARD_MAP_H_
