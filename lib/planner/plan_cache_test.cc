#include "lib/planner/plan_cache.h"

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace tessera::planner {
namespace {

using Cache = PlanCache<std::string>;

std::shared_ptr<const std::string> P(std::string s) {
  return std::make_shared<const std::string>(std::move(s));
}

TEST(PlanCacheTest, HitMissAndReplace) {
  Cache cache(1 << 20, 1);
  EXPECT_EQ(cache.Get("a"), nullptr);
  cache.Put("a", P("plan-a"), 10);
  auto got = cache.Get("a");
  ASSERT_NE(got, nullptr);
  EXPECT_EQ(*got, "plan-a");
  cache.Put("a", P("plan-a2"), 10);
  EXPECT_EQ(*cache.Get("a"), "plan-a2");
  PlanCacheStats s = cache.Stats();
  EXPECT_EQ(s.hits, 2u);
  EXPECT_EQ(s.misses, 1u);
  EXPECT_EQ(s.entries, 1u);
}

TEST(PlanCacheTest, EvictsLeastRecentlyUsedWithinBudget) {
  // Each entry costs 1000 + key + overhead; three fit in 3500 bytes.
  Cache cache(3500, 1);
  cache.Put("k1", P("1"), 1000);
  cache.Put("k2", P("2"), 1000);
  cache.Put("k3", P("3"), 1000);
  ASSERT_NE(cache.Get("k1"), nullptr);  // k1 becomes most recent
  cache.Put("k4", P("4"), 1000);        // evicts k2, the least recent
  EXPECT_EQ(cache.Get("k2"), nullptr);
  EXPECT_NE(cache.Get("k1"), nullptr);
  EXPECT_NE(cache.Get("k3"), nullptr);
  EXPECT_NE(cache.Get("k4"), nullptr);
  PlanCacheStats s = cache.Stats();
  EXPECT_EQ(s.evictions, 1u);
  EXPECT_LE(s.bytes, 3500);
}

TEST(PlanCacheTest, OversizedPlansAreNotCached) {
  Cache cache(1000, 1);
  cache.Put("big", P("x"), 5000);
  EXPECT_EQ(cache.Get("big"), nullptr);
  EXPECT_EQ(cache.Stats().entries, 0u);
}

TEST(PlanCacheTest, InvalidateMakesOldEntriesMisses) {
  Cache cache(1 << 20);
  cache.Put("q", P("old"), 10);
  cache.Invalidate();
  EXPECT_EQ(cache.Get("q"), nullptr);
  cache.Put("q", P("new"), 10);
  EXPECT_EQ(*cache.Get("q"), "new");
}

TEST(PlanCacheTest, PlansOutliveEviction) {
  Cache cache(1200, 1);
  cache.Put("a", P("kept"), 1000);
  auto held = cache.Get("a");
  cache.Put("b", P("other"), 1000);  // evicts a
  EXPECT_EQ(cache.Get("a"), nullptr);
  EXPECT_EQ(*held, "kept");  // a session still executing it is unaffected
}

TEST(PlanCacheTest, ConcurrentUseStaysWithinBudget) {
  Cache cache(64 << 10, 4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 5000; ++i) {
        std::string key = absl::StrCat("q", (i * 7 + t) % 300);
        if (cache.Get(key) == nullptr) cache.Put(key, P(key), 200);
      }
    });
  }
  for (auto& th : threads) th.join();
  PlanCacheStats s = cache.Stats();
  EXPECT_LE(s.bytes, 64 << 10);
  EXPECT_EQ(s.hits + s.misses, 20000u);
  EXPECT_GT(s.hits, 0u);
}

}  // namespace
}  // namespace tessera::planner
