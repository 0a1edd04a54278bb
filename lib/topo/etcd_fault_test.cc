// Fault tests of the etcd backend against real etcd: a member of a 3-member
// cluster dies, etcd restarts under a watch, a lock holder process is
// killed.
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/localcluster/process.h"
#include "lib/testing/etcd_fixture.h"
#include "lib/testing/status_matchers.h"
#include "lib/topo/cluster.h"
#include "lib/topo/conformance.h"
#include "lib/topo/election.h"
#include "lib/topo/open.h"
#include "lib/topo/store.h"
#include "lib/topo/watch_cache.h"

namespace tessera::topo {
namespace {

using ::tessera::testing::EtcdFixture;
using ::tessera::testing::IsOk;
using ::tessera::testing::StatusIs;
using testing::EventLog;

// Polls `pred` (bounded: at most ~30 s); true once it holds.
template <typename Pred>
bool Eventually(Pred pred) {
  for (int i = 0; i < 300; ++i) {
    if (pred()) return true;
    absl::SleepFor(absl::Milliseconds(100));
  }
  return false;
}

// Puts and deletes arrive once each, in strictly increasing version order.
void ExpectOrderedNoDuplicates(const std::vector<WatchEvent>& events) {
  for (size_t i = 1; i < events.size(); ++i) {
    EXPECT_LT(events[i - 1].version, events[i].version) << i;
  }
}

TEST(EtcdFaultTest, ThreeMemberClusterSurvivesOneMemberKilled) {
  auto etcd = EtcdFixture::Start(3);
  ASSERT_THAT(etcd, IsOk());
  auto conn = Open(absl::StrCat("etcd://", (*etcd)->endpoints(), "/ha"));
  ASSERT_THAT(conn, IsOk());
  Store store(conn->get());
  topodata::Keyspace ks;
  ks.set_name("commerce");
  ASSERT_THAT(store.CreateKeyspace(ks), IsOk());
  EventLog log;
  auto watch = (*conn)->Watch("counter", false, 0, log.Callback());
  ASSERT_THAT(watch, IsOk());
  ASSERT_THAT((*conn)->Create("counter", "0"), IsOk());

  // The client talks to member 0 first: kill exactly that one.
  (*etcd)->Kill(0);
  for (int i = 1; i <= 10; ++i) {
    auto cur = (*conn)->Get("counter");
    ASSERT_THAT(cur, IsOk()) << i;
    ASSERT_THAT((*conn)->Update("counter", absl::StrCat(i), cur->version),
                IsOk())
        << i;
  }
  EXPECT_EQ((*conn)->Get("counter")->value, "10");
  ASSERT_THAT(store.CreateShard("commerce", "-80"), IsOk());
  EXPECT_EQ(store.ListShards("commerce")->size(), 1u);
  auto lock = (*conn)->Lock("locks/ha", absl::Seconds(5), "me",
                            absl::Now() + absl::Seconds(20));
  ASSERT_THAT(lock, IsOk());
  EXPECT_EQ(*(*conn)->LockOwner("locks/ha"), "me");
  ASSERT_THAT((*lock)->Unlock(), IsOk());

  // A client opened now, whose first endpoint is the dead member, works.
  auto fresh = Open(absl::StrCat("etcd://", (*etcd)->endpoints(), "/ha"));
  ASSERT_THAT(fresh, IsOk());
  EXPECT_EQ((*fresh)->Get("counter")->value, "10");
  EventLog fresh_log;
  auto fresh_watch = (*fresh)->Watch("counter", false, 0, fresh_log.Callback());
  ASSERT_THAT(fresh_watch, IsOk());
  ASSERT_THAT((*conn)->Update("counter", "11", Conn::kAnyVersion), IsOk());
  ASSERT_TRUE(fresh_log.Wait(1));
  EXPECT_EQ(fresh_log.events()[0].value, "11");

  // The watch moved to a live member and missed nothing.
  ASSERT_TRUE(log.Wait(12));
  auto events = log.events();
  ASSERT_EQ(events.size(), 12u);
  for (int i = 0; i <= 11; ++i) EXPECT_EQ(events[i].value, absl::StrCat(i));
  ExpectOrderedNoDuplicates(events);
}

TEST(EtcdFaultTest, WatchResumesAfterEtcdRestart) {
  auto etcd = EtcdFixture::Start(1);
  ASSERT_THAT(etcd, IsOk());
  std::string url = absl::StrCat("etcd://", (*etcd)->endpoints(), "/rs");
  auto conn = Open(url);
  ASSERT_THAT(conn, IsOk());
  EventLog log;
  auto watch = (*conn)->Watch("w/", true, 0, log.Callback());
  ASSERT_THAT(watch, IsOk());
  ASSERT_THAT((*conn)->Create("w/a", "1"), IsOk());
  ASSERT_THAT((*conn)->Create("w/b", "2"), IsOk());
  ASSERT_TRUE(log.Wait(2));

  (*etcd)->Kill(0);
  auto down = Open(url + "?timeout_ms=300");
  ASSERT_THAT(down, IsOk());
  EXPECT_THAT((*down)->Get("w/a"), StatusIs(absl::StatusCode::kUnavailable));
  ASSERT_THAT((*etcd)->Restart(0), IsOk());
  ASSERT_THAT((*etcd)->cluster().WaitHealthy(0, absl::Seconds(30)), IsOk());

  ASSERT_THAT((*conn)->Update("w/a", "3", Conn::kAnyVersion), IsOk());
  ASSERT_THAT((*conn)->Delete("w/b", Conn::kAnyVersion), IsOk());
  ASSERT_TRUE(log.Wait(4));
  auto events = log.events();
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[2].key, "w/a");
  EXPECT_EQ(events[2].value, "3");
  EXPECT_EQ(events[3].type, EventType::kDelete);
  EXPECT_EQ(events[3].key, "w/b");
  ExpectOrderedNoDuplicates(events);
}

TEST(EtcdFaultTest, KilledLockHolderLosesTheLockAfterItsTtl) {
  auto etcd = EtcdFixture::Start(1);
  ASSERT_THAT(etcd, IsOk());
  std::string url = absl::StrCat("etcd://", (*etcd)->endpoints(), "/lk");
  auto conn = Open(url);
  ASSERT_THAT(conn, IsOk());
  localcluster::ProcessOptions holder;
  holder.argv = {
      absl::StrCat(getenv("TEST_SRCDIR"), "/", getenv("TEST_WORKSPACE"),
                   "/lib/topo/etcd_lock_holder"),
      url, "elections/orc", "child", "2"};
  auto child = localcluster::Subprocess::Start(holder);
  ASSERT_THAT(child, IsOk());
  ASSERT_TRUE(Eventually([&] {
    auto owner = (*conn)->LockOwner("elections/orc");
    return owner.ok() && *owner == "child";
  }));
  Election me(conn->get(), "elections/orc", "parent", absl::Seconds(5));
  EXPECT_THAT(me.Campaign(absl::Now() + absl::Milliseconds(500)),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_EQ(*me.Leader(), "child");

  (*child)->Kill();  // SIGKILL: no unlock, the lease must expire
  ASSERT_THAT(me.Campaign(absl::Now() + absl::Seconds(30)), IsOk());
  EXPECT_TRUE(me.IsLeader());
  EXPECT_EQ(*me.Leader(), "parent");
}

TEST(EtcdFaultTest, LeaseLossIsReportedByHeld) {
  auto etcd = EtcdFixture::Start(1);
  ASSERT_THAT(etcd, IsOk());
  auto conn = Open(absl::StrCat("etcd://", (*etcd)->endpoints(), "/ll"));
  ASSERT_THAT(conn, IsOk());
  auto lock = (*conn)->Lock("l", absl::Seconds(2), "me",
                            absl::Now() + absl::Seconds(10));
  ASSERT_THAT(lock, IsOk());
  EXPECT_TRUE((*lock)->Held());
  // With etcd gone for longer than the TTL no keep-alive gets through: the
  // holder must stop believing it holds the lock.
  (*etcd)->Kill(0);
  EXPECT_TRUE(Eventually([&] { return !(*lock)->Held(); }));
  ASSERT_THAT((*etcd)->Restart(0), IsOk());
}

TEST(EtcdFaultTest, WatchCacheServesLastStateWhileEtcdIsDown) {
  auto etcd = EtcdFixture::Start(1);
  ASSERT_THAT(etcd, IsOk());
  auto conn = Open(
      absl::StrCat("etcd://", (*etcd)->endpoints(), "/wc?timeout_ms=1000"));
  ASSERT_THAT(conn, IsOk());
  Store store(conn->get());
  ClusterSpec spec;
  spec.cell = "zone1";
  spec.keyspace = "commerce";
  spec.vschema_json = R"({"sharded": false})";
  spec.shards.push_back({"0", {{1, "127.0.0.1", 3306, 0, topodata::PRIMARY}}});
  ASSERT_THAT(RegisterCluster(store, spec, BasicVSchemaCheck), IsOk());
  WatchCache::Options options;
  options.cell = "zone1";
  options.probe_interval = absl::Milliseconds(100);
  auto cache = WatchCache::Start(conn->get(), options);
  ASSERT_THAT(cache, IsOk());
  ASSERT_NE((*cache)->GetSrvKeyspace("commerce"), nullptr);

  (*etcd)->Kill(0);
  EXPECT_TRUE(Eventually([&] { return !(*cache)->Connected(); }));
  absl::Duration stale = (*cache)->Staleness();
  EXPECT_GT(stale, absl::ZeroDuration());
  EXPECT_EQ(*(*cache)->GetVSchema("commerce"), R"({"sharded": false})");
  ASSERT_NE((*cache)->GetSrvKeyspace("commerce"), nullptr);
  EXPECT_TRUE(Eventually([&] { return (*cache)->Staleness() > stale; }));

  ASSERT_THAT((*etcd)->Restart(0), IsOk());
  ASSERT_THAT((*etcd)->cluster().WaitHealthy(0, absl::Seconds(30)), IsOk());
  EXPECT_TRUE(Eventually([&] { return (*cache)->Connected(); }));
  ASSERT_THAT(
      store.SaveVSchema("commerce", R"({"sharded": true})", BasicVSchemaCheck),
      IsOk());
  EXPECT_TRUE(Eventually([&] {
    return *(*cache)->GetVSchema("commerce") == R"({"sharded": true})";
  }));
}

}  // namespace
}  // namespace tessera::topo
