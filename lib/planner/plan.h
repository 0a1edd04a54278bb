// A plan: the engine operator tree for one statement shape, plus the same
// tree described for EXPLAIN. Plans are immutable and shared by every session
// that runs the same normalized statement (see plan_cache.h).
#ifndef TESSERA_LIB_PLANNER_PLAN_H_
#define TESSERA_LIB_PLANNER_PLAN_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "lib/engine/operator.h"

namespace tessera::planner {

// One node of the explain tree. `op` and `variant` use the names Vitess
// users know ("Route"/"EqualUnique", "Limit", "Aggregate"/"Ordered", ...).
struct ExplainNode {
  std::string op;
  std::string variant;
  std::string keyspace;
  std::vector<std::string> shards;  // when fixed at plan time
  std::string query;                // what the shards run
  std::string detail;               // e.g. "order by 0 ASC", "count=:v2"
  std::vector<std::shared_ptr<const ExplainNode>> inputs;
};

// What kind of work a statement is, for the router's session handling.
enum class PlanKind {
  kSelect,
  kInsert,
  kUpdate,
  kDelete,
  kDdl,
  kOther,
};

struct Plan {
  PlanKind kind = PlanKind::kSelect;
  engine::OperatorPtr root;
  std::shared_ptr<const ExplainNode> explain;
  // Estimated memory, for the plan cache's budget.
  int64_t bytes = 0;
  // The plan reads the session's LAST_INSERT_ID() from the bind variable
  // session_functions.h names; the router must set it.
  bool uses_last_insert_id = false;
  // A write that sends one batch of shard statements and nothing else: no
  // lookup vindex rows to maintain, no sequence ids, no rows read first.
  // In autocommit the router runs it without a transaction when the batch
  // reaches one shard (the shard's own autocommit is atomic) and in an
  // implicit one when it reaches several.
  bool single_batch_write = false;
};

// {"operator": ..., "variant": ..., "keyspace": ..., "shards": [...],
//  "query": ..., "inputs": [...]} (empty members omitted).
std::string ExplainJson(const ExplainNode& node);
// One node per line, inputs indented.
std::string ExplainText(const ExplainNode& node);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_PLAN_H_
