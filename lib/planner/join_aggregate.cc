// GROUP BY, aggregates and HAVING over the rows of a cross-shard join: the
// router sorts the joined rows by the group keys and folds each group
// (engine::Aggregate over raw rows).
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/engine/aggregate.h"
#include "lib/engine/distinct.h"
#include "lib/engine/filter.h"
#include "lib/engine/sort.h"
#include "lib/planner/ast_util.h"
#include "lib/planner/having.h"
#include "lib/planner/join_builder.h"
#include "lib/planner/walk.h"

namespace tessera::planner {
namespace {

using engine::AggregateOp;

// A slot of group 0 the aggregate overwrites with its result.
sql::Expr* Slot(sql::Arena& arena) {
  auto* l = arena.New<sql::Literal>();
  l->lit = sql::LitKind::kNull;
  l->text = "null";
  return l;
}

}  // namespace

absl::Status JoinBuilder::RegisterAggregates() {
  for (sql::Expr* g : sel_.group_by) {
    TESSERA_ASSIGN_OR_RETURN(int item, MatchItem(g));
    sql::Expr* base = item >= 0 ? sel_.items[item].expr : g;
    if (ContainsAggregate(base)) {
      return MysqlError(1056, "42000", "Can't group on an aggregate");
    }
    TESSERA_ASSIGN_OR_RETURN(KeyRef k, RegisterKey(g, false));
    group_by_.push_back(k);
  }
  for (size_t i = 0; i < sel_.items.size; ++i) {
    sql::Expr* e = sel_.items[i].expr;
    bool is_agg = e->kind == sql::ExprKind::kFunc &&
                  IsAggregate(*static_cast<sql::FuncCall*>(e));
    if (!is_agg) {
      if (ContainsAggregate(e)) {
        return Unsupported(absl::StrCat("expression over aggregates (",
                                        item_texts_[i],
                                        ") in a cross-shard join"));
      }
      TESSERA_ASSIGN_OR_RETURN(items_[i], ComputeStrict(e));
      continue;
    }
    auto* f = static_cast<sql::FuncCall*>(e);
    std::string name = absl::AsciiStrToLower(f->name);
    sql::Expr* arg = f->args.size == 1 ? f->args[0] : nullptr;
    AggRef a;
    a.item = static_cast<int>(i);
    if (f->form == sql::FuncForm::kCountStar) {
      a.op = AggregateOp::kCountRows;
    } else if (arg == nullptr) {
      return Unsupported(absl::StrCat(item_texts_[i], " across shards"));
    } else if (f->distinct && (name == "count" || name == "sum")) {
      a.op = name == "count" ? AggregateOp::kCountDistinct
                             : AggregateOp::kSumDistinct;
      if (distinct_arg_ != nullptr) {
        return Unsupported("several DISTINCT aggregates in a cross-shard join");
      }
      TESSERA_ASSIGN_OR_RETURN(KeyRef k, RegisterKey(arg, false));
      distinct_arg_ = std::make_shared<KeyRef>(k);
      a.weight = k.weight;
      a.has_weight = true;
    } else if (f->distinct) {
      return Unsupported(absl::StrCat(item_texts_[i], " across shards"));
    } else if (name == "count") {
      a.op = AggregateOp::kCountValues;
    } else if (name == "sum") {
      a.op = AggregateOp::kSum;
    } else if (name == "avg") {
      a.op = AggregateOp::kAvgValues;
    } else if (name == "min" || name == "max") {
      a.op = name == "min" ? AggregateOp::kMin : AggregateOp::kMax;
      TESSERA_ASSIGN_OR_RETURN(
          a.weight, ComputeStrict(NewFunc(arena_, "weight_string",
                                          NewFunc(arena_, "rtrim", arg))));
      a.has_weight = true;
    } else {
      return Unsupported(absl::StrCat(item_texts_[i], " across shards"));
    }
    if (a.op == AggregateOp::kCountRows) {
      items_[i] = Add(0, Slot(arena_), {}, false);
    } else {
      TESSERA_ASSIGN_OR_RETURN(int g, GroupOf(arg));
      if (layout_.groups[g].left && !NullWhenGroupNull(arg, layout_, g)) {
        return Unsupported(absl::StrCat(
            item_texts_[i],
            " over the NULL-extended side of a LEFT JOIN across shards"));
      }
      sql::Expr* slot = arg;
      TESSERA_RETURN_IF_ERROR(Localize(g, &slot));
      items_[i] = Add(g, slot, {}, false);  // overwritten by the result
    }
    aggs_.push_back(a);
  }
  for (const sql::OrderItem& o : sel_.order_by) {
    TESSERA_ASSIGN_OR_RETURN(int item, MatchItem(o.expr));
    if (item < 0) {
      return Unsupported(
          "ORDER BY an expression not in the select list of an aggregate "
          "over a cross-shard join");
    }
    KeyRef k;
    k.value = items_[item];
    k.weight = items_[item];
    k.descending = o.dir == sql::OrderDir::kDesc;
    for (const KeyRef& g : group_by_) {
      if (g.value.group == k.value.group && g.value.local == k.value.local) {
        k.weight = g.weight;
      }
    }
    order_.push_back(k);
    order_items_.push_back(item);
  }
  return absl::OkStatus();
}

// Group keys compare by their weight strings, COUNT/SUM/AVG are numbers;
// MIN/MAX and ungrouped columns may be text the router cannot compare
// exactly.
absl::StatusOr<std::vector<engine::OrderKey>>
JoinBuilder::AggregateDistinctKeys() const {
  std::vector<engine::OrderKey> keys;
  for (int i = 0; i < visible_; ++i) {
    const ColRef& c = items_[i];
    bool found = false;
    for (const KeyRef& g : group_by_) {
      if (g.value.group == c.group && g.value.local == c.local) {
        keys.push_back(Key(g));
        found = true;
        break;
      }
    }
    for (const AggRef& a : aggs_) {
      if (found || a.item != i) continue;
      if (a.op == AggregateOp::kMin || a.op == AggregateOp::kMax) break;
      keys.push_back({Global(c), engine::kNoColumn, false});
      found = true;
    }
    if (!found) {
      return Unsupported(absl::StrCat("DISTINCT over ", item_texts_[i],
                                      " with aggregates across shards"));
    }
  }
  return keys;
}

absl::StatusOr<PlanPart> JoinBuilder::BuildAggregate(PlanPart part) {
  std::vector<engine::OrderKey> sort_keys;
  engine::AggregateParams ap;
  for (const KeyRef& k : group_by_) {
    sort_keys.push_back(Key(k));
    ap.group_by.push_back(Key(k));
  }
  if (distinct_arg_ != nullptr) sort_keys.push_back(Key(*distinct_arg_));
  if (!sort_keys.empty()) {
    auto s = std::make_shared<engine::Sort>(part.op, sort_keys);
    std::string d = s->Describe();
    part = Wrap(std::move(part), std::move(s), "Sort", d);
  }
  for (const AggRef& a : aggs_) {
    engine::AggregateSpec spec;
    spec.op = a.op;
    spec.column = Global(items_[a.item]);
    if (a.has_weight) spec.weight_column = Global(a.weight);
    ap.aggregates.push_back(spec);
  }
  ap.input = part.op;
  auto agg = std::make_shared<engine::Aggregate>(ap);
  std::string desc = agg->Describe();
  part = Wrap(std::move(part), std::move(agg), "Aggregate", desc);
  if (sel_.having != nullptr) {
    auto column_of = [&](const sql::Expr* e) -> absl::StatusOr<int> {
      TESSERA_ASSIGN_OR_RETURN(int item, MatchItem(e));
      if (item < 0) {
        return Unsupported(absl::StrCat("HAVING on ", ExprText(*e, text_),
                                        " (not in the select list) across "
                                        "shards"));
      }
      return Global(items_[item]);
    };
    TESSERA_ASSIGN_OR_RETURN(engine::ExprPtr having,
                             TranslateHaving(sel_.having, column_of));
    auto f = std::make_shared<engine::Filter>(part.op, having);
    std::string d = f->Describe();
    part = Wrap(std::move(part), std::move(f), "Filter", d);
  }
  if (sel_.options & (sql::kSelDistinct | sql::kSelDistinctRow)) {
    engine::DistinctSpec spec;
    spec.input = part.op;
    TESSERA_ASSIGN_OR_RETURN(spec.keys, AggregateDistinctKeys());
    auto op = std::make_shared<engine::Distinct>(spec);
    std::string d = op->Describe();
    part = Wrap(std::move(part), std::move(op), "Distinct", d);
  }
  if (!order_.empty()) {
    std::vector<engine::OrderKey> keys;
    for (const KeyRef& k : order_) {
      engine::OrderKey key = Key(k);
      if (key.weight_column == key.column)
        key.weight_column = engine::kNoColumn;
      keys.push_back(key);
    }
    auto s = std::make_shared<engine::Sort>(part.op, keys);
    std::string d = s->Describe();
    part = Wrap(std::move(part), std::move(s), "Sort", d);
  }
  return part;
}

}  // namespace tessera::planner
