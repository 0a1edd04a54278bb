#include "lib/planner/scatter_select.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/engine/aggregate.h"
#include "lib/engine/filter.h"
#include "lib/engine/limit.h"
#include "lib/engine/project.h"
#include "lib/engine/sort.h"
#include "lib/planner/ast_util.h"
#include "lib/planner/context.h"
#include "lib/planner/having.h"
#include "lib/planner/walk.h"

namespace tessera::planner {

std::shared_ptr<ExplainNode> ExplainOf(std::string op, std::string detail,
                                       std::shared_ptr<ExplainNode> input) {
  auto n = std::make_shared<ExplainNode>();
  n->op = std::move(op);
  n->detail = std::move(detail);
  if (input) n->inputs.push_back(std::move(input));
  return n;
}

namespace {

std::string KeysText(const std::vector<engine::OrderKey>& keys) {
  return engine::DescribeKeys(keys);
}

// LIMIT count/offset as a constant or a bind variable.
absl::Status LimitValue(const sql::Expr* e, std::optional<uint64_t>* value,
                        std::string* var) {
  if (e == nullptr) return absl::OkStatus();
  if (e->kind == sql::ExprKind::kLiteral) {
    uint64_t v;
    if (absl::SimpleAtoi(static_cast<const sql::Literal*>(e)->text, &v)) {
      *value = v;
      return absl::OkStatus();
    }
  }
  if (e->kind == sql::ExprKind::kParam) {
    absl::string_view t = static_cast<const sql::Param*>(e)->text;
    if (t.size() > 1 && t[0] == ':' && t[1] != ':') {
      *var = std::string(t.substr(1));
      return absl::OkStatus();
    }
  }
  return Unsupported("LIMIT with a value other than a number or :param");
}

}  // namespace

PlanPart Wrap(PlanPart in, engine::OperatorPtr op, std::string name,
              std::string detail) {
  return {std::move(op),
          ExplainOf(std::move(name), std::move(detail), in.explain)};
}

// LIMIT at the router; shards were asked for count+offset rows.
absl::StatusOr<PlanPart> AddLimit(PlanPart in, const sql::Limit* limit) {
  engine::LimitSpec spec;
  spec.input = in.op;
  TESSERA_RETURN_IF_ERROR(
      LimitValue(limit->count, &spec.count, &spec.count_var));
  TESSERA_RETURN_IF_ERROR(
      LimitValue(limit->offset, &spec.offset, &spec.offset_var));
  auto op = std::make_shared<engine::Limit>(spec);
  std::string d = op->Describe();
  return Wrap(std::move(in), std::move(op), "Limit", d);
}

namespace {

using engine::OrderKey;

// A column of the shard query: one of the original items, or a hidden one
// the router needs (ORDER BY values, weight strings, AVG counts).
struct Slot {
  bool hidden = false;
  int index = 0;
};

class BlockRewriter {
 public:
  BlockRewriter(sql::Select& sel, sql::Arena& arena, absl::string_view text)
      : sel_(sel), arena_(arena), text_(text) {
    for (const auto& item : sel.items) {
      if (item.expr->kind == sql::ExprKind::kStar) has_star_ = true;
      texts_.push_back(ExprText(*item.expr, text));
      aliases_.push_back(absl::AsciiStrToLower(std::string(item.alias.raw)));
    }
    visible_ = static_cast<int>(sel.items.size);
  }

  bool has_star() const { return has_star_; }
  int visible() const { return visible_; }
  int hidden_count() const { return static_cast<int>(hidden_.size()); }
  const std::string& item_text(int i) const { return texts_[i]; }

  Slot AddHidden(sql::Expr* e) {
    std::string t = ExprText(*e, text_);
    for (size_t i = 0; i < hidden_.size(); ++i) {
      if (hidden_texts_[i] == t) return {true, static_cast<int>(i)};
    }
    hidden_.push_back(e);
    hidden_texts_.push_back(t);
    return {true, static_cast<int>(hidden_.size()) - 1};
  }

