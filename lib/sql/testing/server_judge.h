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
    kSame,          // both returned the same rows (in some run)
    kDifferent,     // rows always differ, or only the original ran
    kRejected,      // the original fails on the server
    kNotRepeatable  // the forms disagree and the original's rows vary
  } kind;
  std::string detail;  // kDifferent: both results; kRejected: the error
  int error = 0;       // kRejected: the original's MySQL errno
};

Comparison CompareResults(const ::tessera::testing::MariadbServer& server,
                          absl::string_view db, absl::string_view original,
                          absl::string_view canonical);

// For SELECT ... INTO OUTFILE|DUMPFILE `path` (a file the local server
// writes): runs both forms and compares the files' contents (kSame,
// kDifferent, or kRejected with the original's errno, e.g. 1086 when the file
// exists already: only files this call's statements created are removed).
Comparison CompareOutfiles(const ::tessera::testing::MariadbServer& server,
                           absl::string_view db, absl::string_view original,
                           absl::string_view canonical,
                           const std::string& path);

}  // namespace tessera::sql::testing

#endif  // TESSERA_LIB_SQL_TESTING_SERVER_JUDGE_H_
