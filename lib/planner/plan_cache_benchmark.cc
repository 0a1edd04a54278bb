// bazel run -c opt //lib/planner:plan_cache_benchmark
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "lib/planner/plan_cache.h"

namespace tessera::planner {
namespace {

void BM_PlanCacheHit(benchmark::State& state) {
  PlanCache<std::string> cache(32 << 20);
  std::vector<std::string> keys;
  for (int i = 0; i < 1000; ++i) {
    keys.push_back(absl::StrCat("main|select c, pad from sbtest", i % 8,
                                " where id = :v1|", i));
    cache.Put(keys.back(), std::make_shared<const std::string>("plan"), 512);
  }
  size_t i = 0;
  for (auto _ : state) {
    auto plan = cache.Get(keys[i++ % keys.size()]);
    benchmark::DoNotOptimize(plan);
  }
}
BENCHMARK(BM_PlanCacheHit)->Threads(1)->Threads(2);

}  // namespace
}  // namespace tessera::planner
