// Plan operators and their execution context.
//
// A plan is a tree of immutable Operators, shared by every session that
// runs it (Open is const and thread-safe). Open() starts execution and
// returns a RowStream; parents pull rows from their children's streams, so
// rows flow through the tree without being buffered unless an operator
// must hold them (a hash join's build side, DISTINCT's seen set, a sort),
// and that memory is bounded by ExecContext::limits.
#ifndef TESSERA_LIB_ENGINE_OPERATOR_H_
#define TESSERA_LIB_ENGINE_OPERATOR_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lib/engine/row_stream.h"
#include "lib/engine/shard_cursor.h"
#include "tessera/result.h"

namespace tessera::vindex {
class QueryExecutor;
}  // namespace tessera::vindex
namespace tessera::vschema {
class SequenceAllocators;
}  // namespace tessera::vschema

namespace tessera::engine {

struct Limits {
  // Rows / bytes one operator may hold in memory at once.
  size_t max_memory_rows = 100000;
  size_t max_memory_bytes = 64 << 20;
  // Rows / bytes ExecuteToResult may collect for one statement.
  size_t max_result_rows = 1000000;
  size_t max_result_bytes = 256 << 20;
};

// Per-statement state: not thread-safe, one per executing statement.
struct ExecContext {
  ShardCursor* cursor = nullptr;
  Limits limits;
  // Runs lookup-vindex and sequence queries (the router implements it);
  // null when the plan needs none.
  vindex::QueryExecutor* vindex_executor = nullptr;
  // The router's sequence allocators, for auto_increment through
  // sequences; null when not available.
  vschema::SequenceAllocators* sequences = nullptr;
  // Set by Insert into a table with a sequence. The statement's insert id
  // is then the first id it generated, or (none generated) the last
  // explicit value, which MySQL reports in the OK packet but does not make
  // the session's LAST_INSERT_ID(); `generated_insert_id` is 0 then.
  bool sequence_insert = false;
  uint64_t generated_insert_id = 0;
};

class Operator {
 public:
  virtual ~Operator() = default;

  // Starts execution with `bind_vars` (read during Open only). The stream
  // must not outlive this operator or `ctx`.
  virtual absl::StatusOr<std::unique_ptr<RowStream>> Open(
      ExecContext& ctx, const BindVars& bind_vars) const = 0;

  // One line for explain output and tests, e.g. "Route Scatter ks".
  virtual std::string Describe() const = 0;
  virtual std::vector<const Operator*> inputs() const { return {}; }
};

using OperatorPtr = std::shared_ptr<const Operator>;

// Opens `op` and collects its rows into a Result, within
// ctx.limits.max_result_rows/bytes (error 1104 42000 beyond).
absl::StatusOr<Result> ExecuteToResult(const Operator& op, ExecContext& ctx,
                                       const BindVars& bind_vars);

// The explain tree: one Describe() line per operator, indented by depth.
std::string ExplainTree(const Operator& op);

// Tracks rows an operator holds in memory against the limits.
class MemoryBudget {
 public:
  MemoryBudget(const Limits& limits, const char* what)
      : max_rows_(limits.max_memory_rows),
        max_bytes_(limits.max_memory_bytes),
        what_(what) {}
  // Accounts for one more held row; error 1041 HY000 past the limits.
  absl::Status Add(const Row& row);
  absl::Status AddBytes(size_t bytes);

 private:
  size_t max_rows_, max_bytes_;
  const char* what_;
  size_t rows_ = 0, bytes_ = 0;
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_OPERATOR_H_
