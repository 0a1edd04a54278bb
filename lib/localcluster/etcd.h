// Real etcd servers (Debian's etcd-server, v3 API) on 127.0.0.1: one member
// or a small cluster, for the distributed topology and its tests.
#ifndef TESSERA_LIB_LOCALCLUSTER_ETCD_H_
#define TESSERA_LIB_LOCALCLUSTER_ETCD_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/localcluster/process.h"

namespace tessera::localcluster {

struct EtcdOptions {
  std::string dir;  // one subdirectory per member
  int members = 1;
  bool detached = false;
  absl::Duration start_timeout = absl::Seconds(30);
};

class EtcdCluster {
 public:
  static absl::StatusOr<std::unique_ptr<EtcdCluster>> Start(
      const EtcdOptions& options);
  ~EtcdCluster();

  int size() const { return static_cast<int>(members_.size()); }
  int client_port(int member) const { return members_[member].client_port; }
  pid_t pid(int member) const;
  // "127.0.0.1:P1,127.0.0.1:P2,..." (all members, also stopped ones).
  std::string endpoints() const;

  // SIGKILL one member; Restart() brings it back with its data.
  void Kill(int member);
  absl::Status Restart(int member);
  // Waits until `member` reports healthy (it sees a leader).
  absl::Status WaitHealthy(int member, absl::Duration timeout);
  void Release();

 private:
  struct Member {
    std::string name;
    int client_port = 0;
    int peer_port = 0;
    std::unique_ptr<Subprocess> process;
  };
  explicit EtcdCluster(EtcdOptions options) : options_(std::move(options)) {}
  absl::Status Launch(int member, bool existing);

  EtcdOptions options_;
  std::vector<Member> members_;
};

// A tiny HTTP/1.0 client for health checks and etcd's JSON gateway (no TLS):
// sends `method` `path` with `body` to 127.0.0.1:port, returns the body.
absl::StatusOr<std::string> HttpRequest(int port, const std::string& method,
                                        const std::string& path,
                                        const std::string& body);
inline absl::StatusOr<std::string> HttpGet(int port, const std::string& path) {
  return HttpRequest(port, "GET", path, "");
}

}  // namespace tessera::localcluster

#endif  // TESSERA_LIB_LOCALCLUSTER_ETCD_H_
