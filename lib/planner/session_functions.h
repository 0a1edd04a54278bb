// Functions whose value is the router session's, not a shard's.
//
// LAST_INSERT_ID() (no argument) must return the id the session's last
// INSERT generated through the router; a shard's connection knows nothing
// of it. The planner rewrites each occurrence to COALESCE(:__lastInsertId)
// (a SELECT item keeps its column name through an alias) and the router
// binds the session's value when the plan says it uses it.
#ifndef TESSERA_LIB_PLANNER_SESSION_FUNCTIONS_H_
#define TESSERA_LIB_PLANNER_SESSION_FUNCTIONS_H_

#include "lib/sql/parser.h"

namespace tessera::planner {

// The bind variable holding the session's last insert id.
inline constexpr char kLastInsertIdVar[] = "__lastInsertId";

// Rewrites LAST_INSERT_ID() in the statement's top-level query blocks
// (select list, WHERE, HAVING, ORDER BY; UPDATE/DELETE WHERE and SET
// values). Returns whether it found any.
bool RewriteLastInsertId(sql::ParsedStatement& stmt);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_SESSION_FUNCTIONS_H_
