#include "lib/vschema/sequence.h"

#include <set>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"
#include "lib/vindex/test_support.h"

namespace tessera::vschema {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::IsOkAndHolds;
using ::tessera::testing::StatusIs;
using ::tessera::vindex::ExecMode;
using ::tessera::vindex::QueryResult;
using ::tessera::vindex::Value;
using ::tessera::vindex::testing::FakeExecutor;
using ::testing::HasSubstr;

// A fake sequence table: one row (next_id, cache).
struct FakeTable {
  int64_t next_id = 1;
  int64_t cache = 10;
  bool has_row = true;
  FakeExecutor::Handler Handler() {
    return [this](const std::string& sql,
                  ExecMode) -> absl::StatusOr<QueryResult> {
      QueryResult r;
      if (absl::StartsWith(sql, "select next_id, cache from")) {
        if (has_row) {
          r.rows.push_back({Value::Int64(next_id), Value::Int64(cache)});
        }
      } else if (absl::StartsWith(sql, "update")) {
        std::string v = sql.substr(sql.find("= ") + 2);
        v = v.substr(0, v.find(' '));
        EXPECT_TRUE(absl::SimpleAtoi(v, &next_id)) << sql;
        r.rows_affected = 1;
      }
      return r;
    };
  }
};

TEST(SequenceTest, ReservesBlocksOfCache) {
  FakeTable table;
  FakeExecutor ex;
  ex.set_handler(table.Handler());
  SequenceAllocator seq("user_seq");
  for (int64_t want = 1; want <= 25; ++want) {
    EXPECT_THAT(seq.Next(&ex), IsOkAndHolds(want));
  }
  EXPECT_EQ(table.next_id, 31);  // three blocks of 10
  EXPECT_EQ(seq.cached(), 5);
  std::vector<std::string> first;
  for (int i = 0; i < 4; ++i) first.push_back(ex.calls()[i].sql);
  EXPECT_THAT(first,
              ::testing::ElementsAre(
                  "begin",
                  "select next_id, cache from user_seq where id = 0 for update",
                  "update user_seq set next_id = 11 where id = 0", "commit"));
}

TEST(SequenceTest, LargeRequestsTakeSeveralBlocks) {
  FakeTable table;
  table.next_id = 100;
  FakeExecutor ex;
  ex.set_handler(table.Handler());
  SequenceAllocator seq("s");
  EXPECT_THAT(seq.Next(&ex, 3), IsOkAndHolds(100));
  // The 7 ids left come first: the new blocks [110, 140) continue them.
  EXPECT_THAT(seq.Next(&ex, 25), IsOkAndHolds(103));
  EXPECT_THAT(seq.Next(&ex, 12), IsOkAndHolds(128));
  EXPECT_EQ(table.next_id, 140);
  EXPECT_THAT(seq.Next(&ex, 0), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(SequenceTest, LeftoversAreSkippedWhenAnotherRouterTookIds) {
  FakeTable table;
  FakeExecutor ex;
  ex.set_handler(table.Handler());
  SequenceAllocator seq("s");
  EXPECT_THAT(seq.Next(&ex, 4), IsOkAndHolds(1));  // block [1, 11)
  table.next_id = 50;  // another router reserved [11, 50)
  EXPECT_THAT(seq.Next(&ex, 8), IsOkAndHolds(50));
  EXPECT_EQ(table.next_id, 60);
  EXPECT_EQ(seq.cached(), 2);
}

TEST(SequenceTest, ConcurrentCallersGetDistinctIds) {
  FakeTable table;
  table.cache = 7;
  FakeExecutor ex;
  ex.set_handler(table.Handler());
  SequenceAllocator seq("s");
  std::vector<std::vector<int64_t>> got(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        auto id = seq.Next(&ex);
        if (id.ok()) got[t].push_back(*id);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<int64_t> all;
  for (auto& g : got) all.insert(g.begin(), g.end());
  EXPECT_EQ(all.size(), 400u);
  EXPECT_EQ(*all.begin(), 1);
  EXPECT_EQ(*all.rbegin(), 400);
}

// While one caller's refill waits on the database, callers that the ids in
// memory still cover are served; a caller that needs more waits for the
// refill and gets the ids after it.
TEST(SequenceTest, RefillDoesNotBlockCachedCallers) {
  FakeTable table;
  FakeExecutor ex;
  ex.set_handler(table.Handler());
  SequenceAllocator seq("s");
  ASSERT_THAT(seq.Next(&ex), IsOkAndHolds(1));  // block [1, 11)

  absl::Notification in_refill, release;
  FakeExecutor slow;
  slow.set_handler([&, inner = table.Handler()](
                       const std::string& sql,
                       ExecMode mode) -> absl::StatusOr<QueryResult> {
    if (absl::StartsWith(sql, "select")) {
      in_refill.Notify();
      release.WaitForNotification();
    }
    return inner(sql, mode);
  });
  absl::StatusOr<int64_t> big;
  std::thread refiller([&] { big = seq.Next(&slow, 20); });
  in_refill.WaitForNotification();

  // The refill is in flight: 9 ids are still cached.
  absl::Notification served;
  std::vector<int64_t> small;
  std::thread reader([&] {
    for (int i = 0; i < 3; ++i) small.push_back(seq.Next(&ex).value_or(-1));
    served.Notify();
  });
  EXPECT_TRUE(served.WaitForNotificationWithTimeout(absl::Seconds(60)));
  EXPECT_THAT(small, ::testing::ElementsAre(2, 3, 4));
  EXPECT_EQ(seq.cached(), 6);

  // A caller needing more than the cache waits for the refill in flight.
  absl::StatusOr<int64_t> waiter;
  std::thread waiting([&] { waiter = seq.Next(&ex, 7); });
  release.Notify();
  refiller.join();
  reader.join();
  waiting.join();
  ASSERT_THAT(big, IsOk());
  // Blocks [11, 31) continue the 6 cached ids [5, 11), which come first.
  EXPECT_EQ(*big, 5);
  ASSERT_THAT(waiter, IsOk());
  // 6 ids were left ([25, 31)), too few: a refill reserved [31, 41).
  EXPECT_EQ(*waiter, 25);
  EXPECT_EQ(table.next_id, 41);
}

TEST(SequenceTest, AllocatorsPerTable) {
  SequenceAllocators all;
  SequenceAllocator& a = all.For("a_seq");
  EXPECT_EQ(&all.For("a_seq"), &a);
  EXPECT_NE(&all.For("b_seq"), &a);
  FakeTable table;
  FakeExecutor ex;
  ex.set_handler(table.Handler());
  EXPECT_THAT(all.For("a_seq").Next(&ex), IsOkAndHolds(1));
  EXPECT_THAT(all.For("a_seq").Next(&ex), IsOkAndHolds(2));
}

TEST(SequenceTest, Errors) {
  FakeTable table;
  FakeExecutor ex;
  ex.set_handler(table.Handler());
  table.has_row = false;
  EXPECT_THAT(SequenceAllocator("s").Next(&ex),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("has no row with id = 0")));
  EXPECT_EQ(ex.calls().back().sql, "rollback");
  table.has_row = true;
  table.cache = 0;
  EXPECT_THAT(SequenceAllocator("s").Next(&ex),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("cache must be >= 1")));
  table.cache = 10;
  table.next_id = INT64_MAX - 5;
  EXPECT_THAT(SequenceAllocator("s").Next(&ex),
              StatusIs(absl::StatusCode::kOutOfRange));
  EXPECT_THAT(SequenceAllocator("s; drop").Next(&ex),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(SequenceAllocator("s").Next(nullptr),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace tessera::vschema
