// Statements the router answers itself, without a shard: SHOW DATABASES /
// KEYSPACES and SHOW WARNINGS.
#ifndef TESSERA_LIB_ROUTER_SHOW_STATEMENTS_H_
#define TESSERA_LIB_ROUTER_SHOW_STATEMENTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/sql/parser.h"
#include "lib/vschema/vschema.h"
#include "tessera/result.h"
#include "tessera/router.h"

namespace tessera::router {

// A VARCHAR utf8mb4 result column.
Field TextField(std::string name);

// SHOW DATABASES / SCHEMAS / KEYSPACES: the router's keyspaces. Patterns
// (LIKE/WHERE) are refused (1235) rather than answered from one shard's
// schemas.
absl::StatusOr<bool> IsShowKeyspaces(const sql::ParsedStatement& stmt);
Result ShowKeyspaces(const vschema::VSchema& vschema);

// SHOW WARNINGS / SHOW ERRORS / SHOW COUNT(*) WARNINGS|ERRORS, answered
// from the session (`count`: the last statement's warnings; `text`: those
// whose text the shards gave, merged in the order the shards' answers
// ended): a shard connection from the pool would show another session's
// warnings. Warnings counted but not read (an answer dropped before its
// end) show as one row with their count. nullopt for other SHOW
// statements.
std::optional<Result> ShowWarnings(const sql::ParsedStatement& stmt,
                                   uint16_t count,
                                   const std::vector<Warning>& text);

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_SHOW_STATEMENTS_H_
