// The router's own CPU per statement, in process, over a fake backend
// (fake_backend.h: canned results, no network): what the router adds to
// every query, without round trips or thread wake-ups.
//
//   bazel run -c opt //lib/router:router_fake_benchmark
//   valgrind --tool=callgrind bazel-bin/lib/router/router_fake_benchmark
//     --benchmark_filter=BM_FakePointSelect$ --benchmark_min_time=0.2
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "lib/engine/test_util.h"
#include "lib/router/fake_backend.h"

namespace tessera::router {
namespace {

using engine::testutil::R;
using engine::testutil::Res;
using engine::testutil::TextF;

constexpr char kVSchema[] = R"({"keyspaces": {"ks": {"sharded": true,
  "vindexes": {"hash": {"type": "hash"}},
  "tables": {"t": {"column_vindexes": [{"column": "id", "name": "hash"}]}}}}})";

struct Env {
  std::shared_ptr<engine::FakeCursor> fake;
  std::unique_ptr<RouterImpl> router;
};

// One row for a point select; the scatter lookup finds its row on one shard.
absl::StatusOr<Result> Answer(const std::string& target,
                              const std::string& sql) {
  if (absl::StrContains(sql, "where id = ") || target == "ks/80-c0") {
    return Res({TextF("c")}, {R({"row-value"})});
  }
  return Res({TextF("c")}, {});
}

Env* GetEnv() {
  static Env* env = [] {
    auto* e = new Env;
    e->fake = std::make_shared<engine::FakeCursor>();
    e->fake->set_keep_log(false);
    e->fake->SetHandler(Answer);
    RouterOptions o;
    o.vschema_json = kVSchema;
    for (const char* shard : {"-40", "40-80", "80-c0", "c0-"}) {
      o.shards.push_back({"ks", shard, "127.0.0.1", 1});
    }
    auto r = NewFakeRouter(o, e->fake);
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
      std::abort();
    }
    e->router = *std::move(r);
    return e;
  }();
  return env;
}

void Check(benchmark::State& state, const absl::StatusOr<Result>& r) {
  if (!r.ok() || r->rows.size() != 1) state.SkipWithError("query failed");
}

void BM_FakePointSelect(benchmark::State& state) {
  Env* env = GetEnv();
  auto session = env->router->NewSession("ks");
  int i = 0;
  for (auto _ : state) {
    Check(state, env->router->Execute(**session,
                                      absl::StrCat("SELECT c FROM t "
                                                   "WHERE id = ",
                                                   i++ % 1000),
                                      {}));
  }
}
BENCHMARK(BM_FakePointSelect);

void BM_FakePointSelectParam(benchmark::State& state) {
  Env* env = GetEnv();
  auto session = env->router->NewSession("ks");
  int i = 0;
  for (auto _ : state) {
    Check(state, env->router->Execute(**session, "SELECT c FROM t WHERE id = ?",
                                      {BindValue::Int(i++ % 1000)}));
  }
}
BENCHMARK(BM_FakePointSelectParam);

void BM_FakeScatterPoint(benchmark::State& state) {
  Env* env = GetEnv();
  auto session = env->router->NewSession("ks");
  int i = 0;
  for (auto _ : state) {
    Check(state,
          env->router->Execute(
              **session,
              absl::StrCat("SELECT c FROM t WHERE c = 'row-", i++ % 1000, "'"),
              {}));
  }
}
BENCHMARK(BM_FakeScatterPoint);

// Plan-cache hit as the router does it per statement: parse, normalize,
// build the key, look up (no execution).
void BM_PlanCacheHitPath(benchmark::State& state) {
  Env* env = GetEnv();
  auto session = env->router->NewSession("ks");
  int i = 0;
  for (auto _ : state) {
    auto plan = env->router->CachedPlan(
        **session, absl::StrCat("SELECT c FROM t WHERE id = ", i++ % 1000));
    if (!plan.ok()) state.SkipWithError("plan failed");
    benchmark::DoNotOptimize(plan);
  }
}
BENCHMARK(BM_PlanCacheHitPath);

}  // namespace
}  // namespace tessera::router
