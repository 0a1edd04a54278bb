#include "lib/topo/conformance.h"

#include <thread>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "lib/testing/status_matchers.h"
#include "lib/topo/election.h"

namespace tessera::topo::testing {

using ::tessera::testing::IsOk;
using ::tessera::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Field;

WatchCallback EventLog::Callback() {
  return [this](const WatchEvent& e) {
    absl::MutexLock l(&mu_);
    events_.push_back(e);
  };
}

bool EventLog::Wait(size_t n, absl::Duration limit) {
  absl::MutexLock l(&mu_);
  struct Arg {
    EventLog* log;
    size_t n;
  } arg{this, n};
  return mu_.AwaitWithTimeout(absl::Condition(
                                  +[](Arg* a) ABSL_NO_THREAD_SAFETY_ANALYSIS {
                                    return a->log->events_.size() >= a->n;
                                  },
                                  &arg),
                              limit);
}

std::vector<WatchEvent> EventLog::events() {
  absl::MutexLock l(&mu_);
  return events_;
}

// Binaries that link the suite only for EventLog instantiate nothing.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ConnConformanceTest);

void ConnConformanceTest::SetUp() {
  auto conn = GetParam().make();
  ASSERT_THAT(conn, IsOk());
  conn_ = *std::move(conn);
}

TEST_P(ConnConformanceTest, GetMissingIsNotFound) {
  EXPECT_THAT(conn_->Get("nope"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(ConnConformanceTest, CreateThenGet) {
  auto v = conn_->Create("a/b", "hello");
  ASSERT_THAT(v, IsOk());
  EXPECT_GT(*v, 0);
  auto kv = conn_->Get("a/b");
  ASSERT_THAT(kv, IsOk());
  EXPECT_EQ(kv->key, "a/b");
  EXPECT_EQ(kv->value, "hello");
  EXPECT_EQ(kv->version, *v);
  EXPECT_THAT(conn_->Create("a/b", "again"),
              StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_P(ConnConformanceTest, BinaryValuesRoundTrip) {
  std::string value("\0\x01\xff zero", 8);
  ASSERT_THAT(conn_->Create("bin", value), IsOk());
  auto kv = conn_->Get("bin");
  ASSERT_THAT(kv, IsOk());
  EXPECT_EQ(kv->value, value);
}

TEST_P(ConnConformanceTest, UpdateComparesVersion) {
  auto v1 = conn_->Create("k", "1");
  ASSERT_THAT(v1, IsOk());
  auto v2 = conn_->Update("k", "2", *v1);
  ASSERT_THAT(v2, IsOk());
  EXPECT_GT(*v2, *v1);
  EXPECT_THAT(conn_->Update("k", "3", *v1),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(conn_->Get("k")->value, "2");
  EXPECT_THAT(conn_->Update("missing", "x", 5),
              StatusIs(absl::StatusCode::kNotFound));
  auto v3 = conn_->Update("k", "4", Conn::kAnyVersion);
  ASSERT_THAT(v3, IsOk());
  EXPECT_GT(*v3, *v2);
  ASSERT_THAT(conn_->Update("fresh", "new", Conn::kAnyVersion), IsOk());
  EXPECT_EQ(conn_->Get("fresh")->value, "new");
}

TEST_P(ConnConformanceTest, DeleteComparesVersion) {
  auto v1 = conn_->Create("d", "1");
  ASSERT_THAT(v1, IsOk());
  auto v2 = conn_->Update("d", "2", *v1);
  ASSERT_THAT(v2, IsOk());
  EXPECT_THAT(conn_->Delete("d", *v1), StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(conn_->Delete("d", *v2), IsOk());
  EXPECT_THAT(conn_->Get("d"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(conn_->Delete("d", Conn::kAnyVersion),
              StatusIs(absl::StatusCode::kNotFound));
  ASSERT_THAT(conn_->Create("d", "again"), IsOk());
  EXPECT_THAT(conn_->Delete("d", Conn::kAnyVersion), IsOk());
}

TEST_P(ConnConformanceTest, ListByPrefixSorted) {
  for (const char* k : {"ks/b", "ks/a", "ks/c/x", "ksx", "other"}) {
    ASSERT_THAT(conn_->Create(k, k), IsOk());
  }
  auto list = conn_->List("ks/");
  ASSERT_THAT(list, IsOk());
  EXPECT_THAT(*list, ElementsAre(Field(&KeyValue::key, "ks/a"),
                                 Field(&KeyValue::key, "ks/b"),
                                 Field(&KeyValue::key, "ks/c/x")));
  EXPECT_EQ((*list)[2].value, "ks/c/x");
  auto all = conn_->List("");
  ASSERT_THAT(all, IsOk());
  EXPECT_EQ(all->size(), 5u);
  auto none = conn_->List("zzz");
  ASSERT_THAT(none, IsOk());
  EXPECT_TRUE(none->empty());
}

TEST_P(ConnConformanceTest, ConcurrentCompareAndSetLosesNoUpdate) {
  ASSERT_THAT(conn_->Create("n", "0"), IsOk());
  auto add = [&] {
    for (int i = 0; i < 15; ++i) {
      for (int attempt = 0; attempt < 100; ++attempt) {
        auto cur = conn_->Get("n");
        ASSERT_THAT(cur, IsOk());
        int n = std::stoi(cur->value);
        auto v = conn_->Update("n", std::to_string(n + 1), cur->version);
        if (v.ok()) break;
        ASSERT_THAT(v, StatusIs(absl::StatusCode::kAborted));
      }
    }
  };
  std::thread a(add), b(add);
  a.join();
  b.join();
  EXPECT_EQ(conn_->Get("n")->value, "30");
}

TEST_P(ConnConformanceTest, RejectsBadKeys) {
  EXPECT_THAT(conn_->Get(""), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(conn_->Create("/abs", "x"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_P(ConnConformanceTest, RevisionGrows) {
  auto r0 = conn_->Revision();
  ASSERT_THAT(r0, IsOk());
  auto v = conn_->Create("r", "x");
  ASSERT_THAT(v, IsOk());
  auto r1 = conn_->Revision();
  ASSERT_THAT(r1, IsOk());
  EXPECT_GT(*r1, *r0);
  EXPECT_GE(*r1, *v);
}

TEST_P(ConnConformanceTest, WatchKeySeesOrderedChanges) {
  EventLog log;
  auto w = conn_->Watch("w/key", /*prefix=*/false, 0, log.Callback());
  ASSERT_THAT(w, IsOk());
  auto v1 = conn_->Create("w/key", "1");
  ASSERT_THAT(conn_->Create("w/other", "x"), IsOk());
  auto v2 = conn_->Update("w/key", "2", *v1);
  ASSERT_THAT(conn_->Delete("w/key", *v2), IsOk());
  ASSERT_TRUE(log.Wait(3));
  auto ev = log.events();
  ASSERT_EQ(ev.size(), 3u);
  EXPECT_EQ(ev[0].type, EventType::kPut);
  EXPECT_EQ(ev[0].value, "1");
  EXPECT_EQ(ev[0].version, *v1);
  EXPECT_EQ(ev[1].value, "2");
  EXPECT_EQ(ev[1].version, *v2);
  EXPECT_EQ(ev[2].type, EventType::kDelete);
  EXPECT_GT(ev[2].version, *v2);
  EXPECT_EQ(ev[2].key, "w/key");
}

TEST_P(ConnConformanceTest, WatchPrefix) {
  EventLog log;
  auto w = conn_->Watch("p/", /*prefix=*/true, 0, log.Callback());
  ASSERT_THAT(w, IsOk());
  ASSERT_THAT(conn_->Create("q/1", "no"), IsOk());
  ASSERT_THAT(conn_->Create("p/1", "a"), IsOk());
  ASSERT_THAT(conn_->Create("p/2/deep", "b"), IsOk());
  ASSERT_TRUE(log.Wait(2));
  auto ev = log.events();
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].key, "p/1");
  EXPECT_EQ(ev[1].key, "p/2/deep");
  EXPECT_LT(ev[0].version, ev[1].version);
}

TEST_P(ConnConformanceTest, WatchResumesFromVersion) {
  auto v1 = conn_->Create("h/a", "1");
  auto v2 = conn_->Update("h/a", "2", *v1);
  auto v3 = conn_->Update("h/a", "3", *v2);
  ASSERT_THAT(v3, IsOk());
  EventLog log;
  auto w = conn_->Watch("h/", true, *v2, log.Callback());
  ASSERT_THAT(w, IsOk());
  ASSERT_THAT(conn_->Update("h/a", "4", *v3), IsOk());
  ASSERT_TRUE(log.Wait(3));
  auto ev = log.events();
  ASSERT_EQ(ev.size(), 3u);
  EXPECT_EQ(ev[0].value, "2");
  EXPECT_EQ(ev[1].value, "3");
  EXPECT_EQ(ev[2].value, "4");
}

TEST_P(ConnConformanceTest, CancelledWatchStopsDelivering) {
  EventLog log;
  auto w = conn_->Watch("c", false, 0, log.Callback());
  ASSERT_THAT(w, IsOk());
  ASSERT_THAT(conn_->Create("c", "1"), IsOk());
  ASSERT_TRUE(log.Wait(1));
  (*w)->Cancel();
  ASSERT_THAT(conn_->Update("c", "2", Conn::kAnyVersion), IsOk());
  // A second watch sees the later write, so the first one had its chance.
  EventLog log2;
  auto w2 = conn_->Watch("c", false, 0, log2.Callback());
  ASSERT_THAT(conn_->Update("c", "3", Conn::kAnyVersion), IsOk());
  ASSERT_TRUE(log2.Wait(1));
  EXPECT_EQ(log.events().size(), 1u);
}

TEST_P(ConnConformanceTest, LockExcludesAndReleases) {
  auto l1 = conn_->Lock("locks/ks", absl::Seconds(10), "alice",
                        absl::Now() + absl::Seconds(10));
  ASSERT_THAT(l1, IsOk());
  EXPECT_TRUE((*l1)->Held());
  EXPECT_EQ(*conn_->LockOwner("locks/ks"), "alice");
  EXPECT_THAT(conn_->Lock("locks/ks", absl::Seconds(10), "bob",
                          absl::Now() + absl::Milliseconds(300)),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
  ASSERT_THAT((*l1)->Unlock(), IsOk());
  EXPECT_FALSE((*l1)->Held());
  EXPECT_THAT(conn_->LockOwner("locks/ks"),
              StatusIs(absl::StatusCode::kNotFound));
  auto l2 = conn_->Lock("locks/ks", absl::Seconds(10), "bob",
                        absl::Now() + absl::Seconds(10));
  ASSERT_THAT(l2, IsOk());
  EXPECT_EQ(*conn_->LockOwner("locks/ks"), "bob");
}

TEST_P(ConnConformanceTest, LockWaiterGetsLockWhenReleased) {
  auto l1 = conn_->Lock("locks/w", absl::Seconds(10), "first",
                        absl::Now() + absl::Seconds(10));
  ASSERT_THAT(l1, IsOk());
  absl::StatusOr<std::unique_ptr<LockHandle>> l2;
  std::thread waiter([&] {
    l2 = conn_->Lock("locks/w", absl::Seconds(10), "second",
                     absl::Now() + absl::Seconds(30));
  });
  absl::SleepFor(absl::Milliseconds(100));
  l1->reset();  // destroying the handle unlocks
  waiter.join();
  ASSERT_THAT(l2, IsOk());
  EXPECT_EQ(*conn_->LockOwner("locks/w"), "second");
}

TEST_P(ConnConformanceTest, ElectionHasOneLeader) {
  Election a(conn_.get(), "election/x", "a", absl::Seconds(10));
  Election b(conn_.get(), "election/x", "b", absl::Seconds(10));
  ASSERT_THAT(a.Campaign(absl::Now() + absl::Seconds(10)), IsOk());
  EXPECT_TRUE(a.IsLeader());
  EXPECT_EQ(*b.Leader(), "a");
  EXPECT_THAT(b.Campaign(absl::Now() + absl::Milliseconds(200)),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_FALSE(b.IsLeader());
  ASSERT_THAT(a.Resign(), IsOk());
  ASSERT_THAT(b.Campaign(absl::Now() + absl::Seconds(10)), IsOk());
  EXPECT_TRUE(b.IsLeader());
  EXPECT_FALSE(a.IsLeader());
  EXPECT_EQ(*a.Leader(), "b");
}

}  // namespace tessera::topo::testing
