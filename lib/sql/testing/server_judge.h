// Test support for checking the formatter against a real MariaDB: run a
// statement as written and as formatted and compare what the server says.
#ifndef TESSERA_LIB_SQL_TESTING_SERVER_JUDGE_H_
#define TESSERA_LIB_SQL_TESTING_SERVER_JUDGE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/testing/sql_client.h"

namespace tessera::sql::testing {

// `sql` as the body of a single-quoted SQL string literal.
std::string QuoteSqlString(absl::string_view sql);

// The number of `?` placeholders in `sql` (0 if it does not lex).
int CountPlaceholders(absl::string_view sql);

// MySQL errno of a status, 0 for OK.
int ErrnoOf(const absl::Status& status);

// PREPARE s FROM '<sql>' in `db`: the server parses and resolves the
// statement without running it. Returns the errno (0 when accepted).
int PrepareErrno(const ::tessera::testing::MariadbServer& server,
                 absl::string_view db, absl::string_view sql);

// Runs a query and returns its rows as "a|b|NULL" strings. Statements with
// `?` placeholders run through EXECUTE IMMEDIATE ... USING 1, 1, ...
absl::StatusOr<std::vector<std::string>> RunRows(
    const ::tessera::testing::MariadbServer& server, absl::string_view db,
    absl::string_view sql);

// Outcome of running a query as written and as formatted.
struct Comparison {
  enum Kind {
    kSame,          // both ran and returned the same rows
    kDifferent,     // both ran, rows differ (or only the original ran)
    kRejected,      // the original fails on the server
    kNotRepeatable  // the original gives different results on two runs
  } kind;
  std::string detail;  // for kDifferent: both results
};

Comparison CompareResults(const ::tessera::testing::MariadbServer& server,
                          absl::string_view db, absl::string_view original,
                          absl::string_view canonical);

}  // namespace tessera::sql::testing

#endif  // TESSERA_LIB_SQL_TESTING_SERVER_JUDGE_H_
