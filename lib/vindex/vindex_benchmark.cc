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

// 12 characters of Cyrillic, Greek and CJK text (30 bytes).
std::vector<Row> NonLatinRows() {
  std::vector<Row> rows;
  for (int i = 0; i < kBatch; ++i) {
    rows.push_back({Value::Text(absl::StrCat(
        "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0",  // Москва
        "\xce\xb1\xce\xb2", "\xe6\x9d\xb1\xe4\xba\xac", i % 10))});
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
void BM_UnicodeLooseXxhash(benchmark::State& s) {
  MapBatch(s, "unicode_loose_xxhash", TextRows());
}
void BM_UnicodeLooseMd5NonLatin(benchmark::State& s) {
  MapBatch(s, "unicode_loose_md5", NonLatinRows());
}
void BM_Numeric(benchmark::State& s) { MapBatch(s, "numeric", IntRows()); }

BENCHMARK(BM_Hash);
BENCHMARK(BM_Xxhash);
BENCHMARK(BM_XxhashText);
BENCHMARK(BM_BinaryMd5);
BENCHMARK(BM_UnicodeLooseMd5);
BENCHMARK(BM_UnicodeLooseXxhash);
BENCHMARK(BM_UnicodeLooseMd5NonLatin);
BENCHMARK(BM_Numeric);

}  // namespace
}  // namespace tessera::vindex
