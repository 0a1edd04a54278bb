// What the planner plans against: the VSchema and the session's target.
#ifndef TESSERA_LIB_PLANNER_CONTEXT_H_
#define TESSERA_LIB_PLANNER_CONTEXT_H_

#include <deque>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "lib/router/target.h"
#include "lib/vschema/vschema.h"

namespace tessera::planner {

struct PlannerContext {
  const vschema::VSchema* vschema = nullptr;
  router::Target target;  // default keyspace, shard, tablet type
};

// Per-statement scratch state: tables synthesized for unsharded keyspaces
// (which may hold tables the VSchema does not list) live here while planning.
struct PlanScratch {
  std::deque<vschema::Table> synthesized;
};

// ER_NOT_SUPPORTED_YET (1235, 42000): "unsupported: <what>". The message
// says what Tessera cannot do correctly across shards.
absl::Status Unsupported(absl::string_view what);

// Whether `db` names a system schema answered by any one shard
// (information_schema, mysql, performance_schema, sys).
bool IsSystemSchema(absl::string_view db);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_CONTEXT_H_
