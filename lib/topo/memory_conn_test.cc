#include "lib/topo/memory_conn.h"

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"
#include "lib/topo/conformance.h"
#include "lib/topo/election.h"

namespace tessera::topo {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::StatusIs;
using testing::ConnConformanceTest;
using testing::ConnFactory;
using testing::EventLog;

INSTANTIATE_TEST_SUITE_P(Memory, ConnConformanceTest,
                         ::testing::Values(ConnFactory{
                             "memory",
                             []() -> absl::StatusOr<std::unique_ptr<Conn>> {
                               return std::unique_ptr<Conn>(MemoryConn::New());
                             }}),
                         testing::ConnFactoryName);

TEST(MemoryConnTest, FailNextThenRecovers) {
  auto conn = MemoryConn::New();
  ASSERT_THAT(conn->Create("k", "v"), IsOk());
  conn->FailNext(2);
  EXPECT_THAT(conn->Get("k"), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(conn->List(""), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(conn->Get("k"), IsOk());
}

TEST(MemoryConnTest, FailNextWithCustomStatus) {
  auto conn = MemoryConn::New();
  conn->FailNext(1, absl::DeadlineExceededError("slow"));
  EXPECT_THAT(conn->Create("k", "v"),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_THAT(conn->Get("k"), StatusIs(absl::StatusCode::kNotFound));
}

TEST(MemoryConnTest, UnreachableFailsEverything) {
  auto conn = MemoryConn::New();
  conn->SetUnreachable(true);
  EXPECT_THAT(conn->Create("k", "v"), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(conn->Revision(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(conn->Lock("l", absl::Seconds(1), "me", absl::Now()),
              StatusIs(absl::StatusCode::kUnavailable));
  conn->SetUnreachable(false);
  EXPECT_THAT(conn->Create("k", "v"), IsOk());
}

TEST(MemoryConnTest, DelayStillSucceeds) {
  auto conn = MemoryConn::New();
  conn->SetDelay(absl::Milliseconds(5));
  EXPECT_THAT(conn->Create("k", "v"), IsOk());
  conn->SetDelay(absl::ZeroDuration());
  EXPECT_EQ(conn->Get("k")->value, "v");
}

TEST(MemoryConnTest, KilledLockHolderLetsWaiterIn) {
  auto conn = MemoryConn::New();
  Election a(conn.get(), "el", "a", absl::Seconds(5));
  Election b(conn.get(), "el", "b", absl::Seconds(5));
  ASSERT_THAT(a.Campaign(absl::Now() + absl::Seconds(5)), IsOk());
  EXPECT_TRUE(conn->KillLockHolder("el"));
  EXPECT_FALSE(a.IsLeader());
  ASSERT_THAT(b.Campaign(absl::Now() + absl::Seconds(5)), IsOk());
  EXPECT_EQ(*a.Leader(), "b");
  EXPECT_FALSE(conn->KillLockHolder("nobody"));
}

TEST(MemoryConnTest, WatchFromCompactedVersionEndsWithOutOfRange) {
  auto conn = MemoryConn::New(/*history_limit=*/2);
  for (int i = 0; i < 5; ++i) {
    ASSERT_THAT(conn->Update("k", "v", Conn::kAnyVersion), IsOk());
  }
  EventLog log;
  auto w = conn->Watch("k", false, 1, log.Callback());
  ASSERT_THAT(w, IsOk());
  ASSERT_TRUE(log.Wait(1));
  auto ev = log.events();
  EXPECT_EQ(ev[0].type, EventType::kError);
  EXPECT_THAT(ev[0].status, StatusIs(absl::StatusCode::kOutOfRange));
  EventLog ok;
  auto w2 = conn->Watch("k", false, 4, ok.Callback());
  ASSERT_TRUE(ok.Wait(2));
  EXPECT_EQ(ok.events()[0].version, 4);
}

}  // namespace
}  // namespace tessera::topo
