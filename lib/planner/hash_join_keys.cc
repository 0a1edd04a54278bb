// Hash joins across shards. A group whose only links to earlier groups are
// equalities `expr = :__j<g>_<i>` (the join condition, in WHERE or in its
// LEFT JOIN's ON) can run once without them, and the router matches its
// rows to the outer rows by hashing the keys (engine::HashJoin). Each key
// side also gets WEIGHT_STRING(RTRIM(key)) so text matches in its
// collation; the engine checks the key types when the join runs and uses
// the nested-loop join instead when hashing would not compare as MariaDB
// does (text against numbers, different collations) or the build side is
// over the memory limit.
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/base/status_macros.h"
#include "lib/engine/hash_join.h"
#include "lib/planner/ast_util.h"
#include "lib/planner/join_builder.h"
#include "lib/planner/walk.h"

namespace tessera::planner {
namespace {

// The name of a join bind variable (":__j0_1" -> "__j0_1"), or "".
absl::string_view JoinVar(const sql::Expr* e) {
  if (e->kind != sql::ExprKind::kParam) return "";
  absl::string_view t = static_cast<const sql::Param*>(e)->text;
  if (!absl::StartsWith(t, ":__j")) return "";
  return t.substr(1);
}

sql::Expr* WeightOf(sql::Arena& arena, sql::Expr* e) {
  return NewFunc(arena, "weight_string", NewFunc(arena, "rtrim", e));
}

}  // namespace

bool JoinBuilder::HasJoinVar(const sql::Expr* e) const {
  bool found = false;
  VisitExpr(
      e, [&](const sql::Expr* x) { found |= !JoinVar(x).empty(); },
      [](const sql::QueryExpr*) {});
  return found;
}

// Whether group g can be hash-joined: its keys (earlier columns, own
// expressions) and its other conditions.
JoinBuilder::HashKeys JoinBuilder::HashKeysOf(int g) {
  HashKeys h;
  h.ok = true;
  // Values the group's query computes from earlier groups, or joins of its
  // own tables reading them, need the nested loop.
  for (const Out& o : groups_[g].outs) h.ok &= !HasJoinVar(o.expr);
  const JoinGroup& jg = layout_.groups[g];
  for (size_t i = 1; i < jg.tables.size(); ++i) {
    const sql::Expr* on = layout_.on[jg.tables[i]];
    h.ok &= on == nullptr || !HasJoinVar(on);
  }
  bool keyed = false;
  for (sql::Expr* c : groups_[g].where) {
    if (!h.ok) break;
    if (!HasJoinVar(c)) {
      h.where.push_back(c);
      continue;
    }
    h.ok = false;
    if (c->kind != sql::ExprKind::kBinary) break;
    auto* b = static_cast<sql::Binary*>(c);
    if (b->op != sql::BinOp::kEq || b->quant != sql::Quantifier::kNone) break;
    bool var_left = !JoinVar(b->left).empty();
    sql::Expr* var = var_left ? b->left : b->right;
    sql::Expr* mine = var_left ? b->right : b->left;
    if (JoinVar(var).empty() || HasJoinVar(mine)) break;
    for (const auto& [name, ref] : groups_[g].vars) {
      if (name != JoinVar(var)) continue;
      h.left.push_back(ref);
      h.right_exprs.push_back(mine);
      h.ok = keyed = true;
    }
  }
  h.ok &= keyed;
  return h;
}

absl::Status JoinBuilder::PlanHashKeys() {
  hash_.assign(groups_.size(), HashKeys{});
  // A scatter on the outer side makes a nested loop run one query per
  // outer row.
  sql::Select* unused = nullptr;
  TESSERA_ASSIGN_OR_RETURN(BlockRoute first,
                           GroupRoute(0, groups_[0].where, &unused));
  bool outer_scatter = first.variant == engine::RouteVariant::kScatter;
  for (size_t g = 1; g < groups_.size(); ++g) {
    int gi = static_cast<int>(g);
    TESSERA_ASSIGN_OR_RETURN(BlockRoute r,
                             GroupRoute(gi, groups_[g].where, &unused));
    HashKeys h = HashKeysOf(gi);
    if (outer_scatter && h.ok) {
      for (size_t i = 0; i < h.left.size(); ++i) {
        ColRef ref = h.left[i];
        sql::Expr* mine = h.right_exprs[i];
        h.left_weight.push_back(
            Add(ref.group,
                WeightOf(arena_, groups_[ref.group].outs[ref.local].expr), {},
                true));
        h.right.push_back(Add(gi, mine, {}, true));
        h.right_weight.push_back(Add(gi, WeightOf(arena_, mine), {}, true));
      }
      hash_[g] = std::move(h);
    }
    outer_scatter |= r.variant == engine::RouteVariant::kScatter;
  }
  return absl::OkStatus();
}

PlanPart JoinBuilder::HashJoinPart(int g, PlanPart left, PlanPart right,
                                   PlanPart nested) const {
  const HashKeys& h = hash_[g];
  engine::HashJoinSpec spec;
  spec.left = left.op;
  spec.right = right.op;
  spec.left_join = layout_.groups[g].left;
  std::vector<std::string> keys;
  for (size_t i = 0; i < h.left.size(); ++i) {
    spec.left_keys.push_back(Global(h.left[i]));
    spec.left_weights.push_back(Global(h.left_weight[i]));
    spec.right_keys.push_back(h.right[i].local);
    spec.right_weights.push_back(h.right_weight[i].local);
    keys.push_back(
        absl::StrCat("L", Global(h.left[i]), "=R", h.right[i].local));
  }
  int left_width = offsets_[g];
  for (int i = 0; i < left_width; ++i) spec.columns.push_back({true, i});
  int right_width = static_cast<int>(groups_[g].outs.size());
  for (int i = 0; i < right_width; ++i) spec.columns.push_back({false, i});
  spec.fallback = nested.op;
  auto node = std::make_shared<ExplainNode>();
  node->op = "Join";
  node->variant = spec.left_join ? "HashLeftJoin" : "HashJoin";
  node->detail = absl::StrCat(absl::StrJoin(keys, ", "), "; else ",
                              nested.explain->detail);
  node->inputs = {left.explain, right.explain};
  return {std::make_shared<engine::HashJoin>(std::move(spec)), std::move(node)};
}

}  // namespace tessera::planner
