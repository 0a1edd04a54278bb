#include "lib/engine/shard_map.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"

namespace tessera::engine {
namespace {

absl::StatusOr<std::string> Hex(absl::string_view h, absl::string_view name) {
  if (h.size() % 2 != 0) {
    return InternalMysqlError(absl::StrCat("bad shard name '", name, "'"));
  }
  for (char c : h) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) {
      return InternalMysqlError(absl::StrCat("bad shard name '", name, "'"));
    }
  }
  return absl::HexStringToBytes(h);
}

}  // namespace

bool KeyRange::Contains(absl::string_view id) const {
  return (start.empty() || id >= start) && (end.empty() || id < end);
}

bool KeyRange::Overlaps(absl::string_view s, absl::string_view e) const {
  // [start,end) and [s,e) overlap unless one ends before the other starts.
  if (!end.empty() && !s.empty() && end <= s) return false;
  if (!e.empty() && !start.empty() && e <= start) return false;
  return true;
}

absl::StatusOr<KeyRange> ParseShardName(absl::string_view name) {
  KeyRange r;
  size_t dash = name.find('-');
  if (dash == absl::string_view::npos) {
    // "0" and similar: an unsharded keyspace's single shard.
    if (name.empty() ||
        name.find_first_not_of("0123456789") != absl::string_view::npos) {
      return InternalMysqlError(absl::StrCat("bad shard name '", name, "'"));
    }
    return r;
  }
  TESSERA_ASSIGN_OR_RETURN(r.start, Hex(name.substr(0, dash), name));
  TESSERA_ASSIGN_OR_RETURN(r.end, Hex(name.substr(dash + 1), name));
  return r;
}

absl::Status ShardMap::AddKeyspace(const std::string& keyspace,
                                   std::vector<std::string> shards) {
  if (shards.empty()) {
    return InternalMysqlError(
        absl::StrCat("keyspace ", keyspace, " has no shards"));
  }
  std::vector<Shard> list;
  for (std::string& s : shards) {
    TESSERA_ASSIGN_OR_RETURN(KeyRange r, ParseShardName(s));
    list.push_back({std::move(s), std::move(r)});
  }
  std::sort(list.begin(), list.end(), [](const Shard& a, const Shard& b) {
    return a.range.start < b.range.start;
  });
  keyspaces_[keyspace] = std::move(list);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> ShardMap::Resolve(
    absl::string_view keyspace, const Destination& dest) const {
  auto it = keyspaces_.find(keyspace);
  if (it == keyspaces_.end()) {
    return MysqlError(er::kBadDb, "42000",
                      absl::StrCat("Unknown database '", keyspace, "'"));
  }
  const std::vector<Shard>& shards = it->second;
  std::vector<std::string> out;
  switch (dest.type) {
    case Destination::Type::kNone:
      return out;
    case Destination::Type::kAllShards:
      for (const Shard& s : shards) out.push_back(s.name);
      return out;
    case Destination::Type::kAnyShard:
      out.push_back(shards[0].name);
      return out;
    case Destination::Type::kShards:
      for (const std::string& name : dest.shards) {
        bool found = false;
        for (const Shard& s : shards) found = found || s.name == name;
        if (!found) {
          return InternalMysqlError(absl::StrCat("keyspace ", keyspace,
                                                 " has no shard '", name, "'"));
        }
        if (std::find(out.begin(), out.end(), name) == out.end()) {
          out.push_back(name);
        }
      }
      return out;
    case Destination::Type::kKeyRange:
      for (const Shard& s : shards) {
        if (s.range.Overlaps(dest.start, dest.end)) out.push_back(s.name);
      }
      return out;
    case Destination::Type::kKeyspaceIds:
      for (const Shard& s : shards) {
        for (const std::string& id : dest.keyspace_ids) {
          if (s.range.Contains(id)) {
            out.push_back(s.name);
            break;
          }
        }
      }
      return out;
  }
  return out;
}

}  // namespace tessera::engine
