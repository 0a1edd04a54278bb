// VindexExecutor: the router's vindex::QueryExecutor. Lookup-vindex and
// sequence queries (lib/vindex, lib/vschema) are planned and run like a
// client's statements: parsed, normalized, planned against the VSchema
// (so a lookup table may live in any keyspace, sharded or not) and
// executed by the engine over the router's cursor. A query with a target
// keyspace id (the owner-row check of consistent lookups) runs on the
// shard owning that id in its table's keyspace.
//
// Transactions: kSession queries run through the statement's cursor, so
// they join the session's transaction (or the implicit one of an
// autocommit write); kAutocommit, kPre and kPost queries run on pooled
// connections and commit on their own (no side transactions yet). "begin"
// pins one backend connection per shard the following statements touch,
// outside the session's transaction, until "commit" or "rollback": the
// sequence allocator reserves id blocks that way, so reserved ids survive a
// rollback of the statement that needed them.
//
// One executor serves one statement of one session: not thread-safe. The
// destructor rolls back a transaction left open.
#ifndef TESSERA_LIB_ROUTER_VINDEX_EXECUTOR_H_
#define TESSERA_LIB_ROUTER_VINDEX_EXECUTOR_H_

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "lib/engine/backend_cursor.h"
#include "lib/engine/operator.h"
#include "lib/mysql/client/pool.h"
#include "lib/planner/plan.h"
#include "lib/planner/plan_cache.h"
#include "lib/planner/planner.h"
#include "lib/sql/parser.h"
#include "lib/vindex/query_executor.h"
#include "lib/vschema/sequence.h"
#include "lib/vschema/vschema.h"

namespace tessera::router {

class VindexExecutor : public vindex::QueryExecutor {
 public:
  // `session` may be null: kSession queries then use pooled connections.
  VindexExecutor(const vschema::VSchema* vschema, engine::BackendCursor* cursor,
                 engine::ShardCursor* session, engine::Limits limits,
                 vschema::SequenceAllocators* sequences)
      : vschema_(vschema),
        cursor_(cursor),
        session_(session),
        limits_(limits),
        sequences_(sequences) {}
  ~VindexExecutor() override;

  // Errors: parse and planning errors of the query, the shards' errors
  // (their MySQL errno kept, e.g. 1062), 1105 when a transaction would
  // span several shards' connections and a pool is missing.
  absl::StatusOr<vindex::QueryResult> Execute(const vindex::BoundQuery& query,
                                              vindex::ExecMode mode) override;

  // Caches the plans of the queries it runs in `cache` (the router's, which
  // must outlive the executor), keyed by `generation` and the normalized
  // query: lookup queries differ only in their values. Queries with a
  // target keyspace id are planned each time.
  void set_plan_cache(planner::PlanCache<planner::Plan>* cache,
                      uint64_t generation) {
    plans_ = cache;
    generation_ = generation;
  }

  // The connection pinned for keyspace/shard inside a transaction (opened
  // with BEGIN on first use).
  absl::StatusOr<mysql::BackendConnection*> Pinned(absl::string_view keyspace,
                                                   absl::string_view shard);

 private:
  absl::Status EndTransaction(absl::string_view verb);
  absl::StatusOr<vindex::QueryResult> Run(const vindex::BoundQuery& query,
                                          engine::ShardCursor* cursor);
  absl::StatusOr<std::shared_ptr<const planner::Plan>> PlanFor(
      sql::ParsedStatement& stmt, const planner::PlannerContext& ctx);

  const vschema::VSchema* vschema_;
  engine::BackendCursor* cursor_;
  engine::ShardCursor* session_;
  engine::Limits limits_;
  vschema::SequenceAllocators* sequences_;
  planner::PlanCache<planner::Plan>* plans_ = nullptr;
  uint64_t generation_ = 0;
  bool in_transaction_ = false;
  std::map<std::string, mysql::PooledConnection> pinned_;
};

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_VINDEX_EXECUTOR_H_
