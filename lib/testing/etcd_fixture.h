// A real etcd (one member or a small cluster) for integration tests, on free
// 127.0.0.1 ports, stopped and removed on destruction.
#ifndef TESSERA_LIB_TESTING_ETCD_FIXTURE_H_
#define TESSERA_LIB_TESTING_ETCD_FIXTURE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "lib/localcluster/etcd.h"
#include "lib/testing/scratch_dir.h"

namespace tessera::testing {

class EtcdFixture {
 public:
  static absl::StatusOr<std::unique_ptr<EtcdFixture>> Start(int members = 1);
  ~EtcdFixture() { cluster_.reset(); }

  std::string endpoints() const { return cluster_->endpoints(); }
  int client_port(int member) const { return cluster_->client_port(member); }
  int size() const { return cluster_->size(); }
  void Kill(int member) { cluster_->Kill(member); }
  absl::Status Restart(int member) { return cluster_->Restart(member); }
  localcluster::EtcdCluster& cluster() { return *cluster_; }

 private:
  explicit EtcdFixture(ScratchDir dir) : dir_(std::move(dir)) {}
  ScratchDir dir_;
  std::unique_ptr<localcluster::EtcdCluster> cluster_;
};

}  // namespace tessera::testing

#endif  // TESSERA_LIB_TESTING_ETCD_FIXTURE_H_
