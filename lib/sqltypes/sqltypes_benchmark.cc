// sqltypes micro-benchmarks (run with -c opt):
//   bazel run -c opt //lib/sqltypes:sqltypes_benchmark
#include <string>

#include "benchmark/benchmark.h"
#include "lib/sqltypes/bind_vars.h"
#include "lib/sqltypes/compare.h"
#include "lib/sqltypes/decimal.h"

namespace tessera::sqltypes {
namespace {

void BM_CompareCellsInt(benchmark::State& state) {
  Value a = Value::Text("123456789"), b = Value::Text("123456790");
  for (auto _ : state) {
    benchmark::DoNotOptimize(CompareCells(a, b, {Kind::kInt, 63}));
  }
}
BENCHMARK(BM_CompareCellsInt);

void BM_CompareCellsDecimal(benchmark::State& state) {
  Value a = Value::Text("-12345.67"), b = Value::Text("-12345.68");
  for (auto _ : state) {
    benchmark::DoNotOptimize(CompareCells(a, b, {Kind::kDecimal, 63}));
  }
}
BENCHMARK(BM_CompareCellsDecimal);

void BM_CompareCellsTextCi(benchmark::State& state) {
  Value a = Value::Text("Hello World Foo"), b = Value::Text("hello world fop");
  for (auto _ : state) {
    benchmark::DoNotOptimize(CompareCells(a, b, {Kind::kText, 45}));
  }
}
BENCHMARK(BM_CompareCellsTextCi);

void BM_DecimalAdd(benchmark::State& state) {
  Decimal a = *Decimal::Parse("123456789.25");
  Decimal b = *Decimal::Parse("-0.75");
  for (auto _ : state) {
    a = a + b;
    benchmark::DoNotOptimize(a);
  }
}
BENCHMARK(BM_DecimalAdd);

void BM_SubstituteBindVars(benchmark::State& state) {
  BindVars vars;
  vars["id"] = BindVariable::Single(TypedValue::Int(42));
  vars["name"] = BindVariable::Single(TypedValue::Text("O'Brien"));
  const std::string sql =
      "select id, name, email from user where id = :id and name = :name";
  for (auto _ : state) {
    benchmark::DoNotOptimize(SubstituteBindVars(sql, vars));
  }
}
BENCHMARK(BM_SubstituteBindVars);

}  // namespace
}  // namespace tessera::sqltypes
