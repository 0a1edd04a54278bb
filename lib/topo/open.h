// topo::Open: the backend factory behind every `--topo URL` flag.
#ifndef TESSERA_LIB_TOPO_OPEN_H_
#define TESSERA_LIB_TOPO_OPEN_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/topo/conn.h"

namespace tessera::topo {

// The default of the CLI's --topo flag: a RocksDB store under the current
// directory.
inline constexpr absl::string_view kDefaultTopoUrl =
    "rocksdb:///./.tessera/local/topo";

// Opens `url` (see topo_url.h). Errors: kInvalidArgument for a bad URL,
// kFailedPrecondition when a RocksDB store is locked by another process,
// kUnavailable when etcd cannot be reached.
absl::StatusOr<std::unique_ptr<Conn>> Open(absl::string_view url);

}  // namespace tessera::topo

#endif  // TESSERA_LIB_TOPO_OPEN_H_
