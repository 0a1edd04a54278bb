// Benchmarks: Get/Update on the memory, rocksdb (with and without fsync) and
// (when TESSERA_BENCH_ETCD=1) a real single-member etcd; watch-cache lookups.
//   bazel run -c opt //lib/topo:topo_benchmark
#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "lib/testing/etcd_fixture.h"
#include "lib/topo/cluster.h"
#include "lib/topo/memory_conn.h"
#include "lib/topo/open.h"
#include "lib/topo/rocksdb_conn.h"
#include "lib/topo/watch_cache.h"

namespace tessera::topo {
namespace {

std::string TempDir() {
  char tmpl[] = "/tmp/topo_bench_XXXXXX";
  return mkdtemp(tmpl);
}

std::unique_ptr<Conn> MakeConn(int kind) {
  switch (kind) {
    case 0:
      return MemoryConn::New();
    case 1:
    case 2: {
      RocksdbOptions options;
      options.sync = kind == 2;
      return *OpenRocksdb(TempDir(), options);
    }
    default: {
      static tessera::testing::EtcdFixture* etcd = nullptr;  // one per binary
      if (etcd == nullptr) {
        etcd = tessera::testing::EtcdFixture::Start(1)->release();
      }
      static int runs = 0;  // a fresh root per benchmark run
      return *Open(absl::StrCat("etcd://", etcd->endpoints(), "/bench",
                                getpid(), "_", runs++));
    }
  }
}

bool Skip(benchmark::State& state) {
  if (state.range(0) == 3 && std::getenv("TESSERA_BENCH_ETCD") == nullptr) {
    state.SkipWithError("set TESSERA_BENCH_ETCD=1 to run against etcd");
    return true;
  }
  return false;
}

const char* const kNames[] = {"memory", "rocksdb", "rocksdb_sync", "etcd"};

void BM_Get(benchmark::State& state) {
  if (Skip(state)) return;
  state.SetLabel(kNames[state.range(0)]);
  auto conn = MakeConn(state.range(0));
  for (int i = 0; i < 1000; ++i) {
    (void)conn->Update(absl::StrCat("keyspaces/ks", i, "/Keyspace"),
                       std::string(64, 'x'), Conn::kAnyVersion);
  }
  int i = 0;
  for (auto _ : state) {
    auto kv = conn->Get(absl::StrCat("keyspaces/ks", i++ % 1000, "/Keyspace"));
    benchmark::DoNotOptimize(kv);
  }
}
BENCHMARK(BM_Get)->DenseRange(0, 3)->UseRealTime();

void BM_UpdateCas(benchmark::State& state) {
  if (Skip(state)) return;
  state.SetLabel(kNames[state.range(0)]);
  auto conn = MakeConn(state.range(0));
  absl::StatusOr<Version> created = conn->Create("counter", "0");
  if (!created.ok()) {
    state.SkipWithError(std::string(created.status().message()).c_str());
    return;
  }
  Version v = *created;
  int64_t n = 0;
  for (auto _ : state) {
    auto next = conn->Update("counter", absl::StrCat(++n), v);
    if (!next.ok()) {
      state.SkipWithError("update failed");
      return;
    }
    v = *next;
  }
}
BENCHMARK(BM_UpdateCas)->DenseRange(0, 3)->UseRealTime();

// A cache with 64 keyspaces, looked up round-robin.
struct CacheFixture {
  std::unique_ptr<MemoryConn> conn = MemoryConn::New();
  std::unique_ptr<WatchCache> cache;
  CacheFixture() {
    Store store(conn.get());
    for (int k = 0; k < 64; ++k) {
      ClusterSpec spec;
      spec.keyspace = absl::StrCat("ks", k);
      spec.vschema_json = R"({"sharded": true})";
      for (const char* shard : {"-40", "40-80", "80-c0", "c0-"}) {
        spec.shards.push_back({shard,
                               {{static_cast<uint32_t>(k * 10 + 1), "127.0.0.1",
                                 3306, 0, topodata::PRIMARY}}});
      }
      (void)RegisterCluster(store, spec, nullptr);
    }
    cache = *WatchCache::Start(conn.get(), {});
  }
};

void BM_WatchCacheSrvKeyspace(benchmark::State& state) {
  CacheFixture f;
  std::vector<std::string> names;
  for (int k = 0; k < 64; ++k) names.push_back(absl::StrCat("ks", k));
  size_t i = 0;
  for (auto _ : state) {
    auto srv = f.cache->GetSrvKeyspace(names[i++ & 63]);
    benchmark::DoNotOptimize(srv);
  }
}
BENCHMARK(BM_WatchCacheSrvKeyspace);
BENCHMARK(BM_WatchCacheSrvKeyspace)->Threads(2);

void BM_WatchCacheVSchema(benchmark::State& state) {
  CacheFixture f;
  size_t i = 0;
  std::vector<std::string> names;
  for (int k = 0; k < 64; ++k) names.push_back(absl::StrCat("ks", k));
  for (auto _ : state) {
    auto vs = f.cache->GetVSchema(names[i++ & 63]);
    benchmark::DoNotOptimize(vs);
  }
}
BENCHMARK(BM_WatchCacheVSchema);

}  // namespace
}  // namespace tessera::topo
