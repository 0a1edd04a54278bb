// Session variables through the router.
//
// Backend connections are pooled and shared, so a client's SET is not run
// on them. Instead the router remembers the session's system variables and
// sends them with each statement as MariaDB's "SET STATEMENT a=1, b='x' FOR
// <statement>", which holds them for that statement only; transaction
// characteristics (SET [SESSION] TRANSACTION ISOLATION LEVEL ...) are sent
// as "SET TRANSACTION ..." right before each shard's START TRANSACTION.
#ifndef TESSERA_LIB_ROUTER_SESSION_VARS_H_
#define TESSERA_LIB_ROUTER_SESSION_VARS_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/sql/parser.h"

namespace tessera::router {

// What one SET statement asks for.
struct SetEffects {
  std::optional<bool> autocommit;
  // System variables, name lower-cased without @@/scope, value as SQL
  // text; value "default" means: back to the server's default.
  std::vector<std::pair<std::string, std::string>> vars;
  // SET [SESSION] TRANSACTION <characteristics>.
  std::optional<std::string> transaction;
  bool transaction_session = false;  // SESSION: every later transaction
};

// Errors: 1235 for user variables (@x), GLOBAL/PERSIST scope, sql_mode
// values that change how SQL is lexed (ANSI_QUOTES, NO_BACKSLASH_ESCAPES,
// ANSI), character sets other than utf8mb4/utf8; 1231 for a bad
// autocommit value.
absl::StatusOr<SetEffects> AnalyzeSet(const sql::ParsedStatement& stmt);

class SessionVars {
 public:
  // Applies `effects.vars` and the transaction characteristics.
  void Apply(const SetEffects& effects);
  // "a=1, b='x'" for SET STATEMENT; empty when none is set.
  const std::string& statement_vars() const { return statement_vars_; }
  // Statements each shard runs when it joins a new transaction, ending
  // with `start_sql`. Consumes a one-shot SET TRANSACTION.
  std::vector<std::string> TransactionStart(std::string start_sql);

 private:
  std::vector<std::pair<std::string, std::string>> vars_;
  std::string statement_vars_;
  std::string session_txn_;  // SET SESSION TRANSACTION ...
  std::string next_txn_;     // SET TRANSACTION ... (next one only)
};

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_SESSION_VARS_H_
