// The body shared by the libFuzzer target (parse_fuzzer.cc) and the
// bounded Bazel fuzz test (fuzz_test.cc): classify, split, parse, format,
// re-parse and normalize one input, checking the round-trip properties.
#ifndef TESSERA_LIB_SQL_FUZZ_FUZZ_BODY_H_
#define TESSERA_LIB_SQL_FUZZ_FUZZ_BODY_H_

#include <string>

#include "absl/strings/string_view.h"

namespace tessera::sql {

// Returns an empty string when every property holds, else a description of
// the first violated one. Never crashes on any byte string (that is what
// the callers check).
std::string FuzzOne(absl::string_view sql);

}  // namespace tessera::sql

#endif  // TESSERA_LIB_SQL_FUZZ_FUZZ_BODY_H_
