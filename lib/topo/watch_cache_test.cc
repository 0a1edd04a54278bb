#include "lib/topo/watch_cache.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"
#include "lib/topo/cluster.h"
#include "lib/topo/keys.h"
#include "lib/topo/memory_conn.h"
#include "lib/topo/store.h"

namespace tessera::topo {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::StatusIs;
using ::testing::ElementsAre;

// Polls `pred` (bounded: at most ~20 s); true once it holds.
template <typename Pred>
bool Eventually(Pred pred) {
  for (int i = 0; i < 2000; ++i) {
    if (pred()) return true;
    absl::SleepFor(absl::Milliseconds(10));
  }
  return false;
}

class WatchCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClusterSpec spec;
    spec.cell = "zone1";
    spec.keyspace = "commerce";
    spec.vschema_json = R"({"sharded": false})";
    spec.shards.push_back(
        {"0", {{1, "127.0.0.1", 3306, 0, topodata::PRIMARY}}});
    ASSERT_THAT(RegisterCluster(store_, spec, BasicVSchemaCheck), IsOk());
    WatchCache::Options options;
    options.cell = "zone1";
    options.probe_interval = absl::Milliseconds(20);
    auto cache = WatchCache::Start(conn_.get(), options);
    ASSERT_THAT(cache, IsOk());
    cache_ = *std::move(cache);
  }
  void TearDown() override { cache_.reset(); }

  std::unique_ptr<MemoryConn> conn_ = MemoryConn::New();
  Store store_{conn_.get()};
  std::unique_ptr<WatchCache> cache_;
};

TEST_F(WatchCacheTest, LoadsServingGraphAndVSchemas) {
  auto srv = cache_->GetSrvKeyspace("commerce");
  ASSERT_NE(srv, nullptr);
  ASSERT_EQ(srv->partitions_size(), 3);
  EXPECT_EQ(srv->partitions(0).shard_references(0).name(), "0");
  auto vs = cache_->GetVSchema("commerce");
  ASSERT_NE(vs, nullptr);
  EXPECT_EQ(*vs, R"({"sharded": false})");
  EXPECT_EQ(cache_->GetSrvKeyspace("nope"), nullptr);
  EXPECT_THAT(cache_->Keyspaces(), ElementsAre("commerce"));
  EXPECT_TRUE(cache_->Connected());
}

TEST_F(WatchCacheTest, AppliesChangesLive) {
  uint64_t gen = cache_->generation();
  ASSERT_THAT(
      store_.SaveVSchema("commerce", R"({"sharded": true})", BasicVSchemaCheck),
      IsOk());
  EXPECT_TRUE(Eventually([&] {
    auto vs = cache_->GetVSchema("commerce");
    return vs != nullptr && *vs == R"({"sharded": true})";
  }));
  EXPECT_GT(cache_->generation(), gen);
  // A second keyspace appears, and its deletion is seen too.
  topodata::Keyspace ks;
  ks.set_name("customer");
  ASSERT_THAT(store_.CreateKeyspace(ks), IsOk());
  ASSERT_THAT(store_.CreateShard("customer", "-80"), IsOk());
  ASSERT_THAT(store_.UpdateShardFields("customer", "-80",
                                       [](topodata::Shard& s) {
                                         s.set_is_primary_serving(true);
                                         return absl::OkStatus();
                                       }),
              IsOk());
  ASSERT_THAT(store_.RebuildSrvKeyspace("zone1", "customer"), IsOk());
  EXPECT_TRUE(Eventually(
      [&] { return cache_->GetSrvKeyspace("customer") != nullptr; }));
  EXPECT_THAT(cache_->Keyspaces(), ElementsAre("commerce", "customer"));
  ASSERT_THAT(
      conn_->Delete(SrvKeyspaceKey("zone1", "customer"), Conn::kAnyVersion),
      IsOk());
  EXPECT_TRUE(Eventually(
      [&] { return cache_->GetSrvKeyspace("customer") == nullptr; }));
  // Another cell's serving graph is not this cache's business.
  ASSERT_THAT(store_.RebuildSrvKeyspace("zone2", "customer"), IsOk());
  ASSERT_THAT(store_.SaveVSchema("commerce", "{}", nullptr), IsOk());
  EXPECT_TRUE(
      Eventually([&] { return *cache_->GetVSchema("commerce") == "{}"; }));
  EXPECT_EQ(cache_->GetSrvKeyspace("customer"), nullptr);
}

