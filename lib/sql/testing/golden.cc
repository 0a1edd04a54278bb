#include "lib/sql/testing/golden.h"

#include <fstream>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace tessera::sql::testing {

absl::StatusOr<std::vector<std::string>> GoldenInputs(absl::string_view name) {
  std::string path = absl::StrCat("lib/sql/testdata/", name, ".txt");
  std::ifstream in(path);
  if (!in.good())
    return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::vector<std::string> inputs;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#' || absl::StartsWith(line, "-> ") ||
        absl::StartsWith(line, "!! ")) {
      continue;
    }
    inputs.push_back(std::move(line));
  }
  return inputs;
}

}  // namespace tessera::sql::testing
