#include "lib/key/key_range.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace tessera::key {
namespace {

absl::string_view TrimTrailingZeros(absl::string_view s) {
  while (!s.empty() && s.back() == '\0') s.remove_suffix(1);
  return s;
}

bool IsHex(absl::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return absl::ascii_isxdigit(c); });
}

}  // namespace

std::string KeyspaceIdToHex(absl::string_view ksid) {
  return absl::BytesToHexString(ksid);
}

absl::StatusOr<std::string> KeyspaceIdFromHex(absl::string_view hex) {
  if (hex.size() % 2 != 0 || !IsHex(hex)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", hex, "' is not an even-length hexadecimal keyspace id"));
  }
  return absl::HexStringToBytes(hex);
}

int CompareBoundary(absl::string_view a, absl::string_view b) {
  return TrimTrailingZeros(a).compare(TrimTrailingZeros(b));
}

bool KeyRange::Contains(absl::string_view ksid) const {
  // Plain byte comparison: an id equal to `start` extended by anything is
  // inside, exactly as Vitess's KeyRangeContains.
  if (!start.empty() && ksid.compare(start) < 0) {
    // "80" vs id 0x80 00 ...: the id is >= start; compare() already says so.
    return false;
  }
  if (!end.empty() && ksid.compare(end) >= 0) return false;
  return true;
}

bool KeyRange::Intersects(const KeyRange& other) const {
  // [a.start, a.end) and [b.start, b.end) overlap iff each starts before
  // the other ends.
  auto starts_before_end = [](const std::string& s, const std::string& e) {
    return e.empty() || s.empty() || CompareBoundary(s, e) < 0;
  };
  return starts_before_end(start, other.end) &&
         starts_before_end(other.start, end);
}

std::optional<KeyRange> KeyRange::Intersection(const KeyRange& other) const {
  if (!Intersects(other)) return std::nullopt;
  KeyRange r;
  r.start = CompareBoundary(start, other.start) >= 0 ? start : other.start;
  if (end.empty()) {
    r.end = other.end;
  } else if (other.end.empty()) {
    r.end = end;
  } else {
    r.end = CompareBoundary(end, other.end) <= 0 ? end : other.end;
  }
  return r;
}

bool KeyRange::ContainsRange(const KeyRange& other) const {
  bool start_ok = start.empty() || (!other.start.empty() &&
                                    CompareBoundary(start, other.start) <= 0);
  bool end_ok = end.empty() ||
                (!other.end.empty() && CompareBoundary(other.end, end) <= 0);
  return start_ok && end_ok;
}

bool KeyRange::Equals(const KeyRange& other) const {
  return CompareBoundary(start, other.start) == 0 &&
         CompareBoundary(end, other.end) == 0;
}

std::string KeyRange::ToShardName() const {
  return absl::StrCat(KeyspaceIdToHex(start), "-", KeyspaceIdToHex(end));
}

absl::StatusOr<KeyRange> ParseShardName(absl::string_view name) {
  if (name == "-" || name == "0") return KeyRange::Full();
  size_t dash = name.find('-');
  if (dash == absl::string_view::npos ||
      name.find('-', dash + 1) != absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        "bad shard name '", name,
        "': want START-END in hex, e.g. -80, 80-c0, c0- or - (unsharded)"));
  }
  absl::string_view s = name.substr(0, dash);
  absl::string_view e = name.substr(dash + 1);
  KeyRange r;
  for (auto [text, out] : {std::pair{s, &r.start}, std::pair{e, &r.end}}) {
    if (text.size() % 2 != 0 || !IsHex(text)) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad shard name '", name, "': '", text,
                       "' is not an even-length hexadecimal boundary"));
    }
    *out = absl::HexStringToBytes(text);
  }
  if (!r.start.empty() && !r.end.empty() &&
      CompareBoundary(r.start, r.end) >= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad shard name '", name, "': start must be below end"));
  }
  return r;
}

}  // namespace tessera::key
