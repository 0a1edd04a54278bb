// Aggregation across shards: shards group and order by the group keys and
// send partial aggregates; the router merges the ordered streams, folds the
// groups, then applies HAVING, DISTINCT, ORDER BY and LIMIT over the folded
// rows. Aggregates and group keys that HAVING or ORDER BY name without
// selecting them are fetched as hidden columns.
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/engine/aggregate.h"
#include "lib/engine/compute.h"
#include "lib/engine/distinct.h"
#include "lib/engine/filter.h"
#include "lib/engine/sort.h"
#include "lib/planner/ast_util.h"
#include "lib/planner/block_rewriter.h"
#include "lib/planner/having.h"
#include "lib/planner/walk.h"

namespace tessera::planner {
namespace {

using engine::AggregateOp;
using engine::OrderKey;

struct AggItem {
  Slot slot;
  AggregateOp op;
  sql::Expr* arg = nullptr;
};

struct GroupSlot {
  Slot value;
  Slot weight;
  std::string text;  // of the grouped expression
};

bool IsDistinctOp(AggregateOp op) {
  return op == AggregateOp::kCountDistinct || op == AggregateOp::kSumDistinct;
}

class AggregatePlanner {
 public:
  AggregatePlanner(sql::Select& sel, BlockRewriter& rw, sql::Arena& arena,
                   absl::string_view text)
      : sel_(sel), rw_(rw), arena_(arena), text_(text) {}

  absl::StatusOr<PlanPart> Plan(engine::RouteSpec route,
                                const std::vector<sql::OrderItem>& order,
                                const sql::Limit* limit, bool distinct);

 private:
  absl::Status AddGroup(sql::Expr* g);
  absl::Status Classify(Slot slot, sql::Expr* e, const std::string& what);
  // Select item `i`, arithmetic over aggregates, as a router expression.
  absl::Status AddComputed(int i);
  // The folded row's column holding `e` (an item, a group key or an
  // aggregate, added hidden when not selected); `what` names the clause.
  absl::StatusOr<int> ColumnOf(const sql::Expr* e, absl::string_view what);
  std::vector<engine::AggregateSpec> RewriteAggregates();
  absl::StatusOr<std::vector<OrderKey>> FinalOrder(
      const std::vector<sql::OrderItem>& order);
  absl::StatusOr<std::vector<OrderKey>> DistinctKeys();
  int WeightOf(int column) const;
  void RewriteShardQuery();

