// tessera vindex [map] --type T [--params k=v,...] [--shards -80,80-] VALUE...
// tessera vindex types
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/base/args.h"
#include "lib/key/coverage.h"
#include "lib/vindex/builtin.h"
#include "services/cli/commands.h"

namespace tessera::cli {
namespace {

constexpr char kUsage[] =
    "usage: tessera vindex [map] --type TYPE [--params k=v,k=v] "
    "[--shards -80,80-]\n"
    "                      [--value-type auto|int|uint|text|binary|hex] "
    "VALUE...\n"
    "       tessera vindex reverse --type TYPE KSID_HEX...   (reversible "
    "types)\n"
    "       tessera vindex types\n"
    "Prints each value's keyspace id in hex (and its shard with --shards).\n"
    "For a vindex over several columns, give each VALUE as a,b,c.\n";

int ListTypes() {
  vindex::VindexRegistry registry = vindex::NewBuiltinRegistry();
  for (const std::string& type : registry.Types()) {
    std::printf("%s\n", type.c_str());
  }
  return 0;
}

absl::StatusOr<std::map<std::string, std::string>> ParseParams(
    const std::string& text) {
  std::map<std::string, std::string> out;
  for (absl::string_view kv : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    std::vector<std::string> parts =
        absl::StrSplit(kv, absl::MaxSplits('=', 1));
    if (parts.size() != 2 || parts[0].empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--params wants k=v pairs, got '", kv, "'"));
    }
    out[parts[0]] = parts[1];
  }
  return out;
}

int Fail(const absl::Status& s) {
  std::fprintf(stderr, "tessera vindex: %s\n",
               std::string(s.message()).c_str());
  return 1;
}

std::string Describe(const vindex::Destination& d,
                     const std::vector<key::Shard>& shards) {
  std::string ids, where;
  switch (d.kind) {
    case vindex::Destination::Kind::kNone:
      return "none";
    case vindex::Destination::Kind::kKeyRange:
      ids = absl::StrCat("range ", d.range.ToShardName());
      for (size_t i : key::ShardsForRange(shards, d.range)) {
        absl::StrAppend(&where, where.empty() ? "" : ",", shards[i].name);
      }
      break;
    default:
      for (const std::string& k : d.ksids) {
        absl::StrAppend(&ids, ids.empty() ? "" : ",", key::KeyspaceIdToHex(k));
        if (shards.empty()) continue;
        auto i = key::FindShard(shards, k);
        absl::StrAppend(&where, where.empty() ? "" : ",",
                        i.ok() ? shards[*i].name : "?");
      }
  }
  return shards.empty() ? ids : absl::StrCat(ids, "\t", where);
}

int Reverse(const vindex::Vindex& v, const std::vector<std::string>& hexes) {
  std::vector<std::string> ksids;
  for (const std::string& h : hexes) {
    auto k = key::KeyspaceIdFromHex(h);
    if (!k.ok()) return Fail(k.status());
    ksids.push_back(*std::move(k));
  }
  auto values = v.ReverseMap(ksids);
  if (!values.ok()) return Fail(values.status());
  for (size_t i = 0; i < hexes.size(); ++i) {
    std::printf("%s\t%s\n", hexes[i].c_str(),
                (*values)[i].DebugString().c_str());
  }
  return 0;
}

}  // namespace

int RunVindex(const std::vector<std::string>& argv) {
  Args args;
  args.AddString("type", "", "vindex type (tessera vindex types lists them)");
  args.AddString("params", "", "vindex params as k=v,k=v");
  args.AddString("shards", "", "shard names, e.g. -80,80- (prints the shard)");
  args.AddString("value-type", "auto", "auto, int, uint, text, binary or hex");
  args.AddBool("help", false, "show usage");
  absl::Status parsed = args.Parse(argv);
  std::vector<std::string> values = args.positional();
  if (!values.empty() && values[0] == "types") return ListTypes();
  bool reverse = !values.empty() && values[0] == "reverse";
  if (!values.empty() && (values[0] == "map" || reverse)) {
    values.erase(values.begin());
  }
  if (!parsed.ok() || args.GetBool("help") || args.GetString("type").empty() ||
      values.empty()) {
    if (!parsed.ok()) std::fprintf(stderr, "%s\n", parsed.ToString().c_str());
    std::fprintf(stderr, "%sflags:\n%s", kUsage, args.Usage().c_str());
    return parsed.ok() && args.GetBool("help") ? 0 : 2;
  }
  auto params = ParseParams(args.GetString("params"));
  if (!params.ok()) return Fail(params.status());
  std::vector<key::Shard> shards;
  if (std::string s = args.GetString("shards"); !s.empty()) {
    std::vector<std::string> names = absl::StrSplit(s, ',');
    auto parsed_shards = key::ParseShards(names);
    if (!parsed_shards.ok()) return Fail(parsed_shards.status());
    if (absl::Status c = key::ValidateCoverage(*parsed_shards); !c.ok()) {
      return Fail(c);
    }
    shards = *std::move(parsed_shards);
  }
  vindex::VindexRegistry registry = vindex::NewBuiltinRegistry();
  auto v = registry.Create(
      vindex::VindexSpec{"cli", args.GetString("type"), *params, ""});
  if (!v.ok()) return Fail(v.status());
  if (reverse) return Reverse(**v, values);
  if ((*v)->needs_lookup()) {
    return Fail(absl::FailedPreconditionError(
        "lookup vindexes need their lookup table; this command maps "
        "functional vindexes only"));
  }
  std::vector<vindex::Row> rows;
  for (const std::string& text : values) {
    vindex::Row row;
    std::vector<std::string> cols = (*v)->column_count() > 1
                                        ? absl::StrSplit(text, ',')
                                        : std::vector<std::string>{text};
    for (const std::string& c : cols) {
      auto value = vindex::ParseValue(c, args.GetString("value-type"));
      if (!value.ok()) return Fail(value.status());
      row.push_back(*std::move(value));
    }
    rows.push_back(std::move(row));
  }
  auto dests = (*v)->Map(rows, nullptr);
  if (!dests.ok()) return Fail(dests.status());
  for (size_t i = 0; i < rows.size(); ++i) {
    std::printf("%s\t%s\n", values[i].c_str(),
                Describe((*dests)[i], shards).c_str());
  }
  return 0;
}

}  // namespace tessera::cli
