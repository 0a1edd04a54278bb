// bazel run -c opt //lib/sql:parser_benchmark
#include <string>

#include "benchmark/benchmark.h"
#include "lib/sql/format.h"
#include "lib/sql/normalize.h"
#include "lib/sql/parser.h"

namespace tessera::sql {
namespace {

constexpr const char* kShort =
    "select 'abcd', 20, 30.0, eid from a where 1=eid and name='3'";

constexpr const char* kWide =
    "select u.id, u.name, u.email, o.id as order_id, o.total, o.created_at, "
    "count(i.id) as items, sum(i.price * i.qty) as amount, max(i.price), "
    "min(i.price), avg(i.qty), p.name as product, c.name as category, "
    "coalesce(o.note, '') as note, if(o.paid, 'yes', 'no') as paid "
    "from users as u join orders as o on o.user_id = u.id "
    "left join items as i on i.order_id = o.id "
    "join products as p on p.id = i.product_id "
    "left join categories as c on c.id = p.category_id "
    "where u.status = 'active' and o.created_at >= '2024-01-01' "
    "and o.total between 10 and 1000 "
    "group by u.id, o.id having count(i.id) > 1 "
    "order by amount desc, o.created_at limit 50 offset 100";

std::string Insert100() {
  std::string s = "insert into t (id, name, price, qty, note) values ";
  for (int i = 0; i < 100; ++i) {
    if (i > 0) s += ", ";
    s += "(" + std::to_string(i) + ", 'name " + std::to_string(i) +
         "', 12.50, 3, null)";
  }
  return s;
}

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
