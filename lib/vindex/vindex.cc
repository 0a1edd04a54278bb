#include "lib/vindex/vindex.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tessera::vindex {

absl::StatusOr<std::vector<Value>> Vindex::ReverseMap(
    absl::Span<const std::string> /*ksids*/) const {
  return absl::UnimplementedError(absl::StrCat("vindex '", name(), "' of type ",
                                               type(), " is not reversible"));
}

absl::StatusOr<std::vector<Destination>> FunctionalVindex::Map(
    absl::Span<const Row> rows, QueryExecutor* /*executor*/) const {
  std::vector<Destination> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    if (row.size() != 1) {
      return absl::InvalidArgumentError(absl::StrCat("vindex '", name(),
                                                     "' maps one column, got ",
                                                     row.size(), " values"));
    }
    absl::StatusOr<std::optional<std::string>> ksid = CheckedKeyspaceId(row[0]);
    if (!ksid.ok()) return ksid.status();
    out.push_back(*ksid ? Destination::KeyspaceId(**std::move(ksid))
                        : Destination::None());
  }
  return out;
}

absl::StatusOr<std::vector<bool>> FunctionalVindex::Verify(
    absl::Span<const Row> rows, absl::Span<const std::string> ksids,
    QueryExecutor* /*executor*/) const {
  if (rows.size() != ksids.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("vindex '", name(), "': verify got ", rows.size(),
                     " rows but ", ksids.size(), " keyspace ids"));
  }
  std::vector<bool> out;
  out.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() != 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("vindex '", name(), "' maps one column, got ",
                       rows[i].size(), " values"));
    }
    absl::StatusOr<std::optional<std::string>> ksid =
        CheckedKeyspaceId(rows[i][0]);
    if (!ksid.ok()) return ksid.status();
    out.push_back(ksid->has_value() && **ksid == ksids[i]);
  }
  return out;
}

absl::Status ParamError(const VindexSpec& spec, absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat(
      "vindex '", spec.name, "' (type ", spec.type, "): ", message));
}

absl::Status CheckParams(const VindexSpec& spec,
                         absl::Span<const absl::string_view> allowed) {
  std::vector<std::string> unknown;
  for (const auto& [k, v] : spec.params) {
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
      unknown.push_back(k);
    }
  }
  if (unknown.empty() || spec.ignore_unknown_params) return absl::OkStatus();
  return ParamError(
      spec, absl::StrCat(
                "unknown param(s) ", absl::StrJoin(unknown, ", "),
                allowed.empty()
                    ? std::string(" (this type takes no params)")
                    : absl::StrCat(" (allowed: ", absl::StrJoin(allowed, ", "),
                                   ")")));
}

absl::StatusOr<bool> BoolParam(const VindexSpec& spec, absl::string_view name,
                               bool fallback) {
  auto it = spec.params.find(std::string(name));
  if (it == spec.params.end() || it->second.empty()) return fallback;
  std::string v = absl::AsciiStrToLower(it->second);
  if (v == "true" || v == "1") return true;
  if (v == "false" || v == "0") return false;
  return ParamError(spec,
                    absl::StrCat("param ", name, " wants true or false, got '",
                                 it->second, "'"));
}

std::string StringParam(const VindexSpec& spec, absl::string_view name) {
  auto it = spec.params.find(std::string(name));
  return it == spec.params.end() ? std::string() : it->second;
}

}  // namespace tessera::vindex