  // The visible item an ORDER BY / GROUP BY expression names: a position,
  // an alias, or the same expression. nullopt when none does.
  absl::StatusOr<std::optional<int>> MatchItem(const sql::Expr* e) {
    if (e->kind == sql::ExprKind::kLiteral) {
      const auto* lit = static_cast<const sql::Literal*>(e);
      int pos = 0;
      if (lit->lit == sql::LitKind::kInt && absl::SimpleAtoi(lit->text, &pos)) {
        if (has_star_) return Unsupported("ORDER BY position with SELECT *");
        if (pos < 1 || pos > visible_) {
          return MysqlError(
              1054, "42S22",
              absl::StrCat("Unknown column '", pos, "' in 'order clause'"));
        }
        return pos - 1;
      }
    }
    if (e->kind == sql::ExprKind::kColumn) {
      const auto* c = static_cast<const sql::Column*>(e);
      if (c->table.empty()) {
        std::string name = absl::AsciiStrToLower(std::string(c->name.raw));
        for (int i = 0; i < visible_; ++i) {
          if (!aliases_[i].empty() && aliases_[i] == name) return i;
        }
      }
    }
    std::string t = ExprText(*e, text_);
    for (int i = 0; i < visible_; ++i) {
      if (texts_[i] == t) return i;
    }
    return std::nullopt;
  }

  sql::Expr* item_expr(int i) const { return sel_.items[i].expr; }

  // Resolves a slot to a column index of the shard rows.
  int Column(Slot s) const {
    if (!s.hidden) return s.index;
    if (has_star_) return s.index - static_cast<int>(hidden_.size());
    return visible_ + s.index;
  }

  // Appends the hidden items to the shard query's select list.
  void Finish() {
    for (sql::Expr* e : hidden_)
      Append(arena_, sel_.items, sql::SelectItem{e, {}});
  }

  // Sets an alias on item i (keeps the client's column name when the shard
  // runs a different expression).
  void Rename(int i, absl::string_view name) {
    if (!sel_.items[i].alias.empty()) return;
    sel_.items[i].alias.raw =
        ArenaString(arena_, absl::StrReplaceAll(name, {{"`", "``"}}));
    sel_.items[i].alias.quote = '`';
  }

