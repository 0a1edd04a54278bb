#include "lib/planner/join_planner.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/base/status_macros.h"
#include "lib/engine/join.h"
#include "lib/planner/ast_util.h"
#include "lib/planner/join_builder.h"
#include "lib/planner/predicates.h"
#include "lib/planner/rewrite.h"
#include "lib/planner/route_analysis.h"
#include "lib/planner/walk.h"

namespace tessera::planner {
namespace {

sql::Expr* AndAll(sql::Arena& arena, const std::vector<sql::Expr*>& conds) {
  sql::Expr* out = nullptr;
  for (sql::Expr* c : conds) {
    if (out == nullptr) {
      out = c;
      continue;
    }
    auto* b = arena.New<sql::Binary>();
    b->op = sql::BinOp::kAnd;
    b->left = out;
    b->right = c;
    out = b;
  }
  return out;
}

sql::Expr* FalseCondition(sql::Arena& arena) {
  auto* b = arena.New<sql::Binary>();
  b->op = sql::BinOp::kNe;
  b->left = OneLiteral(arena);
  b->right = OneLiteral(arena);
  return b;
}

}  // namespace

JoinBuilder::JoinBuilder(sql::Select& sel, JoinLayout& layout,
                         const PlannerContext& ctx, PlanScratch& scratch,
                         sql::Arena& arena, absl::string_view text)
    : sel_(sel),
      layout_(layout),
      ctx_(ctx),
      scratch_(scratch),
      arena_(arena),
      text_(text),
      groups_(layout.groups.size()) {}

absl::Status JoinBuilder::CheckShape() const {
  if (sel_.options & sql::kSelCalcFoundRows) {
    return Unsupported("SQL_CALC_FOUND_ROWS in a cross-shard join");
  }
  if (sel_.into != nullptr) return Unsupported("SELECT ... INTO across shards");
  if (sel_.with != nullptr) return Unsupported("WITH in a cross-shard join");
  if (sel_.lock != nullptr) return Unsupported("locking reads across shards");
  if (sel_.with_rollup) return Unsupported("WITH ROLLUP across shards");
  if (!sel_.windows.empty()) return Unsupported("WINDOW across shards");
  if (ctx_.target.has_destination()) {
    return Unsupported("a cross-shard join with an explicit shard target");
  }
  return absl::OkStatus();
}

absl::StatusOr<int> JoinBuilder::GroupOf(const sql::Expr* e) const {
  std::set<int> tables;
  TESSERA_RETURN_IF_ERROR(TablesOf(e, layout_.from, &tables));
  int g = 0;
  for (int t : tables) g = std::max(g, layout_.group_of[t]);
  return g;
}

ColRef JoinBuilder::Add(int g, sql::Expr* e, sql::Ident alias, bool dedup) {
  // Columns added without dedup may be overwritten (aggregate results):
  // later lookups must not find them.
  std::string text = dedup ? ExprText(*e, text_) : "";
  std::vector<Out>& outs = groups_[g].outs;
  if (dedup) {
    for (size_t i = 0; i < outs.size(); ++i) {
      if (!outs[i].text.empty() && outs[i].text == text) {
        return {g, static_cast<int>(i)};
      }
    }
  }
  outs.push_back({e, alias, std::move(text)});
  return {g, static_cast<int>(outs.size()) - 1};
}

absl::StatusOr<ColRef> JoinBuilder::Compute(sql::Expr* e) {
  TESSERA_ASSIGN_OR_RETURN(int g, GroupOf(e));
  sql::Expr* slot = e;
  TESSERA_RETURN_IF_ERROR(Localize(g, &slot));
  return Add(g, slot, {}, true);
}

absl::Status JoinBuilder::Localize(int g, sql::Expr** slot) {
  absl::Status status;
  ReplaceExprs(slot, [&](sql::Expr* e) -> sql::Expr* {
    if (e->kind != sql::ExprKind::kColumn) return nullptr;
    int t = BindColumn(*static_cast<sql::Column*>(e), layout_.from);
    if (t < 0) {
      status = Unsupported("an unqualified column in a cross-shard join");
      return nullptr;
    }
    int src = layout_.group_of[t];
    if (src >= g) return nullptr;
    ColRef r = Add(src, e, {}, true);
    std::string name = absl::StrCat("__j", src, "_", r.local);
    bool known = false;
    for (const auto& v : groups_[g].vars) known |= v.first == name;
    if (!known) groups_[g].vars.push_back({name, r});
    return NewParam(arena_, absl::StrCat(":", name));
  });
  return status;
}

absl::Status JoinBuilder::PlaceConjuncts() {
  for (const sql::Expr* c : layout_.conjuncts) {
    TESSERA_ASSIGN_OR_RETURN(int k, GroupOf(c));
    int j = k;
    while (j < static_cast<int>(groups_.size()) && layout_.groups[j].left) ++j;
    if (j < static_cast<int>(groups_.size())) {
      groups_[j].where.push_back(const_cast<sql::Expr*>(c));
    } else {
      router_filters_.push_back(const_cast<sql::Expr*>(c));
    }
  }
  // The ON of the table that starts a LEFT JOIN group filters that group.
  for (size_t g = 0; g < groups_.size(); ++g) {
    if (!layout_.groups[g].left) continue;
    int first = layout_.groups[g].tables[0];
    std::vector<const sql::Expr*> on;
    SplitAnd(layout_.on[first], &on);
    for (const sql::Expr* c : on) {
      TESSERA_RETURN_IF_ERROR(GroupOf(c).status());
      groups_[g].where.push_back(const_cast<sql::Expr*>(c));
    }
  }
  return absl::OkStatus();
}

absl::Status JoinBuilder::LocalizeGroups() {
  for (size_t g = 0; g < groups_.size(); ++g) {
    int gi = static_cast<int>(g);
    for (sql::Expr*& c : groups_[g].where) {
      TESSERA_RETURN_IF_ERROR(Localize(gi, &c));
    }
    const JoinGroup& jg = layout_.groups[g];
    for (size_t i = 1; i < jg.tables.size(); ++i) {
      int t = jg.tables[i];
      if (!layout_.left[t]) continue;
      auto* on = const_cast<sql::Expr*>(layout_.on[t]);
      TESSERA_RETURN_IF_ERROR(Localize(gi, &on));
      layout_.on[t] = on;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<BlockRoute> JoinBuilder::GroupRoute(
    int g, const std::vector<sql::Expr*>& where, sql::Select** query) {
  const JoinGroup& jg = layout_.groups[g];
  GroupQuery& q = groups_[g];
  FromInfo from;
  sql::TableRef* acc = nullptr;
  for (size_t i = 0; i < jg.tables.size(); ++i) {
    int t = jg.tables[i];
    TableBinding b = layout_.from.tables[t];
    auto* factor = const_cast<sql::TableFactor*>(b.ref);
    bool outer = i > 0 && layout_.left[t];
    b.outer = outer;
    from.tables.push_back(b);
    if (acc == nullptr) {
      acc = factor;
      continue;
    }
    auto* j = arena_.New<sql::JoinRef>();
    j->type = outer ? sql::JoinType::kLeft : sql::JoinType::kInner;
    j->left = acc;
    j->right = factor;
    if (outer) {
      j->on = const_cast<sql::Expr*>(layout_.on[t]);
      from.outer_on.push_back(j->on);
    }
    acc = j;
  }
  auto* s = arena_.New<sql::Select>();
  Append(arena_, s->from, acc);
  for (const Out& o : q.outs) {
    Append(arena_, s->items, sql::SelectItem{o.expr, o.alias});
  }
  s->where = AndAll(arena_, where);
  *query = s;
  return RouteBlock(from, s->where, {}, ctx_, scratch_);
}

absl::StatusOr<PlanPart> JoinBuilder::BuildRoute(
    int g, const std::vector<sql::Expr*>& where) {
  sql::Select* s = nullptr;
  TESSERA_ASSIGN_OR_RETURN(BlockRoute r, GroupRoute(g, where, &s));
  engine::RouteSpec spec = RouteSpecFor(r);
  spec.query = FormatQuery(s, arena_, text_);
  s->where = FalseCondition(arena_);
  spec.field_query = FormatQuery(s, arena_, text_);
  return RouteOperator(std::move(spec));
}

absl::StatusOr<PlanPart> JoinBuilder::BuildJoins() {
  TESSERA_ASSIGN_OR_RETURN(PlanPart acc, BuildRoute(0, groups_[0].where));
  int width = static_cast<int>(groups_[0].outs.size());
  for (size_t g = 1; g < groups_.size(); ++g) {
    int gi = static_cast<int>(g);
    TESSERA_ASSIGN_OR_RETURN(PlanPart right, BuildRoute(gi, groups_[g].where));
    engine::JoinSpec spec;
    spec.left = acc.op;
    spec.right = right.op;
    spec.left_join = layout_.groups[g].left;
    std::vector<std::string> vars;
    for (const auto& [name, ref] : groups_[g].vars) {
      spec.vars.push_back({name, Global(ref)});
      vars.push_back(absl::StrCat(":", name, "=L", Global(ref)));
    }
    for (int i = 0; i < width; ++i) spec.columns.push_back({true, i});
    int right_width = static_cast<int>(groups_[g].outs.size());
    for (int i = 0; i < right_width; ++i) spec.columns.push_back({false, i});
    width += right_width;
    auto node = std::make_shared<ExplainNode>();
    node->op = "Join";
    node->variant = spec.left_join ? "LeftJoin" : "Join";
    node->detail = absl::StrJoin(vars, ", ");
    node->inputs = {acc.explain, right.explain};
    PlanPart left = acc;
    acc = {std::make_shared<engine::Join>(std::move(spec)), std::move(node)};
    if (hash_[g].ok) {
      TESSERA_ASSIGN_OR_RETURN(PlanPart built, BuildRoute(gi, hash_[g].where));
      acc = HashJoinPart(gi, std::move(left), std::move(built), std::move(acc));
    }
  }
  return acc;
}

absl::StatusOr<PlanPart> JoinBuilder::Build() {
  TESSERA_RETURN_IF_ERROR(CheckShape());
  TESSERA_RETURN_IF_ERROR(PlaceConjuncts());
  TESSERA_RETURN_IF_ERROR(RegisterItems());
  for (sql::Expr* c : router_filters_) {
    TESSERA_ASSIGN_OR_RETURN(FilterNode f, RegisterFilter(c));
    filters_.push_back(std::move(f));
  }
  if (aggregate_) {
    TESSERA_RETURN_IF_ERROR(RegisterAggregates());
  } else {
    TESSERA_RETURN_IF_ERROR(RegisterOrder());
  }
  TESSERA_RETURN_IF_ERROR(LocalizeGroups());
  TESSERA_RETURN_IF_ERROR(PlanHashKeys());
  // Groups whose query selects nothing still need a column.
  for (size_t g = 0; g < groups_.size(); ++g) {
    if (groups_[g].outs.empty()) {
      Add(static_cast<int>(g), OneLiteral(arena_), {}, true);
    }
  }
  offsets_.assign(groups_.size(), 0);
  for (size_t g = 1; g < groups_.size(); ++g) {
    offsets_[g] =
        offsets_[g - 1] + static_cast<int>(groups_[g - 1].outs.size());
  }
  TESSERA_ASSIGN_OR_RETURN(PlanPart joined, BuildJoins());
  return BuildOutput(std::move(joined));
}

absl::StatusOr<PlanPart> PlanJoin(sql::Select& sel, JoinLayout& layout,
                                  const PlannerContext& ctx,
                                  PlanScratch& scratch, sql::Arena& arena,
                                  absl::string_view text) {
  JoinBuilder b(sel, layout, ctx, scratch, arena, text);
  return b.Build();
}

}  // namespace tessera::planner
