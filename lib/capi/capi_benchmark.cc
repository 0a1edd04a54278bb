// Per-call overhead of the C ABI over the C++ API: the same point select
// through tessera::Router::Execute and through tessera_execute, on a fake
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
#include "tessera/c.h"
#include "tessera/router.h"

namespace tessera {
namespace {

class FakeSession : public Session {
 public:
  std::string target() const override { return "ks"; }
  bool in_transaction() const override { return false; }
  bool autocommit() const override { return true; }
  uint64_t last_insert_id() const override { return 0; }
  uint64_t found_rows() const override { return 1; }
  const std::vector<Warning>& warnings() const override { return warnings_; }

 private:
  std::vector<Warning> warnings_;
};

// Answers every statement with the row a point select on a customer table
// would return; checks the one bind value so the params really travel.
class FakeRouter : public Router {
 public:
  FakeRouter() {
    Field f;
    f.name = "name";
    f.type = FieldType::kVarString;
    row_.fields.push_back(f);
    row_.rows.push_back({Value::Text("customer-name-42")});
  }
  absl::StatusOr<std::unique_ptr<Session>> NewSession(
      absl::string_view) override {
    return std::make_unique<FakeSession>();
  }
  absl::StatusOr<Result> Execute(Session&, absl::string_view sql,
                                 absl::Span<const BindValue> params) override {
    if (params.size() != 1 || sql.empty()) {
      return absl::InvalidArgumentError("want one parameter");
    }
    return row_;
  }
  absl::StatusOr<Result> StreamExecute(Session& s, absl::string_view sql,
                                       absl::Span<const BindValue> params,
                                       ResultSink&) override {
    return Execute(s, sql, params);
  }

 private:
  Result row_;
};

constexpr char kSql[] = "SELECT name FROM customer WHERE id = ?";

void BM_CppPointSelect(benchmark::State& state) {
  FakeRouter router;
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
  tessera_router_t* router = capi::WrapRouter(std::make_unique<FakeRouter>());
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
  tessera_router_t* router = capi::WrapRouter(std::make_unique<FakeRouter>());
  char* err = nullptr;
  tessera_session_t* s = tessera_session_create(router, "ks", 2, &err);
  for (auto _ : state) {
    tessera_result_t* r = tessera_execute(s, kSql, 0, nullptr, &err);
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
