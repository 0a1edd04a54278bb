// A QueryExecutor over libmariadb for integration tests (test-only).
//
// One connection per ExecMode, like the router's session: kSession and
// kAutocommit each have their own; kPre and kPost open a transaction on
// first use. Commit() commits pre, session, then post, in the order the
// router does; Rollback() rolls all three back. Not thread-safe.
#ifndef TESSERA_LIB_VINDEX_MARIADB_TEST_EXECUTOR_H_
#define TESSERA_LIB_VINDEX_MARIADB_TEST_EXECUTOR_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "lib/vindex/query_executor.h"

namespace tessera::vindex::testing {

struct MariadbConnParams {
  std::string host = "127.0.0.1";
  int port = 3306;
  std::string user = "root";
  std::string password;
  std::string database;
};

class MariadbTestExecutor : public QueryExecutor {
 public:
  static absl::StatusOr<std::unique_ptr<MariadbTestExecutor>> Connect(
      const MariadbConnParams& params);
  ~MariadbTestExecutor() override;

  absl::StatusOr<QueryResult> Execute(const BoundQuery& query,
                                      ExecMode mode) override;
  absl::Status Commit();
  absl::Status Rollback();

 private:
  struct Conn;
  explicit MariadbTestExecutor(MariadbConnParams params);
  absl::StatusOr<Conn*> Get(ExecMode mode);

  MariadbConnParams params_;
  std::unique_ptr<Conn> conns_[4];
};

}  // namespace tessera::vindex::testing

#endif  // TESSERA_LIB_VINDEX_MARIADB_TEST_EXECUTOR_H_
