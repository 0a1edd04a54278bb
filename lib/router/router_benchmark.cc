// Point select through the embedded router vs the same query with plain
// libmariadb, and a 4-shard scatter vs a single-shard select of the same
// shape, on real MariaDB shards started by the benchmark itself.
//
//   bazel run -c opt //lib/router:router_benchmark
#include <sys/resource.h>

#include <cstdio>
#include <memory>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "lib/testing/mariadb_fixture.h"
#include "mariadb/mysql.h"
#include "tessera/router.h"

namespace tessera {
namespace {

constexpr char kVSchema[] = R"({"keyspaces": {"ks": {"sharded": true,
  "vindexes": {"hash": {"type": "hash"}},
  "tables": {"t": {"column_vindexes": [{"column": "id", "name": "hash"}]}}}}})";

struct Env {
  std::unique_ptr<testing::MariadbFixture> db;
  std::unique_ptr<Router> router;
};

// The calling thread's user and system CPU time, reported per iteration as
// counters user_us / sys_us (the CPU column adds them up).
class ThreadCpu {
 public:
  explicit ThreadCpu(benchmark::State& state) : state_(state) {
    getrusage(RUSAGE_THREAD, &start_);
  }
  ~ThreadCpu() {
    struct rusage end;
    getrusage(RUSAGE_THREAD, &end);
    const double n = static_cast<double>(state_.iterations());
    if (n == 0) return;
    state_.counters["user_us"] =
        (Micros(end.ru_utime) - Micros(start_.ru_utime)) / n;
    state_.counters["sys_us"] =
        (Micros(end.ru_stime) - Micros(start_.ru_stime)) / n;
  }

 private:
  static double Micros(const timeval& t) {
    return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_usec);
  }
  benchmark::State& state_;
  struct rusage start_;
};

Env* GetEnv() {
  static Env* env = [] {
    auto* e = new Env;
    auto db = testing::MariadbFixture::Start({.shards = 4});
    if (!db.ok()) {
      std::fprintf(stderr, "%s\n", db.status().ToString().c_str());
      std::abort();
    }
    e->db = std::move(*db);
    for (int i = 0; i < 4; ++i) {
      auto s = testing::Exec(e->db->primary(i),
                             "CREATE DATABASE ks; CREATE TABLE ks.t (id BIGINT "
                             "PRIMARY KEY, c VARCHAR(120), KEY (c))");
      if (!s.ok()) std::abort();
    }
    RouterOptions o;
    o.vschema_json = kVSchema;
    o.password = "tessera";
    o.shards = {{"ks", "-40", "127.0.0.1", e->db->primary(0).port},
                {"ks", "40-80", "127.0.0.1", e->db->primary(1).port},
                {"ks", "80-c0", "127.0.0.1", e->db->primary(2).port},
                {"ks", "c0-", "127.0.0.1", e->db->primary(3).port}};
    auto r = Router::Create(o);
    if (!r.ok()) std::abort();
    e->router = std::move(*r);
    auto session = e->router->NewSession("ks");
    for (int i = 0; i < 1000; ++i) {
      auto ins = e->router->Execute(
          **session, absl::StrCat("INSERT INTO t (id, c) VALUES (", i,
                                  ", 'row-", i, "')"));
      if (!ins.ok()) std::abort();
    }
    return e;
  }();
  return env;
}

void BM_RouterPointSelect(benchmark::State& state) {
  Env* env = GetEnv();
  auto session = env->router->NewSession("ks");
  int i = 0;
  ThreadCpu cpu(state);
  for (auto _ : state) {
    auto r = env->router->Execute(
        **session, absl::StrCat("SELECT c FROM t WHERE id = ", i++ % 1000));
    if (!r.ok() || r->rows.size() != 1) state.SkipWithError("query failed");
  }
}
BENCHMARK(BM_RouterPointSelect)->UseRealTime();

void BM_DirectPointSelect(benchmark::State& state) {
  Env* env = GetEnv();
  MYSQL* conn = mysql_init(nullptr);
  const auto& s = env->db->primary(0);
  if (!mysql_real_connect(conn, "127.0.0.1", "root", "tessera", "ks", s.port,
                          nullptr, 0)) {
    state.SkipWithError("connect failed");
    return;
  }
  int i = 0;
  ThreadCpu cpu(state);
  for (auto _ : state) {
    std::string q = absl::StrCat("SELECT c FROM t WHERE id = ", i++ % 1000);
    if (mysql_real_query(conn, q.data(), q.size()) != 0) {
      state.SkipWithError("query failed");
      break;
    }
    MYSQL_RES* res = mysql_store_result(conn);
    benchmark::DoNotOptimize(mysql_fetch_row(res));
    mysql_free_result(res);
  }
  mysql_close(conn);
}
BENCHMARK(BM_DirectPointSelect)->UseRealTime();

void BM_RouterScatterCount(benchmark::State& state) {
  Env* env = GetEnv();
  auto session = env->router->NewSession("ks");
  ThreadCpu cpu(state);
  for (auto _ : state) {
    auto r = env->router->Execute(**session, "SELECT COUNT(*) FROM t");
    if (!r.ok()) state.SkipWithError("query failed");
  }
}
BENCHMARK(BM_RouterScatterCount)->UseRealTime();

// The same one-row lookup by an indexed non-vindex column: every one of the
// 4 shards runs it (compare with BM_RouterPointSelect for scatter/single).
void BM_RouterScatterPoint(benchmark::State& state) {
  Env* env = GetEnv();
  auto session = env->router->NewSession("ks");
  int i = 0;
  ThreadCpu cpu(state);
  for (auto _ : state) {
    auto r = env->router->Execute(
        **session,
        absl::StrCat("SELECT c FROM t WHERE c = 'row-", i++ % 1000, "'"));
    if (!r.ok() || r->rows.size() != 1) state.SkipWithError("query failed");
  }
}
BENCHMARK(BM_RouterScatterPoint)->UseRealTime();

}  // namespace
}  // namespace tessera
