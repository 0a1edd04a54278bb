#include "lib/localcluster/cluster.h"

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/scratch_dir.h"
#include "lib/testing/status_matchers.h"

namespace tessera::localcluster {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::ScratchDir;
using ::tessera::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(EvenShardNamesTest, SplitsTheRange) {
  EXPECT_THAT(EvenShardNames(1), ElementsAre("-"));
  EXPECT_THAT(EvenShardNames(2), ElementsAre("-80", "80-"));
  EXPECT_THAT(EvenShardNames(4), ElementsAre("-40", "40-80", "80-c0", "c0-"));
  EXPECT_THAT(EvenShardNames(3), ElementsAre("-55", "55-aa", "aa-"));
}

TEST(LocalClusterTest, UpStatusDown) {
  TESSERA_ASSERT_OK_AND_ASSIGN(ScratchDir dir, ScratchDir::Create("cluster"));
  ClusterSpec spec;
  spec.dir = dir.path() + "/local";
  spec.shards = 2;
  spec.replicas = 1;
  TESSERA_ASSERT_OK_AND_ASSIGN(auto cluster, LocalCluster::Up(spec));
  EXPECT_TRUE(cluster->Healthy());
  TESSERA_ASSERT_OK_AND_ASSIGN(ClusterState state, ReadClusterState(spec.dir));
  ASSERT_EQ(state.components_size(), 4);
  EXPECT_EQ(state.components(0).shard(), "-80");
  EXPECT_EQ(state.components(1).role(), "replica");
  EXPECT_EQ(state.components(3).shard(), "80-");
  for (const auto& c : state.components()) {
    EXPECT_TRUE(PidAlive(c.pid())) << c.name();
  }
  std::string table = FormatClusterStatus(state);
  EXPECT_THAT(table, HasSubstr("shard_-80.primary"));
  EXPECT_THAT(table, Not(HasSubstr("DOWN")));
  // Writes on a primary reach its replica.
  ASSERT_THAT(Exec(cluster->primary(1), "CREATE DATABASE d"), IsOk());
  MariadbServer replica;
  replica.port = state.components(3).port();
  EXPECT_THAT(
      WaitReplicaCaughtUp(replica, cluster->primary(1), absl::Seconds(30)),
      IsOk());
  // A second cluster in the same directory is refused.
  EXPECT_THAT(LocalCluster::Up(spec),
              StatusIs(absl::StatusCode::kAlreadyExists));
  ASSERT_THAT(cluster->Down(), IsOk());
  for (const auto& c : state.components()) {
    EXPECT_FALSE(PidAlive(c.pid())) << c.name();
  }
  EXPECT_THAT(ReadClusterState(spec.dir),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST(LocalClusterTest, DetachedClusterIsStoppedFromItsState) {
  TESSERA_ASSERT_OK_AND_ASSIGN(ScratchDir dir, ScratchDir::Create("cluster"));
  ClusterSpec spec;
  spec.dir = dir.path() + "/bg";
  spec.shards = 1;
  spec.etcd = true;
  spec.detached = true;
  ClusterState state;
  {
    TESSERA_ASSERT_OK_AND_ASSIGN(auto cluster, LocalCluster::Up(spec));
    state = cluster->state();
    cluster->Release();
  }
  ASSERT_EQ(state.components_size(), 2);
  EXPECT_EQ(state.components(1).kind(), "etcd");
  for (const auto& c : state.components()) EXPECT_TRUE(PidAlive(c.pid()));
  ASSERT_THAT(StopClusterFromState(spec.dir), IsOk());
  for (const auto& c : state.components()) EXPECT_FALSE(PidAlive(c.pid()));
  EXPECT_THAT(StopClusterFromState(spec.dir),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST(LocalClusterTest, RestartKeepsData) {
  TESSERA_ASSERT_OK_AND_ASSIGN(ScratchDir dir, ScratchDir::Create("cluster"));
  ClusterSpec spec;
  spec.dir = dir.path() + "/keep";
  spec.shards = 1;
  {
    TESSERA_ASSERT_OK_AND_ASSIGN(auto cluster, LocalCluster::Up(spec));
    ASSERT_THAT(Exec(cluster->primary(0), "CREATE DATABASE kept"), IsOk());
  }
  TESSERA_ASSERT_OK_AND_ASSIGN(auto cluster, LocalCluster::Up(spec));
  EXPECT_THAT(Query(cluster->primary(0), "SHOW DATABASES LIKE 'kept'"),
              ::tessera::testing::IsOkAndHolds(::testing::SizeIs(1)));
}

}  // namespace
}  // namespace tessera::localcluster
