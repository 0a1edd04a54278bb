// Where a vindex sends a value: one keyspace id, several, a key range, or
// nowhere.
#ifndef TESSERA_LIB_VINDEX_DESTINATION_H_
#define TESSERA_LIB_VINDEX_DESTINATION_H_

#include <string>
#include <vector>

#include "lib/key/key_range.h"

namespace tessera::vindex {

struct Destination {
  enum class Kind {
    kNone,         // the value maps to no row anywhere (e.g. not in lookup)
    kKeyspaceId,   // exactly one keyspace id: ksids[0]
    kKeyspaceIds,  // several keyspace ids (non-unique lookup): ksids
    kKeyRange,     // every shard intersecting `range` (prefix, write_only)
  };
  Kind kind = Kind::kNone;
  std::vector<std::string> ksids;
  key::KeyRange range;

  static Destination None() { return Destination{}; }
  static Destination KeyspaceId(std::string ksid) {
    return Destination{Kind::kKeyspaceId, {std::move(ksid)}, {}};
  }
  static Destination KeyspaceIds(std::vector<std::string> ksids) {
    return Destination{Kind::kKeyspaceIds, std::move(ksids), {}};
  }
  static Destination Range(key::KeyRange range) {
    return Destination{Kind::kKeyRange, {}, std::move(range)};
  }

  // "none", "ksid(166b40b44aba4bd6)", "ksids(01,02)", "range(-80)".
  std::string DebugString() const;

  friend bool operator==(const Destination& a, const Destination& b) {
    return a.kind == b.kind && a.ksids == b.ksids &&
           a.range.start == b.range.start && a.range.end == b.range.end;
  }
};

}  // namespace tessera::vindex

#endif  // TESSERA_LIB_VINDEX_DESTINATION_H_
