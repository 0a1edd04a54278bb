#include "lib/testing/mariadb_fixture.h"

#include "absl/strings/str_cat.h"
#include "lib/base/status_macros.h"

namespace tessera::testing {

absl::StatusOr<std::unique_ptr<MariadbFixture>> MariadbFixture::Start(
    const MariadbOptions& options) {
  if (options.shards < 1 || options.replicas < 0) {
    return absl::InvalidArgumentError("need shards >= 1 and replicas >= 0");
  }
  TESSERA_ASSIGN_OR_RETURN(ScratchDir dir, ScratchDir::Create("mariadb"));
  auto fixture =
      std::unique_ptr<MariadbFixture>(new MariadbFixture(std::move(dir)));
  int server_id = 1;
  for (int s = 0; s < options.shards; ++s) {
    localcluster::MariadbOptions o;
    o.dir = absl::StrCat(fixture->dir_.path(), "/shard", s);
    o.server_id = server_id++;
    o.extra_config = options.extra_config;
    TESSERA_ASSIGN_OR_RETURN(auto primary,
                             localcluster::MariadbInstance::Start(o));
    fixture->primaries_.push_back(std::move(primary));
    fixture->replicas_.emplace_back();
    for (int r = 0; r < options.replicas; ++r) {
      o.dir = absl::StrCat(fixture->dir_.path(), "/shard", s, "-replica", r);
      o.server_id = server_id++;
      TESSERA_ASSIGN_OR_RETURN(auto replica,
                               localcluster::MariadbInstance::Start(o));
      TESSERA_RETURN_IF_ERROR(localcluster::StartReplication(
          replica->server(), fixture->primary(s)));
      fixture->replicas_.back().push_back(std::move(replica));
    }
  }
  return fixture;
}

MariadbFixture::~MariadbFixture() {
  // Replicas first so they do not spin reconnecting to a dead primary.
  for (auto& rs : replicas_) rs.clear();
  primaries_.clear();
}

absl::Status MariadbFixture::WaitReplicaCaughtUp(int shard, int index,
                                                 absl::Duration timeout) {
  return localcluster::WaitReplicaCaughtUp(replica(shard, index),
                                           primary(shard), timeout);
}

}  // namespace tessera::testing
