// Session targets, in the syntax Vitess users know:
//   ""              no default keyspace
//   "ks"            keyspace ks, PRIMARY tablets
//   "ks@replica"    ks, REPLICA tablets (also @rdonly, @primary)
//   "ks:-80"        shard -80 of ks, queries go there unplanned
//   "ks:80-c0@rdonly"
//   "ks[8000000000000000]"  the shard holding this keyspace id (hex)
// A keyspace name is an identifier ([A-Za-z0-9_-], backquotes allowed).
#ifndef TESSERA_LIB_ROUTER_TARGET_H_
#define TESSERA_LIB_ROUTER_TARGET_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::router {

enum class TabletType { kPrimary, kReplica, kRdonly };

absl::string_view TabletTypeName(TabletType type);

struct Target {
  std::string keyspace;     // empty: none selected
  std::string shard;        // empty unless "ks:shard"
  std::string keyspace_id;  // raw bytes, empty unless "ks[hex]"
  TabletType tablet_type = TabletType::kPrimary;

  bool has_keyspace() const { return !keyspace.empty(); }
  bool has_destination() const {
    return !shard.empty() || !keyspace_id.empty();
  }
};

// Parses a target; errors are MySQL ER_BAD_DB_ERROR (1049, 42000) with the
// offending text, as `USE` reports them.
absl::StatusOr<Target> ParseTarget(absl::string_view text);
// The canonical text form ("ks:-80@replica").
std::string FormatTarget(const Target& target);

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_TARGET_H_