TEST_F(WatchCacheTest, TracksTabletsAndRoutingRules) {
  auto primary = cache_->GetPrimary("commerce", "0");
  ASSERT_NE(primary, nullptr);
  EXPECT_EQ(primary->mysql_port(), 3306);
  EXPECT_EQ(cache_->GetRoutingRules(), nullptr);
  // A replica joins in another cell; the primary moves.
  topodata::Tablet replica;
  replica.mutable_alias()->set_cell("zone2");
  replica.mutable_alias()->set_uid(7);
  replica.set_hostname("10.0.0.7");
  replica.set_mysql_port(3307);
  replica.set_type(topodata::REPLICA);
  replica.set_keyspace("commerce");
  replica.set_shard("0");
  ASSERT_THAT(store_.PutTablet(replica), IsOk());
  EXPECT_TRUE(Eventually(
      [&] { return cache_->GetTablets("commerce", "0").size() == 2; }));
  auto tablets = cache_->GetTablets("commerce", "0");
  EXPECT_EQ(tablets[1]->hostname(), "10.0.0.7");
  replica.set_type(topodata::PRIMARY);
  ASSERT_THAT(store_.PutTablet(replica), IsOk());
  ASSERT_THAT(store_.DeleteTablet(primary->alias()), IsOk());
  EXPECT_TRUE(Eventually([&] {
    auto p = cache_->GetPrimary("commerce", "0");
    return p != nullptr && p->alias().cell() == "zone2";
  }));
  EXPECT_TRUE(cache_->GetTablets("commerce", "-80").empty());
  topodata::RoutingRules rules;
  rules.add_rules()->set_from_table("t");
  ASSERT_THAT(store_.SaveRoutingRules(rules), IsOk());
  EXPECT_TRUE(Eventually([&] {
    auto r = cache_->GetRoutingRules();
    return r != nullptr && r->rules_size() == 1;
  }));
}

TEST_F(WatchCacheTest, KeepsServingWhenTopologyIsUnreachable) {
  conn_->SetUnreachable(true);
  EXPECT_TRUE(Eventually([&] { return !cache_->Connected(); }));
  absl::Duration stale = cache_->Staleness();
  EXPECT_GT(stale, absl::ZeroDuration());
  ASSERT_NE(cache_->GetSrvKeyspace("commerce"), nullptr);
  EXPECT_EQ(*cache_->GetVSchema("commerce"), R"({"sharded": false})");
  EXPECT_TRUE(Eventually([&] { return cache_->Staleness() > stale; }));
  conn_->SetUnreachable(false);
  EXPECT_TRUE(Eventually([&] { return cache_->Connected(); }));
  ASSERT_THAT(
      store_.SaveVSchema("commerce", R"({"tables": {}})", BasicVSchemaCheck),
      IsOk());
  EXPECT_TRUE(Eventually(
      [&] { return *cache_->GetVSchema("commerce") == R"({"tables": {}})"; }));
}

TEST(WatchCacheStartTest, FailsWhenTopologyIsDown) {
  auto conn = MemoryConn::New();
  conn->SetUnreachable(true);
  EXPECT_THAT(WatchCache::Start(conn.get(), {}),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(WatchCache::Start(conn.get(), {"bad cell!"}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(WatchCacheStartTest, ReloadsAfterWatchHistoryIsLost) {
  // A tiny history and a cache that must resume from an old revision: the
  // watch ends with kOutOfRange and the cache reloads everything.
  auto conn = MemoryConn::New(/*history_limit=*/1);
  Store store(conn.get());
  topodata::Keyspace ks;
  ks.set_name("ks");
  ASSERT_THAT(store.CreateKeyspace(ks), IsOk());
  WatchCache::Options options;
  options.probe_interval = absl::Milliseconds(20);
  auto cache = WatchCache::Start(conn.get(), options);
  ASSERT_THAT(cache, IsOk());
  for (int i = 0; i < 20; ++i) {
    ASSERT_THAT(store.SaveVSchema(
                    "ks", absl::StrCat(R"({"tables":{"t)", i, R"(":{}}})"),
                    BasicVSchemaCheck),
                IsOk());
  }
  EXPECT_TRUE(Eventually([&] {
    auto vs = (*cache)->GetVSchema("ks");
    return vs != nullptr && *vs == R"({"tables":{"t19":{}}})";
  }));
}

}  // namespace
}  // namespace tessera::topo
