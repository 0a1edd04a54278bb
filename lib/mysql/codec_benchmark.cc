// Encoding and decoding a 100-row result set (5 columns: BIGINT, VARCHAR,
// DECIMAL, DATETIME, nullable INT), text and binary protocol.
//   bazel run -c opt //lib/mysql:codec_benchmark
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "lib/mysql/codec.h"
#include "lib/mysql/constants.h"
#include "lib/mysql/result_writer.h"

namespace tessera::mysql {
namespace {

QueryResult MakeResult() {
  QueryResult q;
  Result r;
  auto field = [](const char* name, FieldType type) {
    Field f;
    f.name = name;
    f.org_name = name;
    f.table = "orders";
    f.org_table = "orders";
    f.database = "commerce";
    f.type = type;
    return f;
  };
  r.fields = {field("id", FieldType::kLongLong),
              field("name", FieldType::kVarString),
              field("amount", FieldType::kNewDecimal),
              field("created", FieldType::kDateTime),
              field("parent", FieldType::kLong)};
  for (int i = 0; i < 100; ++i) {
    r.rows.push_back({Value::Text(absl::StrCat(1000000 + i)),
                      Value::Text(absl::StrCat("customer-name-", i)),
                      Value::Text(absl::StrCat(i, ".25")),
                      Value::Text("2024-05-06 07:08:09"),
                      i % 3 ? Value::Text(absl::StrCat(i)) : Value::Null()});
  }
  q.results.push_back(std::move(r));
  return q;
}

void Encode(benchmark::State& state, bool binary) {
  QueryResult q = MakeResult();
  std::string out;
  for (auto _ : state) {
    out.clear();
    uint8_t seq = 1;
    WriterContext ctx{cap::kDeprecateEof | cap::kProtocol41, &seq, &out};
    AppendQueryResult(q, binary, {}, ctx);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(state.iterations() * out.size());
  state.counters["bytes"] = out.size();
}

void BM_EncodeText100Rows(benchmark::State& state) { Encode(state, false); }
void BM_EncodeBinary100Rows(benchmark::State& state) { Encode(state, true); }
BENCHMARK(BM_EncodeText100Rows);
BENCHMARK(BM_EncodeBinary100Rows);

// Splits the encoded stream back into its 107 packets (count, 5 columns,
// 100 rows, end) as the client side of a proxy would.
void BM_Decode100Rows(benchmark::State& state) {
  QueryResult q = MakeResult();
  std::string wire;
  uint8_t seq = 1;
  WriterContext ctx{cap::kDeprecateEof | cap::kProtocol41, &seq, &wire};
  AppendQueryResult(q, false, {}, ctx);
  size_t packets = 0;
  for (auto _ : state) {
    PacketDecoder d(1 << 24);
    d.Feed(wire);
    uint8_t rseq = 1;
    packets = 0;
    while (true) {
      auto p = d.Next(&rseq);
      if (!p.ok() || !p->has_value()) break;
      benchmark::DoNotOptimize((*p)->data());
      ++packets;
    }
  }
  state.SetBytesProcessed(state.iterations() * wire.size());
  state.counters["packets"] = packets;
}
BENCHMARK(BM_Decode100Rows);

}  // namespace
}  // namespace tessera::mysql
