// Keyspace ids and key ranges, in Vitess's conventions.
//
// A keyspace id is an arbitrary byte string (usually 8 bytes) that a vindex
// computes for a row; rows are placed on the shard whose key range contains
// their keyspace id. Byte strings compare lexicographically as unsigned
// bytes, so a shorter prefix sorts before its extensions.
//
// A key range is the half-open interval [start, end); an empty start means
// "from the lowest id", an empty end means "to past the highest id". Shards
// are named after their range in lowercase hex: "-80" is [, 0x80),
// "80-c0" is [0x80, 0xc0), "c0-" is [0xc0, ), and "-" (or "0") is the
// whole range used by unsharded keyspaces. Any even number of hex digits
// is accepted on each side; trailing zero bytes do not change a boundary
// ("80" and "8000" denote the same point).
//
// Everything here is a pure value type: thread-compatible, no I/O.
#ifndef TESSERA_LIB_KEY_KEY_RANGE_H_
#define TESSERA_LIB_KEY_KEY_RANGE_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::key {

// Lowercase hex of a keyspace id ("166b40b44aba4bd6").
std::string KeyspaceIdToHex(absl::string_view ksid);

// Parses hex (either case, even length) into bytes. Errors:
// InvalidArgument naming the offending text.
absl::StatusOr<std::string> KeyspaceIdFromHex(absl::string_view hex);

// Compares two range boundaries as points, ignoring trailing zero bytes.
// Both must be bounded (non-empty) or the caller must handle emptiness;
// an empty boundary compares as the lowest point here.
int CompareBoundary(absl::string_view a, absl::string_view b);

struct KeyRange {
  std::string start;  // inclusive; empty = unbounded below
  std::string end;    // exclusive; empty = unbounded above

  // The whole range ("-").
  static KeyRange Full() { return KeyRange{}; }
  bool IsFull() const { return start.empty() && end.empty(); }

  // Whether `ksid` falls inside [start, end).
  bool Contains(absl::string_view ksid) const;

  // Whether the two ranges share at least one keyspace id.
  bool Intersects(const KeyRange& other) const;

  // The common part of the two ranges, or nullopt when they are disjoint.
  std::optional<KeyRange> Intersection(const KeyRange& other) const;

  // Whether every id of `other` is also in this range.
  bool ContainsRange(const KeyRange& other) const;

  // Equality as intervals (trailing zero bytes ignored).
  bool Equals(const KeyRange& other) const;

  // Vitess shard name: "-80", "80-c0", "-".
  std::string ToShardName() const;
};

// Parses a Vitess shard name. "-" and "0" (Vitess's name for an unsharded
// keyspace's only shard) are the full range. Errors: InvalidArgument for a
// missing '-', odd-length or non-hex boundaries, or start >= end.
absl::StatusOr<KeyRange> ParseShardName(absl::string_view name);

}  // namespace tessera::key

#endif  // TESSERA_LIB_KEY_KEY_RANGE_H_
