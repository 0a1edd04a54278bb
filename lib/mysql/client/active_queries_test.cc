#include "lib/mysql/client/active_queries.h"

#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"

namespace tessera::mysql {
namespace {

using ::tessera::testing::MysqlErrorIs;

// The statement-boundary rules; killing on a real shard is covered by
// lib/gateway:gateway_router_integration_test.
TEST(ActiveQueriesTest, CancelOnlyActsOnTheRunningStatement) {
  ActiveQueries a;
  EXPECT_FALSE(a.Cancel());  // nothing running: no effect
  a.Begin();
  EXPECT_TRUE(a.Add(nullptr, nullptr).ok());
  EXPECT_FALSE(a.cancelled());
  EXPECT_TRUE(a.Cancel());
  EXPECT_TRUE(a.cancelled());
  // Later shard queries of the cancelled statement are not sent.
  EXPECT_THAT(a.Add(nullptr, nullptr), MysqlErrorIs(1317, "70100"));
  a.End();
  EXPECT_FALSE(a.cancelled());
  a.Begin();  // the next statement starts clean
  EXPECT_TRUE(a.Add(nullptr, nullptr).ok());
  a.End();
  EXPECT_EQ(a.size(), 0u);
}

TEST(BackendStatsTest, CountsAndBuckets) {
  BackendStats s;
  s.RecordQuery(absl::Microseconds(50), false);
  s.RecordQuery(absl::Milliseconds(2), true);
  s.RecordQuery(absl::Seconds(10), false);
  s.RecordError();
  BackendStats::Snapshot r = s.Read();
  EXPECT_EQ(r.queries, 3u);
  EXPECT_EQ(r.errors, 2u);
  EXPECT_EQ(r.buckets[0], 1u);      // <= 0.1 ms
  EXPECT_EQ(r.buckets[4], 1u);      // <= 2.5 ms
  EXPECT_EQ(r.buckets.back(), 1u);  // over 5 s
  EXPECT_NEAR(r.sum_seconds, 10.00205, 1e-6);
}

}  // namespace
}  // namespace tessera::mysql
