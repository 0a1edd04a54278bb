// Parsing of topology URLs:
//   memory://
//   rocksdb:///abs/path[?sync=false]     rocksdb:///./rel/path (relative)
//   etcd://host:port[,host:port...]/root[?tls=true&ca=F&cert=F&key=F
//        &user=U&password=P&password_file=F&timeout_ms=N]
#ifndef TESSERA_LIB_TOPO_TOPO_URL_H_
#define TESSERA_LIB_TOPO_TOPO_URL_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::topo {

struct TopoUrl {
  std::string scheme;                  // "memory", "rocksdb", "etcd"
  std::string path;                    // rocksdb: the directory
  std::vector<std::string> endpoints;  // etcd: "host:port"
  std::string root;                    // etcd: key prefix, "" or "a/b"
  std::map<std::string, std::string> params;
};

// kInvalidArgument on an unknown scheme, a missing path or endpoint, or a
// malformed query. Query values are percent-decoded.
absl::StatusOr<TopoUrl> ParseTopoUrl(absl::string_view url);

// Reads a boolean query parameter ("true/false/1/0/yes/no").
absl::StatusOr<bool> UrlBool(const TopoUrl& url, absl::string_view name,
                             bool default_value);

}  // namespace tessera::topo

#endif  // TESSERA_LIB_TOPO_TOPO_URL_H_
