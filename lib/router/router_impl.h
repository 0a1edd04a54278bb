// The Router behind include/tessera/router.h: parse → normalize → plan
// (cached) → execute on the shards through the engine.
#ifndef TESSERA_LIB_ROUTER_ROUTER_IMPL_H_
#define TESSERA_LIB_ROUTER_ROUTER_IMPL_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "lib/engine/backend_cursor.h"
#include "lib/mysql/client/active_queries.h"
#include "lib/planner/plan.h"
#include "lib/planner/plan_cache.h"
#include "lib/router/router_state.h"
#include "lib/router/session_vars.h"
#include "lib/router/target.h"
#include "lib/router/transaction.h"
#include "lib/router/txn_statement.h"
#include "lib/sql/parser.h"
#include "lib/topo/conn.h"
#include "lib/topo/watch_cache.h"
#include "lib/vindex/registry.h"
#include "lib/vschema/sequence.h"
#include "lib/vschema/vschema.h"
#include "tessera/router.h"

namespace tessera::router {

struct LoadDataPlan;    // load_data.h
class RouterRowCursor;  // row_cursor.h

class SessionImpl : public tessera::Session {
 public:
  SessionImpl(Target target, TransactionMode mode)
      : target_(std::move(target)), txn_(mode) {}
  // Destroying a session rolls back its open transaction (~Transaction).
  std::string target() const override { return FormatTarget(target_); }
  bool in_transaction() const override { return txn_.active(); }
  bool autocommit() const override { return autocommit_; }
  uint64_t last_insert_id() const override { return last_insert_id_; }
  uint64_t found_rows() const override { return found_rows_; }
  const std::vector<Warning>& warnings() const override { return warnings_; }

  const Target& parsed_target() const { return target_; }
  void set_target(Target t) { target_ = std::move(t); }
  void set_last_insert_id(uint64_t id) { last_insert_id_ = id; }
  void set_found_rows(uint64_t n) { found_rows_ = n; }
  void set_autocommit(bool on) { autocommit_ = on; }
  uint16_t last_warnings() const { return last_warnings_; }
  void set_last_warnings(uint16_t n) { last_warnings_ = n; }
  void set_warnings(std::vector<Warning> w) { warnings_ = std::move(w); }
  Transaction& txn() { return txn_; }
  SessionVars& vars() { return vars_; }
  // The shard queries of the running statement, for KILL QUERY
  // (lib/router/mysql_session.cc marks statement boundaries).
  const std::shared_ptr<mysql::ActiveQueries>& active_queries() const {
    return active_queries_;
  }
  void set_active_queries(std::shared_ptr<mysql::ActiveQueries> a) {
    active_queries_ = std::move(a);
  }

 private:
  Target target_;
  std::shared_ptr<mysql::ActiveQueries> active_queries_ =
      std::make_shared<mysql::ActiveQueries>();
  Transaction txn_;
  SessionVars vars_;
  bool autocommit_ = true;
  uint16_t last_warnings_ = 0;
  uint64_t last_insert_id_ = 0;
  uint64_t found_rows_ = 0;
  std::vector<Warning> warnings_;
};

class RouterImpl : public tessera::Router {
 public:
  static absl::StatusOr<std::unique_ptr<RouterImpl>> Create(
      const RouterOptions& options);
  // With the shards' cursors made by `backends` instead of libmariadb
  // pools (in-process benchmarks and tests over a fake backend).
  static absl::StatusOr<std::unique_ptr<RouterImpl>> Create(
      const RouterOptions& options, BackendFactory backends);

  absl::StatusOr<std::unique_ptr<tessera::Session>> NewSession(
      absl::string_view target) override;
  absl::StatusOr<Result> Execute(tessera::Session& session,
                                 absl::string_view sql,
                                 absl::Span<const BindValue> params) override;
  absl::StatusOr<Result> StreamExecute(tessera::Session& session,
                                       absl::string_view sql,
                                       absl::Span<const BindValue> params,
                                       ResultSink& sink) override;

  // LOAD DATA LOCAL INFILE `sql` with the client's file `data`, split among
  // the shards in one transaction (lib/router/load_data.h).
  absl::StatusOr<Result> LoadDataLocal(tessera::Session& session,
                                       absl::string_view sql,
                                       absl::string_view data);

