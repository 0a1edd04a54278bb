// Writes the decoder fuzzer's seed corpus into a directory, one file per
// (seed, selector byte) pair: write_decoder_seeds DIR.
#include <cstdio>
#include <fstream>
#include <string>

#include "lib/mysql/fuzz/decoder_seeds.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  int n = 0;
  const auto seeds = tessera::mysql::DecoderFuzzSeeds();
  for (size_t i = 0; i < seeds.size(); ++i) {
    for (int selector = 0; selector < 256; selector += 17) {
      std::string path = std::string(argv[1]) + "/seed_" + std::to_string(i) +
                         "_" + std::to_string(selector);
      std::ofstream out(path, std::ios::binary);
      out << static_cast<char>(selector) << seeds[i];
      if (!out) {
        std::fprintf(stderr, "cannot write %s\n", path.c_str());
        return 1;
      }
      ++n;
    }
  }
  std::printf("wrote %d seeds\n", n);
  return 0;
}
