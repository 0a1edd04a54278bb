#include "lib/router/target.h"

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"

namespace tessera::router {
namespace {

absl::Status BadTarget(absl::string_view text, absl::string_view why) {
  return MysqlError(er::kBadDb, "42000",
                    absl::StrCat("Unknown database '", text, "' (", why, ")"));
}

bool IsNameChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' ||
         c == '-' || c == '$';
}

bool IsShardName(absl::string_view s) {
  size_t dash = s.find('-');
  if (dash == absl::string_view::npos || s.find('-', dash + 1) != s.npos) {
    return false;
  }
  for (char c : s) {
    if (c != '-' && !absl::ascii_isxdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

}  // namespace

absl::string_view TabletTypeName(TabletType type) {
  switch (type) {
    case TabletType::kPrimary:
      return "primary";
    case TabletType::kReplica:
      return "replica";
    case TabletType::kRdonly:
      return "rdonly";
  }
  return "primary";
}

absl::StatusOr<Target> ParseTarget(absl::string_view text) {
  Target target;
  absl::string_view rest = absl::StripAsciiWhitespace(text);
  if (size_t at = rest.rfind('@'); at != absl::string_view::npos) {
    std::string type = absl::AsciiStrToLower(rest.substr(at + 1));
    if (type == "primary" || type == "master") {
      target.tablet_type = TabletType::kPrimary;
    } else if (type == "replica") {
      target.tablet_type = TabletType::kReplica;
    } else if (type == "rdonly") {
      target.tablet_type = TabletType::kRdonly;
    } else {
      return BadTarget(text, "tablet type must be primary, replica or rdonly");
    }
    rest = rest.substr(0, at);
  }
  if (size_t open = rest.find('['); open != absl::string_view::npos) {
    if (rest.back() != ']') return BadTarget(text, "missing ]");
    absl::string_view hex = rest.substr(open + 1, rest.size() - open - 2);
    if (hex.empty() || hex.size() % 2 != 0) {
      return BadTarget(text,
                       "keyspace id must be an even number of hex digits");
    }
    for (char c : hex) {
      if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) {
        return BadTarget(text, "keyspace id must be hex");
      }
    }
    target.keyspace_id = absl::HexStringToBytes(hex);
    rest = rest.substr(0, open);
  } else if (size_t colon = rest.find(':'); colon != absl::string_view::npos) {
    absl::string_view shard = rest.substr(colon + 1);
    if (!IsShardName(shard)) {
      return BadTarget(text, "shard must look like -80, 80-c0 or -");
    }
    target.shard = absl::AsciiStrToLower(shard);
    rest = rest.substr(0, colon);
  }
  if (rest.size() >= 2 && rest.front() == '`' && rest.back() == '`') {
    rest = rest.substr(1, rest.size() - 2);
  }
  for (char c : rest) {
    if (!IsNameChar(c)) return BadTarget(text, "invalid keyspace name");
  }
  if (rest.size() > 64) return BadTarget(text, "keyspace name too long");
  if (rest.empty() && (target.has_destination())) {
    return BadTarget(text, "a shard or keyspace id needs a keyspace");
  }
  target.keyspace = std::string(rest);
  return target;
}

std::string FormatTarget(const Target& target) {
  std::string out = target.keyspace;
  if (!target.shard.empty()) absl::StrAppend(&out, ":", target.shard);
  if (!target.keyspace_id.empty()) {
    absl::StrAppend(&out, "[", absl::BytesToHexString(target.keyspace_id), "]");
  }
  if (target.tablet_type != TabletType::kPrimary) {
    absl::StrAppend(&out, "@", TabletTypeName(target.tablet_type));
  }
  return out;
}

}  // namespace tessera::router
