// Test support: the statement corpora under lib/sql/testdata/corpus/*.sql
// (what connectors, tools, ORMs and reports send; see docs/sql.md "Tests").
// Each file is a script of `;`-separated statements, split with
// SplitStatements; pieces holding only comments are dropped.
#ifndef TESSERA_LIB_SQL_TESTING_CORPUS_H_
#define TESSERA_LIB_SQL_TESTING_CORPUS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::sql::testing {

struct CorpusStatement {
  std::string file;  // corpus name, e.g. "orm"
  int index = 0;     // 1-based position in the file
  std::string sql;
};

// The corpus files, without the schema (connectors, orm, analytics, ...).
const std::vector<std::string>& CorpusNames();

// Reads lib/sql/testdata/corpus/<name>.sql (relative to the runfiles root)
// and splits it into statements.
absl::StatusOr<std::vector<CorpusStatement>> LoadCorpus(
    absl::string_view name);

// Reads a whole file.
absl::StatusOr<std::string> ReadTextFile(const std::string& path);

}  // namespace tessera::sql::testing

#endif  // TESSERA_LIB_SQL_TESTING_CORPUS_H_
