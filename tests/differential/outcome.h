// One statement's outcome on either side of the router's differential suite
// (the single reference MariaDB or tessera::Router), and the comparison rule
// of run_differential.py in C++ (README.md, "How the router's differential
// suite uses it").
#ifndef TESSERA_TESTS_DIFFERENTIAL_OUTCOME_H_
#define TESSERA_TESTS_DIFFERENTIAL_OUTCOME_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "tessera/result.h"
#include "tests/differential/corpus_reader.h"

namespace tessera::difftest {

inline constexpr int kNotSupportedYet = 1235;  // ER_NOT_SUPPORTED_YET

struct Outcome {
  int error = 0;  // MySQL errno; 0 when the statement succeeded
  std::string message;
  bool has_rows = false;  // a result set (possibly empty) came back
  std::vector<std::string> columns;
  Rows rows;
  uint64_t affected_rows = 0;
  uint64_t last_insert_id = 0;
};

// The router's answer as an Outcome.
Outcome FromRouter(const absl::StatusOr<Result>& result);

// "" when the subject's outcome equals the reference's; "unsupported" when
// the subject refused with 1235 and the reference succeeded; else what
// differs. Rows: exactly when the statement has a top-level ORDER BY, as
// multisets otherwise; columns case-insensitively; DML: affected rows, and
// the last insert id for INSERTs; errors: the same errno on both sides (the
// one of `-- expect-error: N` when given).
std::string Compare(const Statement& statement, const Outcome& reference,
                    const Outcome& subject);

// One line: "error N: msg", "OK, N affected, last insert id M", or the
// columns and (at most 8) rows.
std::string Describe(const Outcome& outcome);

// A connection to the reference server (libmariadb, utf8mb4, text protocol).
class ReferenceConnection {
 public:
  static absl::StatusOr<std::unique_ptr<ReferenceConnection>> Open(
      const std::string& host, int port, const std::string& user,
      const std::string& password, const std::string& database);
  ~ReferenceConnection();
  ReferenceConnection(const ReferenceConnection&) = delete;
  ReferenceConnection& operator=(const ReferenceConnection&) = delete;

  Outcome Run(absl::string_view sql);

 private:
  explicit ReferenceConnection(void* mysql) : mysql_(mysql) {}
  void* mysql_;  // MYSQL*, kept out of the header
};

}  // namespace tessera::difftest

#endif  // TESSERA_TESTS_DIFFERENTIAL_OUTCOME_H_
