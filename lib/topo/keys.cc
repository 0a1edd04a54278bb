#include "lib/topo/keys.h"

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/base/status_macros.h"

namespace tessera::topo {

std::string KeyspaceKey(absl::string_view ks) {
  return absl::StrCat(kKeyspacesDir, ks, "/Keyspace");
}
std::string VSchemaKey(absl::string_view ks) {
  return absl::StrCat(kKeyspacesDir, ks, "/VSchema");
}
std::string ShardsDir(absl::string_view ks) {
  return absl::StrCat(kKeyspacesDir, ks, "/shards/");
}
std::string ShardKey(absl::string_view ks, absl::string_view shard) {
  return absl::StrCat(ShardsDir(ks), shard, "/Shard");
}
std::string TabletKey(const topodata::TabletAlias& alias) {
  return absl::StrCat(kTabletsDir, TabletAliasString(alias), "/Tablet");
}
std::string SrvKeyspacesDir(absl::string_view cell) {
  return absl::StrCat("cells/", cell, "/keyspaces/");
}
std::string SrvKeyspaceKey(absl::string_view cell, absl::string_view ks) {
  return absl::StrCat(SrvKeyspacesDir(cell), ks, "/SrvKeyspace");
}
std::string KeyspaceLockPath(absl::string_view ks) {
  return absl::StrCat("locks/keyspaces/", ks);
}

std::string TabletAliasString(const topodata::TabletAlias& alias) {
  return absl::StrCat(alias.cell(), "-", alias.uid());
}

absl::StatusOr<topodata::TabletAlias> ParseTabletAlias(absl::string_view s) {
  size_t dash = s.rfind('-');
  uint32_t uid = 0;
  if (dash == absl::string_view::npos || dash == 0 ||
      !absl::SimpleAtoi(s.substr(dash + 1), &uid)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "topo: tablet alias '", s, "' is not <cell>-<uid> (zone1-100)"));
  }
  topodata::TabletAlias alias;
  alias.set_cell(std::string(s.substr(0, dash)));
  alias.set_uid(uid);
  TESSERA_RETURN_IF_ERROR(ValidateName("cell", alias.cell()));
  return alias;
}

absl::Status ValidateName(absl::string_view what, absl::string_view name) {
  bool ok = !name.empty() && name.size() <= 64 && name[0] != '-';
  for (char c : name) {
    ok = ok && (absl::ascii_isalnum(c) || c == '_' || c == '-');
  }
  if (ok) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("topo: invalid ", what, " name '", name,
                   "' (1-64 of letters, digits, '_' and '-')"));
}

namespace {

absl::StatusOr<std::string> HexBound(absl::string_view name,
                                     absl::string_view hex) {
  bool ok = hex.size() % 2 == 0;
  for (char c : hex) {
    ok = ok && (absl::ascii_isdigit(c) || (c >= 'a' && c <= 'f'));
  }
  if (!ok) {
    return absl::InvalidArgumentError(absl::StrCat(
        "topo: shard name '", name,
        "' is not a key range of lower-case hex bytes (-80, 80-, 40-80)"));
  }
  return absl::HexStringToBytes(hex);
}

}  // namespace

absl::StatusOr<topodata::KeyRange> ParseShardName(absl::string_view name) {
  topodata::KeyRange range;
  if (name == "-" || name == "0") return range;
  size_t dash = name.find('-');
  if (dash == absl::string_view::npos ||
      name.find('-', dash + 1) != absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        "topo: shard name '", name, "' must be '-', '0' or <start>-<end>"));
  }
  TESSERA_ASSIGN_OR_RETURN(std::string start,
                           HexBound(name, name.substr(0, dash)));
  TESSERA_ASSIGN_OR_RETURN(std::string end,
                           HexBound(name, name.substr(dash + 1)));
  if (!start.empty() && !end.empty() && start >= end) {
    return absl::InvalidArgumentError(
        absl::StrCat("topo: shard '", name, "' has start >= end"));
  }
  range.set_start(start);
  range.set_end(end);
  return range;
}

}  // namespace tessera::topo