 private:
  sql::Select& sel_;
  sql::Arena& arena_;
  absl::string_view text_;
  bool has_star_ = false;
  int visible_ = 0;
  std::vector<std::string> texts_, aliases_;
  std::vector<sql::Expr*> hidden_;
  std::vector<std::string> hidden_texts_;
};

PlanPart AddProject(PlanPart in, const BlockRewriter& rw) {
  if (rw.hidden_count() == 0) return in;
  engine::ProjectSpec spec;
  spec.input = in.op;
  if (rw.has_star()) {
    spec.drop_trailing = rw.hidden_count();
  } else {
    for (int i = 0; i < rw.visible(); ++i) spec.columns.push_back(i);
  }
  auto op = std::make_shared<engine::Project>(spec);
  std::string d = op->Describe();
  return Wrap(std::move(in), std::move(op), "Project", d);
}

// WEIGHT_STRING keeps trailing spaces, which PAD SPACE collations ignore
// ('a' = 'A '), so the shards send WEIGHT_STRING(RTRIM(x)). The engine uses
// it only for text keys; numbers and binaries compare by value.
sql::Expr* WeightString(sql::Arena& arena, sql::Expr* e) {
  return NewFunc(arena, "weight_string", NewFunc(arena, "rtrim", e));
}

struct AggItem {
  int item;
  engine::AggregateOp op;
  sql::Expr* arg = nullptr;
};

}  // namespace

std::shared_ptr<ExplainNode> RouteExplain(const engine::RouteSpec& spec) {
  auto n = std::make_shared<ExplainNode>();
  n->op = "Route";
  n->variant = std::string(engine::RouteVariantName(spec.variant));
  n->keyspace = spec.keyspace;
  n->query = spec.query;
  if (spec.variant == engine::RouteVariant::kByDestination) {
    n->shards = spec.destination.shards;
  }
  if (!spec.order_by.empty()) {
    n->detail = absl::StrCat("merge order ", KeysText(spec.order_by));
  }
  if (!spec.value_var.empty()) {
    absl::StrAppend(&n->detail, n->detail.empty() ? "" : ", ", "vindex ",
                    spec.vindex ? spec.vindex->name() : "",
                    " value :", spec.value_var);
  }
  return n;
}

PlanPart RouteOperator(engine::RouteSpec spec) {
  // A SELECT routed by values that map to no shard (NULL, an empty IN
  // subquery bound as (NULL)) still needs its fields, and a scalar
  // aggregate its row: any shard answers the query with no matching rows.
  if (spec.field_query.empty() &&
      (spec.variant == engine::RouteVariant::kEqualUnique ||
       spec.variant == engine::RouteVariant::kEqual ||
       spec.variant == engine::RouteVariant::kIn)) {
    spec.field_query = spec.query;
  }
  auto n = RouteExplain(spec);
  return {std::make_shared<engine::Route>(std::move(spec)), std::move(n)};
}

void SetFieldQuery(engine::RouteSpec* spec, sql::Select& sel, sql::Arena& arena,
                   absl::string_view text) {
  using engine::RouteVariant;
  if (!spec->field_query.empty() ||
      (spec->variant != RouteVariant::kEqualUnique &&
       spec->variant != RouteVariant::kEqual &&
       spec->variant != RouteVariant::kIn)) {
    return;
  }
  auto one = [&arena]() {
    auto* l = arena.New<sql::Literal>();
    l->lit = sql::LitKind::kInt;
    l->text = "1";
    return l;
  };
  auto* never = arena.New<sql::Binary>();
  never->op = sql::BinOp::kNe;
  never->left = one();
  never->right = one();
  sql::Expr* where = sel.where;
  sel.where = never;
  spec->field_query = FormatQuery(&sel, arena, text);
  sel.where = where;
}

std::string FormatQuery(sql::QueryExpr* q, sql::Arena& arena,
                        absl::string_view text) {
  auto* stmt = arena.New<sql::SelectStmt>();
  stmt->query = q;
  std::string out;
  sql::FormatStmt(*stmt, text, {}, &out);
  return out;
}

absl::StatusOr<PlanPart> PlanScatterBlock(sql::Select& sel,
                                          engine::RouteSpec route,
                                          sql::Arena& arena,
                                          absl::string_view text) {
  if (sel.options & sql::kSelCalcFoundRows) {
    return Unsupported("SQL_CALC_FOUND_ROWS in a multi-shard query");
  }
  if (sel.into != nullptr) return Unsupported("SELECT ... INTO across shards");
  if (sel.with != nullptr) return Unsupported("WITH in a multi-shard query");
  if (sel.with_rollup) return Unsupported("WITH ROLLUP across shards");
  if (!sel.windows.empty()) return Unsupported("WINDOW across shards");
  bool aggregate = !sel.group_by.empty() || sel.having != nullptr;
  for (const auto& item : sel.items) {
    if (ContainsWindow(item.expr)) {
      return Unsupported("window functions in a multi-shard query");
    }
    if (ContainsSubquery(item.expr)) {
      return Unsupported(
          "subqueries in the select list of a multi-shard query");
    }
    aggregate |= ContainsAggregate(item.expr);
  }
  bool distinct = sel.options & (sql::kSelDistinct | sql::kSelDistinctRow);
  BlockRewriter rw(sel, arena, text);
  if ((aggregate || distinct) && rw.has_star()) {
    return Unsupported("SELECT * with GROUP BY or DISTINCT across shards");
  }
  const sql::Limit* limit = sel.limit;
  std::vector<sql::OrderItem> order(sel.order_by.begin(), sel.order_by.end());

  if (!aggregate && !distinct) {
    // Merge-sort the shards' ordered streams, then cut at the router.
    // Slots first: with SELECT * a hidden column's index counts from the
    // end, so it is known only once every hidden column is added.
    std::vector<std::pair<Slot, Slot>> slots;
    for (const sql::OrderItem& o : order) {
      TESSERA_ASSIGN_OR_RETURN(std::optional<int> m, rw.MatchItem(o.expr));
      if (rw.has_star()) m.reset();
      Slot value = m ? Slot{false, *m} : rw.AddHidden(o.expr);
      sql::Expr* base = m ? rw.item_expr(*m) : o.expr;
      slots.push_back({value, rw.AddHidden(WeightString(arena, base))});
    }
    std::vector<OrderKey> keys;
    for (size_t i = 0; i < order.size(); ++i) {
      keys.push_back({rw.Column(slots[i].first), rw.Column(slots[i].second),
                      order[i].dir == sql::OrderDir::kDesc});
    }
    rw.Finish();
    if (limit != nullptr) {
      auto* l = arena.New<sql::Limit>();
      l->count = NewParam(arena, ":__upper_limit");
      sel.limit = l;
    }
    route.order_by = keys;
    route.query = FormatQuery(&sel, arena, text);
    SetFieldQuery(&route, sel, arena, text);
    PlanPart part = RouteOperator(std::move(route));
    if (limit != nullptr) {
      TESSERA_ASSIGN_OR_RETURN(part, AddLimit(std::move(part), limit));
    }
    return AddProject(std::move(part), rw);
  }

  // Aggregation: shards group and order by the group keys and send partial
  // aggregates; the router merges the ordered streams and folds groups.
  std::vector<OrderKey> group_keys;
  std::vector<std::pair<Slot, Slot>> group_slots;
  std::vector<sql::Expr*> shard_group;
  auto add_group = [&](sql::Expr* g) -> absl::Status {
    TESSERA_ASSIGN_OR_RETURN(std::optional<int> m, rw.MatchItem(g));
    Slot value = m ? Slot{false, *m} : rw.AddHidden(g);
    sql::Expr* base = m ? rw.item_expr(*m) : g;
    if (ContainsAggregate(base)) {
      return MysqlError(1056, "42000", "Can't group on an aggregate");
    }
    group_slots.push_back({value, rw.AddHidden(WeightString(arena, base))});
    shard_group.push_back(base);
    return absl::OkStatus();
  };
  for (sql::Expr* g : sel.group_by) TESSERA_RETURN_IF_ERROR(add_group(g));
  if (distinct) {
    if (!sel.group_by.empty() || aggregate) {
      return Unsupported("DISTINCT with GROUP BY or aggregates across shards");
    }
    for (int i = 0; i < rw.visible(); ++i) {
      TESSERA_RETURN_IF_ERROR(add_group(rw.item_expr(i)));
    }
  }
  std::vector<AggItem> aggs;
  sql::Expr* distinct_arg = nullptr;
  for (int i = 0; i < rw.visible(); ++i) {
    sql::Expr* e = sel.items[i].expr;
    if (e->kind != sql::ExprKind::kFunc ||
        !IsAggregate(*static_cast<sql::FuncCall*>(e))) {
      if (ContainsAggregate(e)) {
        return Unsupported(absl::StrCat("expression over aggregates (",
                                        rw.item_text(i), ") across shards"));
      }
      continue;
    }
    auto* f = static_cast<sql::FuncCall*>(e);
    std::string name = absl::AsciiStrToLower(f->name);
    sql::Expr* arg = f->args.size == 1 ? f->args[0] : nullptr;
    if (f->distinct && (name == "count" || name == "sum")) {
      if (arg == nullptr)
        return Unsupported("COUNT(DISTINCT a, b) across shards");
      std::string t = ExprText(*arg, text);
      if (distinct_arg != nullptr && ExprText(*distinct_arg, text) != t) {
        return Unsupported("DISTINCT aggregates over different expressions");
      }
      distinct_arg = arg;
      aggs.push_back({i,
                      name == "count" ? engine::AggregateOp::kCountDistinct
                                      : engine::AggregateOp::kSumDistinct,
                      arg});
    } else if (f->form == sql::FuncForm::kCountStar || name == "count") {
      aggs.push_back({i, engine::AggregateOp::kCount});
    } else if (name == "sum") {
      aggs.push_back({i, engine::AggregateOp::kSum});
    } else if (name == "min") {
      aggs.push_back({i, engine::AggregateOp::kMin});
    } else if (name == "max") {
      aggs.push_back({i, engine::AggregateOp::kMax});
    } else if (name == "avg" && !f->distinct && arg != nullptr) {
      aggs.push_back({i, engine::AggregateOp::kAvg, arg});
    } else {
      return Unsupported(absl::StrCat(rw.item_text(i), " across shards"));
    }
  }
  if (distinct_arg != nullptr) {
    for (const AggItem& a : aggs) {
      if (a.op != engine::AggregateOp::kCountDistinct &&
          a.op != engine::AggregateOp::kSumDistinct) {
        return Unsupported(
            "mixing DISTINCT and plain aggregates across shards");
      }
    }
  }
  // Rewrite the shard's select list.
  std::vector<engine::AggregateSpec> specs;
  Slot distinct_weight;
  if (distinct_arg != nullptr) {
    distinct_weight = rw.AddHidden(WeightString(arena, distinct_arg));
    shard_group.push_back(distinct_arg);
  }
  for (const AggItem& a : aggs) {
    engine::AggregateSpec s;
    s.op = a.op;
    s.column = a.item;
    rw.Rename(a.item, rw.item_text(a.item));
    if (a.op == engine::AggregateOp::kAvg) {
      sel.items[a.item].expr = NewFunc(arena, "sum", a.arg);
      s.count_column = rw.Column(rw.AddHidden(NewFunc(arena, "count", a.arg)));
    } else if (a.op == engine::AggregateOp::kCountDistinct ||
               a.op == engine::AggregateOp::kSumDistinct) {
      sel.items[a.item].expr = a.arg;
      s.weight_column = rw.Column(distinct_weight);
    }
    specs.push_back(s);
  }
  for (const auto& [value, weight] : group_slots) {
    group_keys.push_back({rw.Column(value), rw.Column(weight), false});
  }
  // Router-side HAVING and ORDER BY over the aggregated rows.
  engine::ExprPtr having;
  if (sel.having != nullptr) {
    auto column_of = [&](const sql::Expr* e) -> absl::StatusOr<int> {
      TESSERA_ASSIGN_OR_RETURN(std::optional<int> m, rw.MatchItem(e));
      if (!m) {
        return Unsupported(
            absl::StrCat("HAVING on ", ExprText(*e, text),
                         " (not in the select list) across shards"));
      }
      return *m;
    };
    TESSERA_ASSIGN_OR_RETURN(having, TranslateHaving(sel.having, column_of));
  }
  std::vector<OrderKey> final_order;
  for (const sql::OrderItem& o : order) {
    TESSERA_ASSIGN_OR_RETURN(std::optional<int> m, rw.MatchItem(o.expr));
    if (!m)
      return Unsupported(
          "ORDER BY an expression not in the select list of an aggregate query "
          "across shards");
    OrderKey k{*m, engine::kNoColumn, o.dir == sql::OrderDir::kDesc};
    for (const auto& [value, weight] : group_slots) {
      if (!value.hidden && value.index == *m)
        k.weight_column = rw.Column(weight);
    }
    final_order.push_back(k);
  }
  if (distinct_arg != nullptr) {
    group_keys.push_back({rw.Column(rw.AddHidden(distinct_arg)),
                          rw.Column(distinct_weight), false});
  }
  rw.Finish();
  // The shard query: partial aggregates grouped and ordered by the keys.
  sel.having = nullptr;
  sel.limit = nullptr;
  sel.options &= ~(sql::kSelDistinct | sql::kSelDistinctRow);
  sel.group_by = {};
  sel.order_by = {};
  for (sql::Expr* g : shard_group) {
    Append(arena, sel.group_by, g);
    Append(arena, sel.order_by, sql::OrderItem{g, sql::OrderDir::kDefault});
  }
  std::vector<OrderKey> merge_keys = group_keys;
  route.order_by = merge_keys;
  route.query = FormatQuery(&sel, arena, text);
  SetFieldQuery(&route, sel, arena, text);
  PlanPart part = RouteOperator(std::move(route));
  engine::AggregateParams ap;
  ap.input = part.op;
  ap.group_by =
      distinct_arg != nullptr
          ? std::vector<OrderKey>(group_keys.begin(), group_keys.end() - 1)
          : group_keys;
  ap.aggregates = specs;
  auto agg = std::make_shared<engine::Aggregate>(ap);
  std::string agg_desc = agg->Describe();
  part = Wrap(std::move(part), std::move(agg), "Aggregate", agg_desc);
  if (having) {
    auto f = std::make_shared<engine::Filter>(part.op, having);
    std::string d = f->Describe();
    part = Wrap(std::move(part), std::move(f), "Filter", d);
  }
  if (!final_order.empty()) {
    auto s = std::make_shared<engine::Sort>(part.op, final_order);
    std::string d = s->Describe();
    part = Wrap(std::move(part), std::move(s), "Sort", d);
  }
  if (limit != nullptr) {
    TESSERA_ASSIGN_OR_RETURN(part, AddLimit(std::move(part), limit));
  }
  return AddProject(std::move(part), rw);
}

}  // namespace tessera::planner
