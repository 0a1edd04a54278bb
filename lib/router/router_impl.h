// The Router behind include/tessera/router.h: parse → normalize → plan
// (cached) → execute on the shards through the engine.
#ifndef TESSERA_LIB_ROUTER_ROUTER_IMPL_H_
#define TESSERA_LIB_ROUTER_ROUTER_IMPL_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/engine/mysql_cursor.h"
#include "lib/planner/plan.h"
#include "lib/planner/plan_cache.h"
#include "lib/router/target.h"
#include "lib/sql/parser.h"
#include "lib/vindex/registry.h"
#include "lib/vschema/sequence.h"
#include "lib/vschema/vschema.h"
#include "tessera/router.h"

namespace tessera::router {

class SessionImpl : public tessera::Session {
 public:
  explicit SessionImpl(Target target) : target_(std::move(target)) {}
  std::string target() const override { return FormatTarget(target_); }
  bool in_transaction() const override { return false; }
  bool autocommit() const override { return true; }
  uint64_t last_insert_id() const override { return last_insert_id_; }
  uint64_t found_rows() const override { return found_rows_; }
  const std::vector<Warning>& warnings() const override { return warnings_; }

  const Target& parsed_target() const { return target_; }
  void set_target(Target t) { target_ = std::move(t); }
  void set_last_insert_id(uint64_t id) { last_insert_id_ = id; }
  void set_found_rows(uint64_t n) { found_rows_ = n; }

 private:
  Target target_;
  uint64_t last_insert_id_ = 0;
  uint64_t found_rows_ = 0;
  std::vector<Warning> warnings_;
};

class RouterImpl : public tessera::Router {
 public:
  static absl::StatusOr<std::unique_ptr<RouterImpl>> Create(
      const RouterOptions& options);

  absl::StatusOr<std::unique_ptr<tessera::Session>> NewSession(
      absl::string_view target) override;
  absl::StatusOr<Result> Execute(tessera::Session& session,
                                 absl::string_view sql,
                                 absl::Span<const BindValue> params) override;
  absl::StatusOr<Result> StreamExecute(tessera::Session& session,
                                       absl::string_view sql,
                                       absl::Span<const BindValue> params,
                                       ResultSink& sink) override;

  // The plan for a statement as EXPLAIN FORMAT=tessera shows it (JSON).
  absl::StatusOr<std::string> ExplainJson(tessera::Session& session,
                                          absl::string_view sql);
  planner::PlanCacheStats plan_cache_stats() const {
    return plan_cache_.Stats();
  }

 private:
  explicit RouterImpl(const RouterOptions& options);
  absl::StatusOr<std::shared_ptr<const planner::Plan>> GetPlan(
      SessionImpl& s, sql::ParsedStatement& stmt, sqltypes::BindVars* vars);
  absl::StatusOr<Result> Run(SessionImpl& s, absl::string_view sql,
                             ResultSink* sink);
  absl::StatusOr<Result> RunUse(SessionImpl& s, const sql::ParsedStatement&);
  absl::StatusOr<Result> RunOnShards(SessionImpl& s, absl::string_view sql,
                                     bool all_shards);
  absl::StatusOr<Result> ShowKeyspaces() const;

  RouterOptions options_;
  vindex::VindexRegistry registry_;
  std::unique_ptr<vschema::VSchema> vschema_;
  engine::MysqlCursor cursor_;
  planner::PlanCache<planner::Plan> plan_cache_;
  vschema::SequenceAllocators sequences_;  // auto_increment, NEXT VALUE
};

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_ROUTER_IMPL_H_
