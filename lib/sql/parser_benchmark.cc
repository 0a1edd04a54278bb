// bazel run -c opt //lib/sql:parser_benchmark
#include <string>

#include "benchmark/benchmark.h"
#include "lib/sql/format.h"
#include "lib/sql/lexer.h"
#include "lib/sql/normalize.h"
#include "lib/sql/parser.h"
#include "lib/sql/parser_cases.h"

namespace tessera::sql {
namespace {

using bench::Insert100;
using bench::kShort;
using bench::kWide;

void BM_ParseShortSelect(benchmark::State& state) {
  for (auto _ : state) {
    auto p = Parse(kShort);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_ParseShortSelect);

void BM_ParseWideSelect(benchmark::State& state) {
  for (auto _ : state) {
    auto p = Parse(kWide);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_ParseWideSelect);

// The lexer alone, to split parse time between lexing and parsing.
void BM_LexWideSelect(benchmark::State& state) {
  LexResult r;
  for (auto _ : state) {
    auto st = Lex(kWide, LexOptions(), &r);
    benchmark::DoNotOptimize(st);
  }
}
BENCHMARK(BM_LexWideSelect);

void BM_ParseInsert100(benchmark::State& state) {
  std::string sql = Insert100();
  for (auto _ : state) {
    auto p = Parse(sql);
    benchmark::DoNotOptimize(p);
  }
  state.SetBytesProcessed(state.iterations() * sql.size());
}
BENCHMARK(BM_ParseInsert100);

void BM_NormalizeShortSelect(benchmark::State& state) {
  for (auto _ : state) {
    auto n = Normalize(kShort);
    benchmark::DoNotOptimize(n);
  }
}
BENCHMARK(BM_NormalizeShortSelect);

void BM_ParseFormatShortSelect(benchmark::State& state) {
  for (auto _ : state) {
    auto p = Parse(kShort);
    std::string f = Format(*p);
    benchmark::DoNotOptimize(f);
  }
}
BENCHMARK(BM_ParseFormatShortSelect);

void BM_FormatWideSelect(benchmark::State& state) {
  auto p = Parse(kWide);
  for (auto _ : state) {
    std::string f = Format(*p);
    benchmark::DoNotOptimize(f);
  }
}
BENCHMARK(BM_FormatWideSelect);

}  // namespace
}  // namespace tessera::sql
