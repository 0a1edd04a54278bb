// The seam through which lookup vindexes and sequences reach MariaDB.
//
// The router implements QueryExecutor on top of its shard connections and
// session; unit tests use a fake; integration tests a libmariadb adapter.
// Vindex code builds queries with '?' placeholders and typed parameters and
// never touches a connection itself.
#ifndef TESSERA_LIB_VINDEX_QUERY_EXECUTOR_H_
#define TESSERA_LIB_VINDEX_QUERY_EXECUTOR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/vindex/value.h"

namespace tessera::vindex {

// Which transaction a query runs in.
enum class ExecMode {
  kSession,     // the caller's current transaction (or autocommit if none)
  kAutocommit,  // its own autocommit statement, outside any transaction
  kPre,         // a side transaction the router commits before the session's
  kPost,        // a side transaction the router commits after the session's
};

absl::string_view ExecModeName(ExecMode mode);

struct BoundQuery {
  std::string sql;            // '?' marks each parameter, in order
  std::vector<Value> params;  // one per '?'
  // When set, the query must run on the shard that owns this keyspace id
  // (the owner-row check of consistent lookups); otherwise it runs where
  // the lookup table lives.
  std::optional<std::string> target_keyspace_id;
};

struct QueryResult {
  std::vector<std::vector<Value>> rows;
  uint64_t rows_affected = 0;
};

// Thread safety: implementations decide; vindexes call it from the thread
// that calls them and never concurrently for one Map/Create call.
class QueryExecutor {
 public:
  virtual ~QueryExecutor() = default;
  // Runs `query`. Errors: whatever the server returned, as a status built
  // with MysqlError() so that the errno (e.g. 1062 duplicate key) survives.
  virtual absl::StatusOr<QueryResult> Execute(const BoundQuery& query,
                                              ExecMode mode) = 0;
};

// A value as a SQL literal: NULL, 42, -1, 'it''s' (quotes, backslashes and
// control bytes escaped), X'00ff' for binary.
std::string SqlLiteral(const Value& value);

// `query.sql` with each '?' replaced by SqlLiteral of its parameter ('?'
// inside quoted strings is left alone). Errors: InvalidArgument when the
// count of placeholders and parameters differ.
absl::StatusOr<std::string> InterpolateQuery(const BoundQuery& query);

// Whether `status` is MySQL's duplicate-key error (1062).
bool IsDuplicateKey(const absl::Status& status);

}  // namespace tessera::vindex

#endif  // TESSERA_LIB_VINDEX_QUERY_EXECUTOR_H_
