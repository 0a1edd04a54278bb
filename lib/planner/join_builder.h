// Internal to the join planner: the state of one cross-shard join while it
// is planned (join_planner.cc builds the routes and joins, join_output.cc
// what the router does with the joined rows).
#ifndef TESSERA_LIB_PLANNER_JOIN_BUILDER_H_
#define TESSERA_LIB_PLANNER_JOIN_BUILDER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/engine/aggregate.h"
#include "lib/engine/expr.h"
#include "lib/engine/order.h"
#include "lib/planner/context.h"
#include "lib/planner/join_layout.h"
#include "lib/planner/route_analysis.h"
#include "lib/planner/scatter_select.h"
#include "lib/sql/ast.h"

namespace tessera::planner {

// A column some group's query computes: (group, index in its select list).
struct ColRef {
  int group = 0;
  int local = 0;
};

// A router-side filter over shard-computed columns.
struct FilterNode {
  enum class Op { kAnd, kOr, kNot, kIsNull, kIsNotNull, kTruth };
  Op op = Op::kTruth;
  ColRef col;
  std::vector<FilterNode> children;
};

// An ORDER BY / DISTINCT / GROUP BY key: value and its weight string.
struct KeyRef {
  ColRef value;
  ColRef weight;
  bool descending = false;
};

struct AggRef {
  engine::AggregateOp op;
  int item;
  ColRef arg;
  ColRef weight;
  bool has_weight = false;
};

// The literal 1.
inline sql::Expr* OneLiteral(sql::Arena& arena) {
  auto* l = arena.New<sql::Literal>();
  l->lit = sql::LitKind::kInt;
  l->text = "1";
  return l;
}

// Whether `e` is NULL whenever every column of group `g` is NULL (so a
// NULL-extended row of a LEFT JOIN group gives what MariaDB computes).
bool NullWhenGroupNull(const sql::Expr* e, const JoinLayout& layout, int g);

class JoinBuilder {
 public:
  JoinBuilder(sql::Select& sel, JoinLayout& layout, const PlannerContext& ctx,
              PlanScratch& scratch, sql::Arena& arena, absl::string_view text);

  absl::StatusOr<PlanPart> Build();

 private:
  struct Out {
    sql::Expr* expr;
    sql::Ident alias;
    std::string text;
  };
  struct GroupQuery {
    std::vector<Out> outs;
    std::vector<sql::Expr*> where;
    // Bind variables the group's query reads from earlier groups.
    std::vector<std::pair<std::string, ColRef>> vars;
  };
  // How a group may be hash-joined instead (hash_join_keys.cc): every
  // condition reading earlier groups is `expr = :var`.
  struct HashKeys {
    bool ok = false;
    std::vector<ColRef> left, left_weight;    // earlier groups' columns
    std::vector<ColRef> right, right_weight;  // this group's columns
    std::vector<sql::Expr*> right_exprs;      // what they compute
    std::vector<sql::Expr*> where;            // the group's own conditions
  };

  // --- join_planner.cc
  absl::Status CheckShape() const;
  absl::Status PlaceConjuncts();
  absl::StatusOr<int> GroupOf(const sql::Expr* e) const;
  ColRef Add(int g, sql::Expr* e, sql::Ident alias, bool dedup);
  // Adds `e` to the query of the last group it names, columns of earlier
  // groups read as bind variables.
  absl::StatusOr<ColRef> Compute(sql::Expr* e);
  absl::Status Localize(int g, sql::Expr** slot);
  absl::Status LocalizeGroups();
  int Global(ColRef r) const { return offsets_[r.group] + r.local; }
  // The query of group g with `where` (into *query) and its route.
  absl::StatusOr<BlockRoute> GroupRoute(int g,
                                        const std::vector<sql::Expr*>& where,
                                        sql::Select** query);
  absl::StatusOr<PlanPart> BuildRoute(int g,
                                      const std::vector<sql::Expr*>& where);
  absl::StatusOr<PlanPart> BuildJoins();

  // --- hash_join_keys.cc
  // Finds the groups to hash-join (an outer side with a scatter route, and
  // conditions that allow it) and adds their key columns (and
  // WEIGHT_STRINGs) to the group queries.
  absl::Status PlanHashKeys();
  HashKeys HashKeysOf(int g);
  bool HasJoinVar(const sql::Expr* e) const;
  // `right` (group g's route without its join conditions) hash-joined to
  // `left`, with `nested` (the nested-loop join) as the fallback.
  PlanPart HashJoinPart(int g, PlanPart left, PlanPart right,
                        PlanPart nested) const;

  // --- join_output.cc
  absl::Status RegisterItems();
  // Appends the aggregate calls of `e` (HAVING, ORDER BY) that no item
  // computes as hidden items.
  void AddHiddenAggregates(sql::Expr* e);
  // DISTINCT keys over the aggregated rows' visible items.
  absl::StatusOr<std::vector<engine::OrderKey>> AggregateDistinctKeys() const;
  absl::StatusOr<FilterNode> RegisterFilter(sql::Expr* e);
  // Compute(), refusing values a NULL-extended group would get wrong.
  absl::StatusOr<ColRef> ComputeStrict(sql::Expr* e);
  absl::StatusOr<KeyRef> RegisterKey(sql::Expr* e, bool descending);
  absl::StatusOr<int> MatchItem(const sql::Expr* e) const;
  absl::Status RegisterOrder();
  absl::Status RegisterAggregates();
  engine::ExprPtr FilterExpr(const FilterNode& n) const;
  engine::OrderKey Key(const KeyRef& k) const;
  absl::StatusOr<PlanPart> BuildOutput(PlanPart joined);
  absl::StatusOr<PlanPart> BuildAggregate(PlanPart in);

  sql::Select& sel_;
  JoinLayout& layout_;
  const PlannerContext& ctx_;
  PlanScratch& scratch_;
  sql::Arena& arena_;
  absl::string_view text_;

  std::vector<GroupQuery> groups_;
  std::vector<HashKeys> hash_;
  std::vector<int> offsets_;
  std::vector<sql::Expr*> router_filters_;  // conjuncts no group can run
  std::vector<FilterNode> filters_;
  std::vector<ColRef> items_;  // per select item (hidden ones last)
  int visible_ = 0;            // select items the client sees
  std::vector<std::string> item_texts_, item_aliases_;
  std::vector<KeyRef> order_;
  // ORDER BY key -> item index, or -1 (aggregate mode needs items).
  std::vector<int> order_items_;
  std::vector<KeyRef> distinct_;
  bool aggregate_ = false;
  std::vector<KeyRef> group_by_;
  std::vector<AggRef> aggs_;
  std::shared_ptr<KeyRef> distinct_arg_;
};

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_JOIN_BUILDER_H_
