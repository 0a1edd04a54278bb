// Transaction-control statements (BEGIN, COMMIT, ROLLBACK [TO SAVEPOINT],
// SAVEPOINT, RELEASE SAVEPOINT) read from the parser's token stream.
#ifndef TESSERA_LIB_ROUTER_TXN_STATEMENT_H_
#define TESSERA_LIB_ROUTER_TXN_STATEMENT_H_

#include <string>

#include "absl/status/statusor.h"
#include "lib/sql/parser.h"

namespace tessera::router {

struct TxnStatement {
  enum class Kind {
    kBegin,
    kCommit,
    kRollback,
    kSavepoint,
    kRollbackToSavepoint,
    kReleaseSavepoint,
  };
  Kind kind = Kind::kBegin;
  std::string savepoint;  // unquoted name
  // BEGIN: what each shard runs when it joins the transaction
  // ("start transaction", "start transaction read only", ...).
  std::string start_sql = "start transaction";
};

// `stmt` must be of kind kBegin/kCommit/kRollback/kSavepoint/
// kReleaseSavepoint. Errors: 1064 for malformed statements; 1235 for
// COMMIT/ROLLBACK AND CHAIN or RELEASE (not supported through the router).
absl::StatusOr<TxnStatement> ParseTxnStatement(
    const sql::ParsedStatement& stmt);

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_TXN_STATEMENT_H_
