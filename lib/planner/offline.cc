#include "lib/planner/offline.h"

#include "lib/base/status_macros.h"
#include "lib/planner/planner.h"
#include "lib/sql/normalize.h"
#include "lib/vindex/builtin.h"
#include "lib/vschema/loader.h"
#include "lib/vschema/vschema.h"

namespace tessera::planner {

struct OfflinePlanner::State {
  vindex::VindexRegistry registry = vindex::NewBuiltinRegistry();
  std::unique_ptr<vschema::VSchema> vschema;
};

OfflinePlanner::OfflinePlanner(std::unique_ptr<State> state)
    : state_(std::move(state)) {}
OfflinePlanner::~OfflinePlanner() = default;

absl::StatusOr<std::unique_ptr<OfflinePlanner>> OfflinePlanner::Create(
    absl::string_view vschema_json) {
  auto state = std::make_unique<State>();
  TESSERA_ASSIGN_OR_RETURN(auto src, vschema::ParseVSchemaJson(vschema_json));
  TESSERA_ASSIGN_OR_RETURN(state->vschema,
                           vschema::VSchema::Build(src, state->registry));
  return std::unique_ptr<OfflinePlanner>(new OfflinePlanner(std::move(state)));
}

namespace {

absl::StatusOr<Plan> PlanText(const vschema::VSchema& vs,
                              absl::string_view target, absl::string_view sql) {
  TESSERA_ASSIGN_OR_RETURN(sql::ParsedStatement stmt, sql::Parse(sql));
  std::vector<sql::BindValue> binds;
  sql::NormalizeStatement(&stmt, &binds);
  PlannerContext ctx;
  ctx.vschema = &vs;
  TESSERA_ASSIGN_OR_RETURN(ctx.target, router::ParseTarget(target));
  return PlanStatement(stmt, ctx);
}

}  // namespace

absl::StatusOr<std::string> OfflinePlanner::ExplainJson(
    absl::string_view target, absl::string_view sql) const {
  TESSERA_ASSIGN_OR_RETURN(Plan p, PlanText(*state_->vschema, target, sql));
  return planner::ExplainJson(*p.explain);
}

absl::StatusOr<std::string> OfflinePlanner::ExplainText(
    absl::string_view target, absl::string_view sql) const {
  TESSERA_ASSIGN_OR_RETURN(Plan p, PlanText(*state_->vschema, target, sql));
  return planner::ExplainText(*p.explain);
}

}  // namespace tessera::planner
