#include "lib/testing/etcd_fixture.h"

#include "lib/base/status_macros.h"

namespace tessera::testing {

absl::StatusOr<std::unique_ptr<EtcdFixture>> EtcdFixture::Start(int members) {
  TESSERA_ASSIGN_OR_RETURN(ScratchDir dir, ScratchDir::Create("etcd"));
  auto fixture = std::unique_ptr<EtcdFixture>(new EtcdFixture(std::move(dir)));
  localcluster::EtcdOptions options;
  options.dir = fixture->dir_.path();
  options.members = members;
  TESSERA_ASSIGN_OR_RETURN(fixture->cluster_,
                           localcluster::EtcdCluster::Start(options));
  return fixture;
}

}  // namespace tessera::testing
