// Test support: the inputs of the golden files lib/sql/testdata/<name>.txt
// (every line that is not empty, a comment, or an expected "-> " / "!! "
// line), for tests that run their own check over the whole grammar.
#ifndef TESSERA_LIB_SQL_TESTING_GOLDEN_H_
#define TESSERA_LIB_SQL_TESTING_GOLDEN_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::sql::testing {

// The golden files of statements (all of them but "errors").
inline constexpr const char* kGoldenStatementFiles[] = {
    "select",   "expr",     "join",         "dml",     "ddl",
    "alter",    "show",     "misc",         "grammar", "grammar2",
    "grammar3", "grammar4", "corpus_syntax"};

// The input lines of lib/sql/testdata/<name>.txt (relative to the runfiles
// root); NotFound if the file cannot be read.
absl::StatusOr<std::vector<std::string>> GoldenInputs(absl::string_view name);

}  // namespace tessera::sql::testing

#endif  // TESSERA_LIB_SQL_TESTING_GOLDEN_H_
