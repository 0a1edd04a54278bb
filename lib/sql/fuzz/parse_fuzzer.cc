// libFuzzer target: parse -> format -> parse must agree, never crash.
// Build and run with lib/sql/fuzz/run_fuzzer.sh (clang, ASan + UBSan); the
// same body runs under Bazel in //lib/sql:fuzz_test.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "lib/sql/fuzz/fuzz_body.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string why = tessera::sql::FuzzOne(
      absl::string_view(reinterpret_cast<const char*>(data), size));
  if (!why.empty()) {
    std::fprintf(stderr, "%s\n", why.c_str());
    std::abort();
  }
  return 0;
}
