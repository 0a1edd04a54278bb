// EtcdClient: gRPC transport to an etcd v3 cluster for the etcd:// backend.
// Internal to lib/topo.
//
// One channel per endpoint. A call goes to the current endpoint; when it
// fails with UNAVAILABLE (member down, no leader) or times out, the client
// moves to the next endpoint and retries until the operation deadline, so a
// cluster that keeps a quorum keeps serving when one member dies. With a
// user name, each endpoint gets its own auth token (etcd's simple tokens are
// per member), refreshed when etcd rejects it.
#ifndef TESSERA_LIB_TOPO_ETCD_CLIENT_H_
#define TESSERA_LIB_TOPO_ETCD_CLIENT_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "lib/topo/etcd_rpc.grpc.pb.h"
#include "lib/topo/topo_url.h"

namespace tessera::topo {

struct EtcdOptions {
  std::vector<std::string> endpoints;  // "host:port"
  std::string root;                    // key prefix without slashes at ends
  bool tls = false;
  std::string ca_file;    // PEM roots (TLS); empty: system roots
  std::string cert_file;  // client certificate (mutual TLS), optional
  std::string key_file;
  std::string user;  // empty: no authentication
  std::string password;
  absl::Duration attempt_timeout = absl::Seconds(3);
  absl::Duration op_timeout = absl::Seconds(20);  // all retries together
};

// Options from an etcd:// URL: tls, ca, cert, key, user, password,
// password_file, timeout_ms.
absl::StatusOr<EtcdOptions> EtcdOptionsFromUrl(const TopoUrl& url);

namespace internal {

struct EtcdEndpoint {
  size_t index = 0;  // in EtcdOptions::endpoints
  std::string address;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<etcdserverpb::KV::Stub> kv;
  std::unique_ptr<etcdserverpb::Watch::Stub> watch;
  std::unique_ptr<etcdserverpb::Lease::Stub> lease;
  std::unique_ptr<etcdserverpb::Auth::Stub> auth;
};

// Converts a gRPC status ("etcd: " prefixed message, same code).
absl::Status FromGrpc(const grpc::Status& s);

class EtcdClient {
 public:
  static absl::StatusOr<std::unique_ptr<EtcdClient>> Connect(
      const EtcdOptions& options);

  const EtcdOptions& options() const { return options_; }

  using UnaryFn =
      absl::FunctionRef<grpc::Status(EtcdEndpoint&, grpc::ClientContext*)>;
  // Runs `fn` with retries across endpoints until options().op_timeout.
  // If `resent` is given it tells whether a failed attempt reached the
  // network before a later one succeeded: a write may then have been applied
  // twice, and the caller checks (see EtcdConn::Create).
  absl::Status Unary(UnaryFn fn, bool* resent = nullptr);

  // For streams: picks the current endpoint and fills `ctx` (auth token).
  absl::StatusOr<std::shared_ptr<EtcdEndpoint>> PrepareStream(
      grpc::ClientContext* ctx);
  // Reports that a call to `ep` failed with `s`. When the member looks
  // unreachable, moves to the next endpoint and gives `ep` a fresh channel
  // (a gRPC channel whose server restarted can stay stuck in connection
  // attempts that never see the server's SETTINGS frame); drops a rejected
  // token.
  void ReportFailure(const EtcdEndpoint& ep, const grpc::Status& s);

 private:
  explicit EtcdClient(EtcdOptions options) : options_(std::move(options)) {}
  absl::Status Init();
  std::shared_ptr<EtcdEndpoint> NewEndpoint(size_t index) const;
  std::shared_ptr<EtcdEndpoint> Current();
  absl::Status Authenticate(EtcdEndpoint& ep, std::string* token);
  absl::Status Prepare(EtcdEndpoint& ep, grpc::ClientContext* ctx,
                       absl::Time deadline);

  EtcdOptions options_;
  std::shared_ptr<grpc::ChannelCredentials> creds_;
  absl::Mutex mu_;
  std::vector<std::shared_ptr<EtcdEndpoint>> endpoints_ ABSL_GUARDED_BY(mu_);
  size_t current_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<std::string> tokens_ ABSL_GUARDED_BY(mu_);
};

}  // namespace internal
}  // namespace tessera::topo

#endif  // TESSERA_LIB_TOPO_ETCD_CLIENT_H_
