#include "lib/topo/open.h"

#include "lib/base/status_macros.h"
#include "lib/topo/etcd_conn.h"
#include "lib/topo/memory_conn.h"
#include "lib/topo/rocksdb_conn.h"
#include "lib/topo/topo_url.h"

namespace tessera::topo {

absl::StatusOr<std::unique_ptr<Conn>> Open(absl::string_view raw) {
  TESSERA_ASSIGN_OR_RETURN(TopoUrl url, ParseTopoUrl(raw));
  if (url.scheme == "memory") return std::unique_ptr<Conn>(MemoryConn::New());
  if (url.scheme == "rocksdb") {
    RocksdbOptions options;
    TESSERA_ASSIGN_OR_RETURN(options.sync, UrlBool(url, "sync", true));
    TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<LocalConn> conn,
                             OpenRocksdb(url.path, options));
    return std::unique_ptr<Conn>(std::move(conn));
  }
  TESSERA_ASSIGN_OR_RETURN(EtcdOptions options, EtcdOptionsFromUrl(url));
  TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<EtcdConn> conn,
                           EtcdConn::Connect(options));
  return std::unique_ptr<Conn>(std::move(conn));
}

}  // namespace tessera::topo
