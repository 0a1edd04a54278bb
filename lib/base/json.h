// Writing JSON strings by hand (explain output, CLI --jsonl modes).
#ifndef TESSERA_LIB_BASE_JSON_H_
#define TESSERA_LIB_BASE_JSON_H_

#include <string>

#include "absl/strings/string_view.h"

namespace tessera {

// Appends `s` as a quoted JSON string: quotes, backslashes and control
// characters escaped; other bytes (UTF-8) passed through.
void AppendJsonString(absl::string_view s, std::string* out);

}  // namespace tessera

#endif  // TESSERA_LIB_BASE_JSON_H_
