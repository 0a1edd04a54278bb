// Per-call overhead of the C ABI over the C++ API: the same point select
// through tessera::Router::Execute and through tessera_execute, on a canned
// router that answers every statement with one prebuilt row (no parsing,
// no shards), so the difference is what the C layer adds: bind-value
// objects, the result handle and the error plumbing.
//
//   bazel run -c opt //lib/capi:capi_benchmark
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "lib/capi/internal.h"
#include "lib/capi/testing/canned_router.h"
#include "tessera/c.h"
#include "tessera/router.h"

namespace tessera {
namespace {

// The row a point select on a customer table returns.
std::unique_ptr<capi::testing::CannedRouter> PointSelectRouter() {
  auto router = std::make_unique<capi::testing::CannedRouter>();
  router->record = false;
  Field f;
  f.name = "name";
  f.type = FieldType::kVarString;
  router->result.fields.push_back(f);
  router->result.rows.push_back({Value::Text("customer-name-42")});
  return router;
}

constexpr char kSql[] = "SELECT name FROM customer WHERE id = ?";

void BM_CppPointSelect(benchmark::State& state) {
  auto router_ptr = PointSelectRouter();
  Router& router = *router_ptr;
  auto session = router.NewSession("ks").value();
  int64_t i = 0;
  for (auto _ : state) {
    absl::StatusOr<Result> r =
        router.Execute(*session, kSql, {BindValue::Int(i++)});
    if (!r.ok() || r->rows.size() != 1) state.SkipWithError("bad result");
    benchmark::DoNotOptimize(r->rows[0][0].bytes().data());
  }
}
BENCHMARK(BM_CppPointSelect);

void BM_CPointSelect(benchmark::State& state) {
  tessera_router_t* router = capi::WrapRouter(PointSelectRouter());
  char* err = nullptr;
  tessera_session_t* s = tessera_session_create(router, "ks", 2, &err);
  tessera_params_t* params = tessera_params_create();
  const size_t sql_len = std::strlen(kSql);
  int64_t i = 0;
  for (auto _ : state) {
    tessera_params_clear(params);
    tessera_params_add_int(params, i++);
    tessera_result_t* r = tessera_execute(s, kSql, sql_len, params, &err);
    if (r == nullptr || !tessera_result_next(r)) {
      state.SkipWithError("bad result");
      break;
    }
    size_t len;
    benchmark::DoNotOptimize(tessera_result_value(r, 0, &len));
    tessera_result_destroy(r);
  }
  tessera_free(err);
  tessera_params_destroy(params);
  tessera_session_destroy(s);
  tessera_router_destroy(router);
}
BENCHMARK(BM_CPointSelect);

// The error path: a failing call allocates and formats the message.
void BM_CError(benchmark::State& state) {
  auto canned = PointSelectRouter();
  canned->status = absl::InvalidArgumentError("bad parameter");
  tessera_router_t* router = capi::WrapRouter(std::move(canned));
  char* err = nullptr;
  tessera_session_t* s = tessera_session_create(router, "ks", 2, &err);
  for (auto _ : state) {
    tessera_result_t* r =
        tessera_execute(s, kSql, sizeof(kSql) - 1, nullptr, &err);
    benchmark::DoNotOptimize(r);
    tessera_free(err);
    err = nullptr;
  }
  tessera_session_destroy(s);
  tessera_router_destroy(router);
}
BENCHMARK(BM_CError);

}  // namespace
}  // namespace tessera