  sql::Select& sel_;
  BlockRewriter& rw_;
  sql::Arena& arena_;
  absl::string_view text_;
  std::vector<GroupSlot> groups_;
  std::vector<sql::Expr*> shard_group_;
  std::vector<AggItem> aggs_;
  sql::Expr* distinct_arg_ = nullptr;
  Slot distinct_weight_;
  std::vector<engine::ComputedColumn> computed_;
};

// What the router can compute exactly over folded aggregates: +, - and *
// of aggregates (not AVG, whose folded value is rounded where MariaDB keeps
// more digits), group keys, integer and decimal literals and parameters.
absl::Status CheckArithmetic(const sql::Expr* e, const std::string& what) {
  switch (e->kind) {
    case sql::ExprKind::kBinary: {
      const auto* b = static_cast<const sql::Binary*>(e);
      if (b->quant == sql::Quantifier::kNone &&
          (b->op == sql::BinOp::kAdd || b->op == sql::BinOp::kSub ||
           b->op == sql::BinOp::kMul)) {
        TESSERA_RETURN_IF_ERROR(CheckArithmetic(b->left, what));
        return CheckArithmetic(b->right, what);
      }
      break;
    }
    case sql::ExprKind::kLiteral: {
      const auto lit = static_cast<const sql::Literal*>(e)->lit;
      if (lit == sql::LitKind::kInt || lit == sql::LitKind::kDecimal) {
        return absl::OkStatus();
      }
      break;
    }
    case sql::ExprKind::kParam:
    case sql::ExprKind::kColumn:
      return absl::OkStatus();
    case sql::ExprKind::kFunc: {
      const auto* f = static_cast<const sql::FuncCall*>(e);
      if (IsAggregate(*f) ? !absl::EqualsIgnoreCase(f->name, "avg")
                          : !ContainsAggregate(e)) {
        return absl::OkStatus();  // an aggregate, or maybe a group key
      }
      break;
    }
    default:
      break;
  }
  return Unsupported(
      absl::StrCat("expression over aggregates (", what, ") across shards"));
}

absl::Status AggregatePlanner::AddGroup(sql::Expr* g) {
  TESSERA_ASSIGN_OR_RETURN(std::optional<int> m, rw_.MatchItem(g));
  Slot value = m ? Slot{false, *m} : rw_.AddHidden(g);
  sql::Expr* base = m ? rw_.item_expr(*m) : g;
  if (ContainsAggregate(base)) {
    return MysqlError(1056, "42000", "Can't group on an aggregate");
  }
  groups_.push_back(
      {value, rw_.AddHidden(WeightString(arena_, base)), ExprText(*g, text_)});
  shard_group_.push_back(base);
  return absl::OkStatus();
}

absl::Status AggregatePlanner::Classify(Slot slot, sql::Expr* e,
                                        const std::string& what) {
  auto* f = static_cast<sql::FuncCall*>(e);
  std::string name = absl::AsciiStrToLower(f->name);
  sql::Expr* arg = f->args.size == 1 ? f->args[0] : nullptr;
  if (f->distinct && (name == "count" || name == "sum")) {
    if (arg == nullptr)
      return Unsupported("COUNT(DISTINCT a, b) across shards");
    std::string t = ExprText(*arg, text_);
    if (distinct_arg_ != nullptr && ExprText(*distinct_arg_, text_) != t) {
      return Unsupported("DISTINCT aggregates over different expressions");
    }
    distinct_arg_ = arg;
    aggs_.push_back({slot,
                     name == "count" ? AggregateOp::kCountDistinct
                                     : AggregateOp::kSumDistinct,
                     arg});
  } else if (f->form == sql::FuncForm::kCountStar || name == "count") {
    aggs_.push_back({slot, AggregateOp::kCount});
  } else if (name == "sum") {
    aggs_.push_back({slot, AggregateOp::kSum});
  } else if (name == "min") {
    aggs_.push_back({slot, AggregateOp::kMin});
  } else if (name == "max") {
    aggs_.push_back({slot, AggregateOp::kMax});
  } else if (name == "avg" && !f->distinct && arg != nullptr) {
    aggs_.push_back({slot, AggregateOp::kAvg, arg});
  } else if (name == "bit_and" && !f->distinct && arg != nullptr) {
    aggs_.push_back({slot, AggregateOp::kBitAnd});
  } else if (name == "bit_or" && !f->distinct && arg != nullptr) {
    aggs_.push_back({slot, AggregateOp::kBitOr});
  } else if (name == "bit_xor" && !f->distinct && arg != nullptr) {
    aggs_.push_back({slot, AggregateOp::kBitXor});
  } else {
    return Unsupported(absl::StrCat(what, " across shards"));
  }
  return absl::OkStatus();
}

absl::Status AggregatePlanner::AddComputed(int i) {
  sql::Expr* e = sel_.items[i].expr;
  const std::string what = rw_.item_text(i);
  TESSERA_RETURN_IF_ERROR(CheckArithmetic(e, what));
  TESSERA_ASSIGN_OR_RETURN(
      engine::ExprPtr x, TranslateHaving(e, [&](const sql::Expr* x) {
        return ColumnOf(
            x, absl::StrCat("expression over aggregates (", what, ")"));
      }));
  // The shards still compute the item over their part: its value is
  // replaced, its column type is MariaDB's own for the expression.
  computed_.push_back({rw_.Column(Slot{false, i}), std::move(x), what});
  return absl::OkStatus();
}

absl::StatusOr<int> AggregatePlanner::ColumnOf(const sql::Expr* e,
                                               absl::string_view what) {
  TESSERA_ASSIGN_OR_RETURN(std::optional<int> m, rw_.MatchItem(e));
  if (m) return *m;
  std::string t = ExprText(*e, text_);
  for (const GroupSlot& g : groups_) {
    if (g.text == t) return rw_.Column(g.value);
  }
  if (e->kind == sql::ExprKind::kFunc &&
      IsAggregate(*static_cast<const sql::FuncCall*>(e))) {
    auto* agg = const_cast<sql::Expr*>(e);
    Slot s = rw_.AddHidden(agg);
    for (const AggItem& a : aggs_) {
      if (a.slot.hidden && a.slot.index == s.index) return rw_.Column(s);
    }
    TESSERA_RETURN_IF_ERROR(Classify(s, agg, t));
    return rw_.Column(s);
  }
  return Unsupported(
      absl::StrCat(what, " on ", t, " (not in the select list) across shards"));
}

// With a DISTINCT aggregate the shards group by (keys, distinct value):
// plain aggregates' partials over those finer groups still fold exactly
// (counts and sums add up, MIN/MAX and AVG's SUM/COUNT too).
std::vector<engine::AggregateSpec> AggregatePlanner::RewriteAggregates() {
  std::vector<engine::AggregateSpec> specs;
  if (distinct_arg_ != nullptr) {
    distinct_weight_ = rw_.AddHidden(WeightString(arena_, distinct_arg_));
    shard_group_.push_back(distinct_arg_);
  }
  for (const AggItem& a : aggs_) {
    engine::AggregateSpec s;
    s.op = a.op;
    s.column = rw_.Column(a.slot);
    if (!a.slot.hidden) rw_.Rename(a.slot.index, rw_.item_text(a.slot.index));
    if (a.op == AggregateOp::kAvg) {
      rw_.SetExpr(a.slot, NewFunc(arena_, "sum", a.arg));
      s.count_column =
          rw_.Column(rw_.AddHidden(NewFunc(arena_, "count", a.arg)));
    } else if (IsDistinctOp(a.op)) {
      rw_.SetExpr(a.slot, a.arg);
      s.weight_column = rw_.Column(distinct_weight_);
    }
    specs.push_back(s);
  }
  return specs;
}

// The weight column of a folded row's group key column, or kNoColumn.
int AggregatePlanner::WeightOf(int column) const {
  for (const GroupSlot& g : groups_) {
    if (rw_.Column(g.value) == column) return rw_.Column(g.weight);
  }
  return engine::kNoColumn;
}

absl::StatusOr<std::vector<OrderKey>> AggregatePlanner::FinalOrder(
    const std::vector<sql::OrderItem>& order) {
  std::vector<OrderKey> out;
  for (const sql::OrderItem& o : order) {
    TESSERA_ASSIGN_OR_RETURN(int c, ColumnOf(o.expr, "ORDER BY"));
    out.push_back({c, engine::kNoColumn, o.dir == sql::OrderDir::kDesc});
  }
  return out;
}

// DISTINCT over the folded rows: group keys compare by their weight
// strings, COUNT/SUM/AVG are numbers. MIN/MAX or ungrouped columns could
// be text the router cannot compare exactly: refused.
absl::StatusOr<std::vector<OrderKey>> AggregatePlanner::DistinctKeys() {
  std::vector<OrderKey> keys;
  for (int i = 0; i < rw_.visible(); ++i) {
    OrderKey k{i, WeightOf(i), false};
    bool numeric = false;
    for (const AggItem& a : aggs_) {
      numeric |= !a.slot.hidden && a.slot.index == i &&
                 a.op != AggregateOp::kMin && a.op != AggregateOp::kMax;
    }
    for (const engine::ComputedColumn& c : computed_) {
      numeric |= c.column == i;  // exact numbers or refused at run time
    }
    if (k.weight_column == engine::kNoColumn && !numeric) {
      return Unsupported(absl::StrCat("DISTINCT over ", rw_.item_text(i),
                                      " with aggregates across shards"));
    }
    keys.push_back(k);
  }
  return keys;
}

void AggregatePlanner::RewriteShardQuery() {
  sel_.having = nullptr;
  sel_.limit = nullptr;
  sel_.options &= ~(sql::kSelDistinct | sql::kSelDistinctRow);
  sel_.group_by = {};
  sel_.order_by = {};
  for (sql::Expr* g : shard_group_) {
    Append(arena_, sel_.group_by, g);
    Append(arena_, sel_.order_by, sql::OrderItem{g, sql::OrderDir::kDefault});
  }
}

absl::StatusOr<PlanPart> AggregatePlanner::Plan(
    engine::RouteSpec route, const std::vector<sql::OrderItem>& order,
    const sql::Limit* limit, bool distinct) {
  for (sql::Expr* g : sel_.group_by) TESSERA_RETURN_IF_ERROR(AddGroup(g));
  for (int i = 0; i < rw_.visible(); ++i) {
    sql::Expr* e = sel_.items[i].expr;
    if (e->kind == sql::ExprKind::kFunc &&
        IsAggregate(*static_cast<sql::FuncCall*>(e))) {
      TESSERA_RETURN_IF_ERROR(Classify({false, i}, e, rw_.item_text(i)));
    } else if (ContainsAggregate(e)) {
      TESSERA_RETURN_IF_ERROR(AddComputed(i));
    }
  }
  engine::ExprPtr having;
  if (sel_.having != nullptr) {
    TESSERA_ASSIGN_OR_RETURN(
        having, TranslateHaving(sel_.having, [&](const sql::Expr* e) {
          return ColumnOf(e, "HAVING");
        }));
  }
  TESSERA_ASSIGN_OR_RETURN(std::vector<OrderKey> final_order,
                           FinalOrder(order));
  std::vector<OrderKey> distinct_keys;
  if (distinct) {
    TESSERA_ASSIGN_OR_RETURN(distinct_keys, DistinctKeys());
  }
  std::vector<engine::AggregateSpec> specs = RewriteAggregates();
  std::vector<OrderKey> group_keys;
  for (const GroupSlot& g : groups_) {
    group_keys.push_back({rw_.Column(g.value), rw_.Column(g.weight), false});
  }
  for (OrderKey& k : final_order) k.weight_column = WeightOf(k.column);
  std::vector<OrderKey> merge_keys = group_keys;
  if (distinct_arg_ != nullptr) {
    merge_keys.push_back({rw_.Column(rw_.AddHidden(distinct_arg_)),
                          rw_.Column(distinct_weight_), false});
  }
  rw_.Finish();
  RewriteShardQuery();
  route.order_by = merge_keys;
  route.query = FormatQuery(&sel_, arena_, text_);
  SetFieldQuery(&route, sel_, arena_, text_);
  PlanPart part = RouteOperator(std::move(route));
  engine::AggregateParams ap;
  ap.input = part.op;
  ap.group_by = group_keys;
  ap.aggregates = specs;
  auto agg = std::make_shared<engine::Aggregate>(ap);
  std::string d = agg->Describe();
  part = Wrap(std::move(part), std::move(agg), "Aggregate", d);
  if (!computed_.empty()) {
    auto c = std::make_shared<engine::Compute>(part.op, computed_);
    d = c->Describe();
    part = Wrap(std::move(part), std::move(c), "Compute", d);
  }
  if (having) {
    auto f = std::make_shared<engine::Filter>(part.op, having);
    d = f->Describe();
    part = Wrap(std::move(part), std::move(f), "Filter", d);
  }
  if (distinct) {
    auto op = std::make_shared<engine::Distinct>(
        engine::DistinctSpec{part.op, distinct_keys});
    d = op->Describe();
    part = Wrap(std::move(part), std::move(op), "Distinct", d);
  }
  if (!final_order.empty()) {
    auto s = std::make_shared<engine::Sort>(part.op, final_order);
    d = s->Describe();
    part = Wrap(std::move(part), std::move(s), "Sort", d);
  }
  if (limit != nullptr) {
    TESSERA_ASSIGN_OR_RETURN(part, AddLimit(std::move(part), limit));
  }
  return AddProject(std::move(part), rw_);
}

}  // namespace

absl::StatusOr<PlanPart> PlanScatterAggregate(
    sql::Select& sel, engine::RouteSpec route, BlockRewriter& rw,
    const std::vector<sql::OrderItem>& order, const sql::Limit* limit,
    bool distinct, sql::Arena& arena, absl::string_view text) {
  bool aggregate = !sel.group_by.empty() || sel.having != nullptr;
  for (const auto& item : sel.items) aggregate |= ContainsAggregate(item.expr);
  AggregatePlanner p(sel, rw, arena, text);
  if (!aggregate) {
    // Plain DISTINCT: the shards group by every item, the router folds.
    for (int i = 0; i < rw.visible(); ++i) {
      Append(arena, sel.group_by, rw.item_expr(i));
    }
    return p.Plan(std::move(route), order, limit, false);
  }
  return p.Plan(std::move(route), order, limit, distinct);
}

}  // namespace tessera::planner
