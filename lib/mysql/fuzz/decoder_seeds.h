// Seed inputs for the decoder fuzzer (lib/mysql/decoder_fuzzer.cc): valid
// client messages of each kind the entry point decodes. Shared by
// decoder_fuzzer_test (deterministic mutations, normal toolchain) and the
// libFuzzer corpus written by write_decoder_seeds (decoder_libfuzzer_test).
#ifndef TESSERA_LIB_MYSQL_FUZZ_DECODER_SEEDS_H_
#define TESSERA_LIB_MYSQL_FUZZ_DECODER_SEEDS_H_

#include <string>
#include <vector>

namespace tessera::mysql {

// Message bodies, without the fuzzer's leading selector byte.
std::vector<std::string> DecoderFuzzSeeds();

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_FUZZ_DECODER_SEEDS_H_
