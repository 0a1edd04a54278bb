// Statements the router answers itself, without a shard: SHOW DATABASES /
// KEYSPACES and SHOW WARNINGS.
#ifndef TESSERA_LIB_ROUTER_SHOW_STATEMENTS_H_
#define TESSERA_LIB_ROUTER_SHOW_STATEMENTS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "lib/sql/parser.h"
#include "lib/vschema/vschema.h"
#include "tessera/result.h"

namespace tessera::router {

// A VARCHAR utf8mb4 result column.
Field TextField(std::string name);

// SHOW DATABASES / SCHEMAS / KEYSPACES: the router's keyspaces. Patterns
// (LIKE/WHERE) are refused (1235) rather than answered from one shard's
// schemas.
absl::StatusOr<bool> IsShowKeyspaces(const sql::ParsedStatement& stmt);
Result ShowKeyspaces(const vschema::VSchema& vschema);

// SHOW WARNINGS / SHOW ERRORS / SHOW COUNT(*) WARNINGS|ERRORS, answered
// from the session (`count`: the last statement's warnings): a shard
// connection from the pool would show another session's warnings. The text
// of the shards' warnings is not collected yet, so a statement's warnings
// show as one row with their count. nullopt for other SHOW statements.
std::optional<Result> ShowWarnings(const sql::ParsedStatement& stmt,
                                   uint16_t count);

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_SHOW_STATEMENTS_H_
