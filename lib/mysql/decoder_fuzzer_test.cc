// Runs the fuzz entry point over a deterministic corpus: random bytes and
// single-byte mutations of valid messages. Bounded; no timing.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "lib/mysql/fuzz/decoder_seeds.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace tessera::mysql {
namespace {

TEST(DecoderFuzzerTest, SurvivesRandomAndMutatedInput) {
  std::mt19937 rng(8);
  int runs = 0;
  for (const std::string& seed : DecoderFuzzSeeds()) {
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
