// Real MariaDB servers for integration tests.
//
//   ASSERT_OK_AND_ASSIGN(auto db, MariadbFixture::Start({.shards = 2}));
//   ASSERT_THAT(Exec(db->primary(0), "CREATE DATABASE ks"), IsOk());
//
// Each server is a mariadbd on a free 127.0.0.1 port with its own directory
// under the test's scratch dir; replicas follow their primary with GTIDs.
// The destructor (or the test process dying) stops every server and removes
// the directories, so two test targets never collide.
#ifndef TESSERA_LIB_TESTING_MARIADB_FIXTURE_H_
#define TESSERA_LIB_TESTING_MARIADB_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/localcluster/mariadb.h"
#include "lib/testing/scratch_dir.h"
#include "lib/testing/sql_client.h"

namespace tessera::testing {

struct MariadbOptions {
  int shards = 1;
  int replicas = 0;  // per shard
  std::vector<std::string> extra_config;
};

class MariadbFixture {
 public:
  static absl::StatusOr<std::unique_ptr<MariadbFixture>> Start(
      const MariadbOptions& options);
  ~MariadbFixture();

  int num_shards() const { return static_cast<int>(primaries_.size()); }
  const MariadbServer& primary(int shard) const {
    return primaries_[shard]->server();
  }
  const MariadbServer& replica(int shard, int index) const {
    return replicas_[shard][index]->server();
  }
  localcluster::MariadbInstance& primary_instance(int shard) {
    return *primaries_[shard];
  }
  localcluster::MariadbInstance& replica_instance(int shard, int index) {
    return *replicas_[shard][index];
  }
  absl::Status WaitReplicaCaughtUp(int shard, int index,
                                   absl::Duration timeout);

 private:
  explicit MariadbFixture(ScratchDir dir) : dir_(std::move(dir)) {}

  ScratchDir dir_;
  std::vector<std::unique_ptr<localcluster::MariadbInstance>> primaries_;
  std::vector<std::vector<std::unique_ptr<localcluster::MariadbInstance>>>
      replicas_;
};

}  // namespace tessera::testing

#endif  // TESSERA_LIB_TESTING_MARIADB_FIXTURE_H_
