// Map cost per value for the hashing vindexes.
//   bazel run -c opt //lib/vindex:vindex_benchmark
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "lib/vindex/builtin.h"

namespace tessera::vindex {
namespace {

constexpr int kBatch = 1000;

std::vector<Row> IntRows() {
  std::vector<Row> rows;
  for (int i = 0; i < kBatch; ++i) rows.push_back({Value::Int64(i * 7919)});
  return rows;
}

std::vector<Row> TextRows() {
  std::vector<Row> rows;
  for (int i = 0; i < kBatch; ++i) {
    rows.push_back({Value::Text(absl::StrCat("user", i, "@Exämple.com"))});
  }
  return rows;
}

void MapBatch(benchmark::State& state, const char* type,
              const std::vector<Row>& rows) {
  VindexRegistry registry = NewBuiltinRegistry();
  auto v = registry.Create(VindexSpec{"v", type, {}, ""});
  if (!v.ok()) {
    state.SkipWithError(std::string(v.status().message()).c_str());
    return;
  }
  for (auto _ : state) {
    auto d = (*v)->Map(rows, nullptr);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations() * rows.size());
}

void BM_Hash(benchmark::State& s) { MapBatch(s, "hash", IntRows()); }
void BM_Xxhash(benchmark::State& s) { MapBatch(s, "xxhash", IntRows()); }
void BM_XxhashText(benchmark::State& s) { MapBatch(s, "xxhash", TextRows()); }
void BM_BinaryMd5(benchmark::State& s) {
  MapBatch(s, "binary_md5", TextRows());
}
void BM_UnicodeLooseMd5(benchmark::State& s) {
  MapBatch(s, "unicode_loose_md5", TextRows());
}
void BM_Numeric(benchmark::State& s) { MapBatch(s, "numeric", IntRows()); }

BENCHMARK(BM_Hash);
BENCHMARK(BM_Xxhash);
BENCHMARK(BM_XxhashText);
BENCHMARK(BM_BinaryMd5);
BENCHMARK(BM_UnicodeLooseMd5);
BENCHMARK(BM_Numeric);

}  // namespace
}  // namespace tessera::vindex
