#include "lib/topo/topo_url.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/base/status_macros.h"

namespace tessera::topo {
namespace {

absl::StatusOr<std::string> PercentDecode(absl::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out.push_back(s[i]);
      continue;
    }
    int hi, lo;
    auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      c = absl::ascii_tolower(c);
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      return -1;
    };
    if (i + 2 >= s.size()) {
      return absl::InvalidArgumentError("topo url: bad percent escape");
    }
    if ((hi = hex(s[i + 1])) < 0 || (lo = hex(s[i + 2])) < 0) {
      return absl::InvalidArgumentError("topo url: bad percent escape");
    }
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

absl::Status ParseQuery(absl::string_view q, TopoUrl& url) {
  if (q.empty()) return absl::OkStatus();
  for (absl::string_view part : absl::StrSplit(q, '&')) {
    if (part.empty()) continue;
    std::pair<absl::string_view, absl::string_view> kv =
        absl::StrSplit(part, absl::MaxSplits('=', 1));
    if (kv.first.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("topo url: bad query parameter '", part, "'"));
    }
    TESSERA_ASSIGN_OR_RETURN(url.params[std::string(kv.first)],
                             PercentDecode(kv.second));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<TopoUrl> ParseTopoUrl(absl::string_view raw) {
  TopoUrl url;
  size_t sep = raw.find("://");
  if (sep == absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        "topo url '", raw,
        "': expected memory://, rocksdb:///path or etcd://host:port/root"));
  }
  url.scheme = std::string(raw.substr(0, sep));
  absl::string_view rest = raw.substr(sep + 3);
  absl::string_view query;
  if (size_t q = rest.find('?'); q != absl::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  TESSERA_RETURN_IF_ERROR(ParseQuery(query, url));
  if (url.scheme == "memory") {
    if (!rest.empty()) {
      return absl::InvalidArgumentError("topo url: memory:// takes no path");
    }
    return url;
  }
  if (url.scheme == "rocksdb") {
    if (!absl::StartsWith(rest, "/") || rest.size() < 2) {
      return absl::InvalidArgumentError(absl::StrCat(
          "topo url '", raw, "': expected rocksdb:///path (three slashes)"));
    }
    // "/./x" and "/../x" are relative to the working directory.
    if (absl::StartsWith(rest, "/./") || absl::StartsWith(rest, "/../")) {
      rest.remove_prefix(1);
    }
    url.path = std::string(rest);
    return url;
  }
  if (url.scheme == "etcd") {
    size_t slash = rest.find('/');
    absl::string_view hosts = rest.substr(0, slash);
    if (slash != absl::string_view::npos) {
      url.root = std::string(absl::StripSuffix(rest.substr(slash + 1), "/"));
    }
    for (absl::string_view h : absl::StrSplit(hosts, ',', absl::SkipEmpty())) {
      size_t colon = h.rfind(':');
      int port = 0;
      if (colon == absl::string_view::npos || colon == 0 ||
          !absl::SimpleAtoi(h.substr(colon + 1), &port) || port <= 0 ||
          port > 65535) {
        return absl::InvalidArgumentError(absl::StrCat(
            "topo url '", raw, "': endpoint '", h, "' is not host:port"));
      }
      url.endpoints.push_back(std::string(h));
    }
    if (url.endpoints.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("topo url '", raw, "': no etcd endpoint"));
    }
    return url;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("topo url '", raw, "': unknown scheme '", url.scheme,
                   "' (memory, rocksdb, etcd)"));
}

absl::StatusOr<bool> UrlBool(const TopoUrl& url, absl::string_view name,
                             bool default_value) {
  auto it = url.params.find(std::string(name));
  if (it == url.params.end()) return default_value;
  std::string v = absl::AsciiStrToLower(it->second);
  if (v == "true" || v == "1" || v == "yes" || v.empty()) return true;
  if (v == "false" || v == "0" || v == "no") return false;
  return absl::InvalidArgumentError(
      absl::StrCat("topo url: ", name, "=", it->second, " is not a boolean"));
}

}  // namespace tessera::topo