  // A SELECT's rows as a cursor the caller pulls (server-side cursors);
  // null when `sql` is not a SELECT (run it with Execute instead). The
  // session must outlive the cursor and run nothing else that needs its
  // shard connections while it is read (row_cursor.h).
  // The cursor's shard queries, from the open to its end, are recorded in
  // `active` (begun by the caller; a new one if null), not in the
  // session's: cancelling it (RouterRowCursor::active_queries()) interrupts
  // the cursor's reads.
  absl::StatusOr<std::unique_ptr<RouterRowCursor>> OpenRowCursor(
      tessera::Session& session, absl::string_view sql,
      absl::Span<const BindValue> params,
      std::shared_ptr<mysql::ActiveQueries> active = nullptr);

  // The plan of a statement for the session, through the plan cache (parse,
  // normalize, look up; plan on a miss). Nothing runs.
  absl::StatusOr<std::shared_ptr<const planner::Plan>> CachedPlan(
      tessera::Session& session, absl::string_view sql);
  // The same for a parsed statement (normalized in place): the cost of a
  // plan-cache hit without the parse.
  absl::StatusOr<std::shared_ptr<const planner::Plan>> CachedPlan(
      tessera::Session& session, sql::ParsedStatement& stmt);
  // The plan for a statement as EXPLAIN FORMAT=tessera shows it (JSON).
  absl::StatusOr<std::string> ExplainJson(tessera::Session& session,
                                          absl::string_view sql);
  planner::PlanCacheStats plan_cache_stats() const {
    return plan_cache_.Stats();
  }
  // For /metrics (router_metrics.cc): the snapshot statements use now,
  // without applying pending topology changes, and the topology's health.
  std::shared_ptr<const RouterState> CurrentState() const;
  struct TopologyHealth {
    bool enabled = false;             // built from a topology (else static)
    uint64_t seen_generation = 0;     // the watch cache's
    uint64_t applied_generation = 0;  // the snapshot's
    absl::Duration staleness;         // since the topology last answered
    bool connected = true;
  };
  TopologyHealth topology_health() const;

 private:
  RouterImpl(const RouterOptions& options, BackendFactory backends);
  // The current snapshot, rebuilt first when the topology changed.
  std::shared_ptr<const RouterState> State();
  absl::StatusOr<std::shared_ptr<const planner::Plan>> GetPlan(
      SessionImpl& s, const RouterState& st, sql::ParsedStatement& stmt,
      sqltypes::BindVars* vars);
  absl::StatusOr<Result> Run(SessionImpl& s, const RouterState& st,
                             absl::string_view sql, ResultSink* sink);
  absl::StatusOr<Result> RunUse(SessionImpl& s, const RouterState& st,
                                const sql::ParsedStatement&);
  absl::StatusOr<Result> RunTxn(SessionImpl& s, const RouterState& st,
                                const sql::ParsedStatement&);
  absl::StatusOr<Result> RunSet(SessionImpl& s, const RouterState& st,
                                const sql::ParsedStatement&);
  absl::StatusOr<Result> RunPlan(SessionImpl& s, const RouterState& st,
                                 sql::ParsedStatement& stmt, ResultSink* sink);
  absl::StatusOr<engine::BackendCursor*> ReplicaCursor(
      SessionImpl& s, const RouterState& st, const planner::Plan& plan);
  absl::StatusOr<Result> ExecutePlan(SessionImpl& s, const planner::Plan& plan,
                                     const sqltypes::BindVars& vars,
                                     engine::ExecContext& ctx,
                                     ResultSink* sink);
  absl::StatusOr<Result> RunOnShards(SessionImpl& s, const RouterState& st,
                                     absl::string_view sql, bool all_shards);
  // load_data_exec.cc
  absl::StatusOr<Result> RunLoadData(SessionImpl& s, const RouterState& st,
                                     const LoadDataPlan& plan);

  RouterOptions options_;
  BackendFactory backends_;
  vindex::VindexRegistry registry_;
  planner::PlanCache<planner::Plan> plan_cache_;
  // Topology mode: the connection and its watch cache (null when static).
  std::unique_ptr<topo::Conn> topo_;
  std::unique_ptr<topo::WatchCache> watch_;
  mutable absl::Mutex state_mu_;
  std::shared_ptr<const RouterState> state_ ABSL_GUARDED_BY(state_mu_);
  vschema::SequenceAllocators sequences_;  // auto_increment, NEXT VALUE
};

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_ROUTER_IMPL_H_
