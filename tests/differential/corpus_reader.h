// Reading the differential corpus from C++ (the router's differential test):
// the same file formats and comparison rules as corpus.py and
// run_differential.py (see tests/differential/README.md).
//
//   auto schema = ReadSections(CorpusPath("schema.sql"));   // per keyspace
//   auto queries = ReadStatements(CorpusPath("queries.sql"));
//   std::string diff = CompareRows(stmt, reference_rows, router_rows);
//   EXPECT_EQ(diff, "") << stmt.sql;
#ifndef TESSERA_TESTS_DIFFERENTIAL_CORPUS_READER_H_
#define TESSERA_TESTS_DIFFERENTIAL_CORPUS_READER_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::difftest {

// One statement of queries.sql or dml.sql, without its trailing ';'.
struct Statement {
  std::string sql;
  std::string group;  // `-- category: X` or `-- group: X` above it
  int line = 0;       // 1-based line where it starts
  // `-- expect-error: N` on the line before: both sides must fail with N.
  std::optional<int> expect_error;

  bool IsSelect() const;
};

// A keyspace's statements from schema.sql or data.sql, in file order.
struct Section {
  std::string keyspace;
  std::vector<std::string> statements;  // each ends with ';'
};

// Path of a corpus file relative to the test's runfiles directory (the
// working directory of a Bazel test depending on //tests/differential:corpus).
std::string CorpusPath(absl::string_view file);

// schema.sql / data.sql. Errors: NotFound when unreadable, InvalidArgument
// for a statement before the first `-- keyspace:` line or without ';'.
absl::StatusOr<std::vector<Section>> ReadSections(const std::string& path);

// queries.sql / dml.sql. Errors: NotFound, InvalidArgument for a statement
// without ';' at the end of the file.
absl::StatusOr<std::vector<Statement>> ReadStatements(const std::string& path);

// Whether the statement's own result order is fixed: ORDER BY outside any
// parentheses (not in a subquery, derived table or GROUP_CONCAT).
bool HasTopLevelOrderBy(absl::string_view sql);

// Rows as text, nullopt for NULL (lib/testing's sql_client Query result).
using Rows = std::vector<std::vector<std::optional<std::string>>>;

// "" when equal under the corpus rules (exactly when the statement has a
// top-level ORDER BY, as multisets otherwise), else a one-line description.
std::string CompareRows(const Statement& statement, const Rows& reference,
                        const Rows& subject);

// Renders rows for failure messages: at most `limit` rows, NULL as NULL and
// strings quoted.
std::string FormatRows(const Rows& rows, size_t limit = 8);

}  // namespace tessera::difftest

#endif  // TESSERA_TESTS_DIFFERENTIAL_CORPUS_READER_H_
