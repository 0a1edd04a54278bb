#include "lib/key/coverage.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace tessera::key {
namespace {

// "[40, 80)" with empty sides left blank, as a human reads a range.
std::string Interval(absl::string_view start, absl::string_view end) {
  return absl::StrCat("[", KeyspaceIdToHex(start), ", ", KeyspaceIdToHex(end),
                      ")");
}

}  // namespace

absl::StatusOr<std::vector<Shard>> ParseShards(
    absl::Span<const std::string> names) {
  std::vector<Shard> out;
  out.reserve(names.size());
  for (const std::string& n : names) {
    auto r = ParseShardName(n);
    if (!r.ok()) return r.status();
    out.push_back(Shard{n, *std::move(r)});
  }
  return out;
}

absl::Status ValidateCoverage(absl::Span<const Shard> shards) {
  if (shards.empty()) return absl::InvalidArgumentError("no shards");
  std::vector<const Shard*> sorted;
  for (const Shard& s : shards) sorted.push_back(&s);
  // Unbounded starts first, then by start boundary.
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Shard* a, const Shard* b) {
                     int c = CompareBoundary(a->range.start, b->range.start);
                     if (c != 0) return c < 0;
                     // Same start: the narrower shard first (unbounded end
                     // last), so overlaps are reported deterministically.
                     if (a->range.end.empty() || b->range.end.empty()) {
                       return !a->range.end.empty() && b->range.end.empty();
                     }
                     return CompareBoundary(a->range.end, b->range.end) < 0;
                   });
  const Shard* first = sorted.front();
  if (!first->range.start.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "gap: ", Interval("", first->range.start),
        " is covered by no shard (before the first shard ", first->name, ")"));
  }
  for (size_t i = 1; i < sorted.size(); ++i) {
    const Shard* prev = sorted[i - 1];
    const Shard* cur = sorted[i];
    if (prev->range.end.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "overlap: shards ", prev->name, " and ", cur->name, " both cover ",
          Interval(cur->range.start, cur->range.end)));
    }
    int c = CompareBoundary(prev->range.end, cur->range.start);
    if (c < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("gap: ", Interval(prev->range.end, cur->range.start),
                       " is covered by no shard (between ", prev->name, " and ",
                       cur->name, ")"));
    }
    if (c > 0) {
      std::optional<KeyRange> common = prev->range.Intersection(cur->range);
      KeyRange both = common.value_or(cur->range);
      return absl::InvalidArgumentError(
          absl::StrCat("overlap: shards ", prev->name, " and ", cur->name,
                       " both cover ", Interval(both.start, both.end)));
    }
  }
  const Shard* last = sorted.back();
  if (!last->range.end.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "gap: ", Interval(last->range.end, ""),
        " is covered by no shard (after the last shard ", last->name, ")"));
  }
  return absl::OkStatus();
}

absl::Status ValidateShardNames(absl::Span<const std::string> names) {
  auto shards = ParseShards(names);
  if (!shards.ok()) return shards.status();
  return ValidateCoverage(*shards);
}

absl::StatusOr<size_t> FindShard(absl::Span<const Shard> shards,
                                 absl::string_view ksid) {
  for (size_t i = 0; i < shards.size(); ++i) {
    if (shards[i].range.Contains(ksid)) return i;
  }
  return absl::NotFoundError(
      absl::StrCat("no shard contains keyspace id ", KeyspaceIdToHex(ksid)));
}

std::vector<size_t> ShardsForRange(absl::Span<const Shard> shards,
                                   const KeyRange& range) {
  std::vector<size_t> out;
  for (size_t i = 0; i < shards.size(); ++i) {
    if (shards[i].range.Intersects(range)) out.push_back(i);
  }
  return out;
}

}  // namespace tessera::key
