// Engine micro-benchmarks (run with -c opt):
//   bazel run -c opt //lib/engine:engine_benchmark
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "lib/engine/aggregate.h"
#include "lib/engine/fake_cursor.h"
#include "lib/engine/hash_join.h"
#include "lib/engine/merge_sort.h"
#include "lib/engine/route.h"
#include "lib/engine/test_util.h"

namespace tessera::engine {
namespace {

using testutil::F;
using testutil::IntF;
using testutil::TextF;

constexpr int kShards = 4;
constexpr int kRowsPerShard = 10000;

// kShards sorted inputs of kRowsPerShard rows: (id, name, weight).
std::vector<std::vector<Row>> MakeShardRows(bool text_key) {
  std::vector<std::vector<Row>> shards(kShards);
  for (int i = 0; i < kShards * kRowsPerShard; ++i) {
    Row r;
    r.push_back(Value::Text(absl::StrCat(i)));
    // Zero-padded so byte order matches numeric order within the name.
    std::string name =
        absl::StrCat(i % 2 ? "Name-" : "name-",
                     std::string(8 - std::to_string(i).size(), '0'), i);
    r.push_back(Value::Text(text_key ? name : absl::StrCat(i)));
    r.push_back(Value::Text(name));
    shards[i % kShards].push_back(std::move(r));
  }
  return shards;
}

void RunMerge(benchmark::State& state, std::vector<Field> fields,
              std::vector<OrderKey> keys, bool text_key) {
  const auto data = MakeShardRows(text_key);
  int64_t rows = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<std::unique_ptr<RowStream>> in;
    for (const auto& s : data)
      in.push_back(std::make_unique<VectorStream>(fields, s));
    state.ResumeTiming();
    auto merged = MergeSortStreams(std::move(in), keys);
    Row row;
    while (*(*merged)->Next(&row)) ++rows;
  }
  state.SetItemsProcessed(rows);
}

void BM_MergeSort4x10k_IntKey(benchmark::State& state) {
  RunMerge(state, {IntF("id"), IntF("k"), TextF("w", 63)}, {{1}}, false);
}
BENCHMARK(BM_MergeSort4x10k_IntKey)->Unit(benchmark::kMillisecond);

void BM_MergeSort4x10k_TextCi(benchmark::State& state) {
  RunMerge(state, {IntF("id"), TextF("name"), TextF("w", 63)}, {{1}, {0}},
           true);
}
BENCHMARK(BM_MergeSort4x10k_TextCi)->Unit(benchmark::kMillisecond);

void BM_MergeSort4x10k_WeightString(benchmark::State& state) {
  RunMerge(state, {IntF("id"), TextF("name"), TextF("w", 63)}, {{1, 2}, {0}},
           true);
}
BENCHMARK(BM_MergeSort4x10k_WeightString)->Unit(benchmark::kMillisecond);

// GROUP BY over 40k merged rows in 400 groups: COUNT + exact DECIMAL SUM.
void BM_AggregateGroupBy40k(benchmark::State& state) {
  std::vector<Field> fields = {IntF("g"), IntF("c"),
                               F("s", FieldType::kNewDecimal)};
  std::vector<Row> rows;
  for (int i = 0; i < kShards * kRowsPerShard; ++i) {
    rows.push_back({Value::Text(absl::StrCat(i / 100)), Value::Text("3"),
                    Value::Text(absl::StrCat(i % 1000, ".", i % 100))});
  }
  auto input = std::make_shared<testutil::Rows>(fields, rows);
  Aggregate agg(
      {input, {{0}}, {{AggregateOp::kCount, 1}, {AggregateOp::kSum, 2}}});
  ExecContext ctx;
  int64_t n = 0;
  for (auto _ : state) {
    auto s = agg.Open(ctx, {});
    Row row;
    while (*(*s)->Next(&row)) ++n;
  }
  state.SetItemsProcessed(state.iterations() * rows.size());
  benchmark::DoNotOptimize(n);
}
BENCHMARK(BM_AggregateGroupBy40k)->Unit(benchmark::kMillisecond);

class OneByteVindex : public VindexMapper {
 public:
  absl::StatusOr<std::vector<std::string>> Map(
      const TypedValue& v) const override {
    return std::vector<std::string>{
        std::string(1, v.bytes.empty() ? 0 : v.bytes[0])};
  }
  std::string name() const override { return "byte"; }
};

// A point select: vindex map, shard resolution, bind-variable substitution,
// the (fake) shard call and collecting the one-row result.
void BM_PointSelectRoute(benchmark::State& state) {
  FakeCursor cursor;
  (void)cursor.shard_map().AddKeyspace("ks", {"-40", "40-80", "80-c0", "c0-"});
  Result one = testutil::Res({IntF("id"), TextF("name")},
                             {testutil::R({"42", "alice"})});
  cursor.Set("ks", "-40", "select id, name from user where id = 42", one);
  RouteSpec spec{RouteVariant::kEqualUnique, "ks",
                 "select id, name from user where id = :id"};
  spec.vindex = std::make_shared<OneByteVindex>();
  spec.value_var = "id";
  Route route(spec);
  BindVars vars;
  vars["id"] = BindVariable::Single(TypedValue::Int(42));
  ExecContext ctx{&cursor};
  for (auto _ : state) {
    auto res = ExecuteToResult(route, ctx, vars);
    benchmark::DoNotOptimize(res);
    if (cursor.log().size() > 1000) cursor.ClearLog();
  }
}
BENCHMARK(BM_PointSelectRoute);

// Hash join of 10k outer rows against a 10k-row build side (one match
// per outer row), as the planner sets it up: weight columns and a
// nested-loop fallback (not taken: the key types hash exactly).
void RunHashJoin(benchmark::State& state, bool text_key) {
  std::vector<Row> left, right;
  for (int i = 0; i < kRowsPerShard; ++i) {
    std::string k = text_key ? absl::StrCat("key-", i) : absl::StrCat(i);
    std::string w = text_key ? absl::StrCat("KEY-", i) : k;
    left.push_back(
        {Value::Text(absl::StrCat(i)), Value::Text(k), Value::Text(w)});
    right.push_back(
        {Value::Text(k), Value::Text(w), Value::Text(absl::StrCat("v", i))});
  }
  Field key = text_key ? TextF("k") : IntF("k");
  HashJoinSpec spec;
  spec.left = std::make_shared<testutil::Rows>(
      std::vector<Field>{IntF("id"), key, TextF("w", 63)}, left);
  spec.right = std::make_shared<testutil::Rows>(
      std::vector<Field>{key, TextF("w", 63), TextF("v")}, right);
  spec.left_keys = {1};
  spec.right_keys = {0};
  spec.left_weights = {2};
  spec.right_weights = {1};
  spec.columns = {{true, 0}, {false, 2}};
  spec.fallback = spec.right;
  HashJoin join(spec);
  ExecContext ctx;
  int64_t rows = 0;
  for (auto _ : state) {
    auto out = join.Open(ctx, {});
    Row row;
    while (*(*out)->Next(&row)) ++rows;
  }
  state.SetItemsProcessed(rows);
}

void BM_HashJoin10kx10k_IntKey(benchmark::State& state) {
  RunHashJoin(state, false);
}
BENCHMARK(BM_HashJoin10kx10k_IntKey)->Unit(benchmark::kMillisecond);

void BM_HashJoin10kx10k_TextWeightKey(benchmark::State& state) {
  RunHashJoin(state, true);
}
BENCHMARK(BM_HashJoin10kx10k_TextWeightKey)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tessera::engine
