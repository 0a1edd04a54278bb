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
#include "lib/planner/block_rewriter.h"
#include "lib/planner/context.h"
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
  if (limit->with_ties || limit->rows_examined != nullptr)
    return Unsupported("FETCH ... WITH TIES or ROWS EXAMINED across shards");
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

}  // namespace

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

  return PlanScatterAggregate(sel, std::move(route), rw, order, limit, distinct,
                              arena, text);
}

}  // namespace tessera::planner
