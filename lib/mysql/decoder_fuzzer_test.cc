// Runs the fuzz entry point over a deterministic corpus: random bytes and
// single-byte mutations of valid messages. Bounded; no timing.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "lib/mysql/codec.h"
#include "lib/mysql/compression.h"
#include "lib/mysql/constants.h"
#include "lib/mysql/wire.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace tessera::mysql {
namespace {

std::vector<std::string> Seeds() {
  std::vector<std::string> seeds;
  std::string hs;
  WireWriter w(&hs);
  w.Int4(cap::kProtocol41 | cap::kSecureConnection | cap::kPluginAuth |
         cap::kPluginAuthLenencData | cap::kConnectWithDb | cap::kConnectAttrs);
  w.Int4(1 << 24);
  w.Int1(45);
  w.Zeros(23);
  w.NulString("user");
  w.LenencString(std::string(20, 'x'));
  w.NulString("db");
  w.NulString(kNativePassword);
  w.LenencString(
      std::string("\x03"
                  "key"
                  "\x05"
                  "value",
                  10));
  seeds.push_back(hs);
  std::string exec;
  WireWriter e(&exec);
  e.Int4(1);
  e.Int1(0);
  e.Int4(1);
  e.Int1(0x02);
  e.Int1(1);
  for (uint16_t t : {8, 253, 12, 11, 246, 4, 1, 0x8002}) e.Int2(t);
  e.Int8(42);
  e.Int1(7);
  e.Int2(2024);
  e.Int1(1);
  e.Int1(2);
  e.Int1(3);
  e.Int1(4);
  e.Int1(5);
  e.Int1(8);
  e.Zeros(8);
  e.LenencString("1.5");
  e.Int4(0x3f800000);
  e.Int1(9);
  e.Int2(7);
  seeds.push_back(exec);
  std::string framed;
  uint8_t seq = 0;
  AppendPacket("\x03select 1", &seq, &framed);
  AppendPacket(std::string(300, 'p'), &seq, &framed);
  seeds.push_back(framed);
  std::string comp;
  uint8_t cseq = 0;
  AppendCompressed(framed + std::string(100, 'c'), &cseq, &comp);
  seeds.push_back(comp);
  return seeds;
}

TEST(DecoderFuzzerTest, SurvivesRandomAndMutatedInput) {
  std::mt19937 rng(8);
  int runs = 0;
  for (const std::string& seed : Seeds()) {
    for (int selector = 0; selector < 256; selector += 17) {
      std::string input = std::string(1, static_cast<char>(selector)) + seed;
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()),
                             input.size());
      ++runs;
      for (int m = 0; m < 200; ++m) {
        std::string mutated = input;
        size_t at = 1 + rng() % (mutated.size() - 1);
        mutated[at] = static_cast<char>(rng());
        if (m % 3 == 0) mutated.resize(1 + rng() % mutated.size());
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(mutated.data()),
                               mutated.size());
        ++runs;
      }
    }
  }
  for (int i = 0; i < 5000; ++i) {
    std::string input(rng() % 96, '\0');
    for (char& c : input) c = static_cast<char>(rng());
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()),
                           input.size());
    ++runs;
  }
  EXPECT_GT(runs, 15000);
}

}  // namespace
}  // namespace tessera::mysql
