// What the router does with the rows of a cross-shard join: filters the
// shards could not apply, DISTINCT, GROUP BY and aggregates, HAVING,
// ORDER BY, LIMIT, and the final projection.
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/engine/distinct.h"
#include "lib/engine/filter.h"
#include "lib/engine/project.h"
#include "lib/engine/sort.h"
#include "lib/planner/ast_util.h"
#include "lib/planner/having.h"
#include "lib/planner/join_builder.h"
#include "lib/planner/walk.h"

namespace tessera::planner {
namespace {

using sql::ExprKind;

bool StrictFunction(const sql::FuncCall& f) {
  if (f.has_over || !f.db.empty() || f.form != sql::FuncForm::kPlain) {
    return false;
  }
  static constexpr absl::string_view kStrict[] = {
      "lower",    "upper",       "lcase",         "ucase",       "concat",
      "length",   "abs",         "round",         "floor",       "ceil",
      "ceiling",  "substr",      "substring",     "left",        "right",
      "trim",     "ltrim",       "rtrim",         "year",        "month",
      "day",      "date",        "hex",           "lpad",        "rpad",
      "replace",  "char_length", "weight_string", "date_format", "dayofmonth",
      "truncate", "mod",         "sign",          "reverse"};
  std::string name = absl::AsciiStrToLower(f.name);
  for (absl::string_view s : kStrict) {
    if (name == s) return true;
  }
  return false;
}

sql::Expr* WeightOf(sql::Arena& arena, sql::Expr* e) {
  return NewFunc(arena, "weight_string", NewFunc(arena, "rtrim", e));
}

}  // namespace

bool NullWhenGroupNull(const sql::Expr* e, const JoinLayout& layout, int g) {
  auto sub = [&](const sql::Expr* x) {
    return x != nullptr && NullWhenGroupNull(x, layout, g);
  };
  switch (e->kind) {
    case ExprKind::kColumn: {
      int t = BindColumn(*static_cast<const sql::Column*>(e), layout.from);
      return t >= 0 && layout.group_of[t] == g;
    }
    case ExprKind::kBinary: {
      const auto* b = static_cast<const sql::Binary*>(e);
      switch (b->op) {
        case sql::BinOp::kAssign:
        case sql::BinOp::kOr:
        case sql::BinOp::kXor:
        case sql::BinOp::kAnd:
        case sql::BinOp::kNullSafeEq:
        case sql::BinOp::kJsonExtract:
        case sql::BinOp::kJsonUnquote:
        case sql::BinOp::kMemberOf:
          return false;
        default:
          return b->quant == sql::Quantifier::kNone &&
                 (sub(b->left) || sub(b->right));
      }
    }
    case ExprKind::kUnary:
      return sub(static_cast<const sql::Unary*>(e)->operand);
    case ExprKind::kBetween:
      return sub(static_cast<const sql::Between*>(e)->operand);
    case ExprKind::kIn: {
      const auto* in = static_cast<const sql::InExpr*>(e);
      return in->subquery == nullptr && sub(in->operand);
    }
    case ExprKind::kLike: {
      const auto* l = static_cast<const sql::LikeExpr*>(e);
      return sub(l->operand) || sub(l->pattern);
    }
    case ExprKind::kCast:
      return sub(static_cast<const sql::CastExpr*>(e)->operand);
    case ExprKind::kCollate:
      return sub(static_cast<const sql::CollateExpr*>(e)->operand);
    case ExprKind::kFunc: {
      const auto* f = static_cast<const sql::FuncCall*>(e);
      if (!StrictFunction(*f)) return false;
      for (const sql::Expr* a : f->args) {
        if (sub(a)) return true;
      }
      return false;
    }
    default:
      return false;
  }
}

absl::StatusOr<ColRef> JoinBuilder::ComputeStrict(sql::Expr* e) {
  TESSERA_ASSIGN_OR_RETURN(int g, GroupOf(e));
  if (layout_.groups[g].left && !NullWhenGroupNull(e, layout_, g)) {
    return Unsupported(absl::StrCat(
        ExprText(*e, text_),
        " over the NULL-extended side of a LEFT JOIN across shards"));
  }
  return Compute(e);
}

absl::Status JoinBuilder::RegisterItems() {
  aggregate_ = !sel_.group_by.empty() || sel_.having != nullptr;
  for (const sql::SelectItem& item : sel_.items) {
    if (item.expr->kind == ExprKind::kStar) {
      return Unsupported("cross-shard join with SELECT * (name the columns)");
    }
    if (ContainsSubquery(item.expr)) {
      return Unsupported("subqueries in the select list of a cross-shard join");
    }
    aggregate_ |= ContainsAggregate(item.expr);
    item_texts_.push_back(ExprText(*item.expr, text_));
    item_aliases_.push_back(absl::AsciiStrToLower(IdentText(item.alias)));
  }
  visible_ = static_cast<int>(sel_.items.size);
  if (aggregate_) {
    // Aggregates HAVING or ORDER BY name without selecting them become
    // hidden items (dropped by the final projection).
    AddHiddenAggregates(sel_.having);
    for (const sql::OrderItem& o : sel_.order_by) AddHiddenAggregates(o.expr);
    items_.resize(sel_.items.size);
    return absl::OkStatus();  // RegisterAggregates
  }
  items_.resize(sel_.items.size);
  for (size_t i = 0; i < sel_.items.size; ++i) {
    sql::SelectItem& item = sel_.items[i];
    TESSERA_ASSIGN_OR_RETURN(int g, GroupOf(item.expr));
    if (layout_.groups[g].left && !NullWhenGroupNull(item.expr, layout_, g)) {
      return Unsupported(absl::StrCat(
          item_texts_[i],
          " over the NULL-extended side of a LEFT JOIN across shards"));
    }
    sql::Expr* e = item.expr;
    TESSERA_RETURN_IF_ERROR(Localize(g, &e));
    sql::Ident alias = item.alias;
    if (alias.empty() && e->kind != ExprKind::kColumn) {
      alias.raw = ArenaString(arena_, item_texts_[i]);
      alias.quote = '`';
    }
    items_[i] = Add(g, e, alias, false);
  }
  return absl::OkStatus();
}

void JoinBuilder::AddHiddenAggregates(sql::Expr* e) {
  if (e == nullptr) return;
  switch (e->kind) {
    case ExprKind::kBinary: {
      auto* b = static_cast<sql::Binary*>(e);
      AddHiddenAggregates(b->left);
      AddHiddenAggregates(b->right);
      return;
    }
    case ExprKind::kUnary:
      AddHiddenAggregates(static_cast<sql::Unary*>(e)->operand);
      return;
    case ExprKind::kIs:
      AddHiddenAggregates(static_cast<sql::IsExpr*>(e)->operand);
      return;
    case ExprKind::kFunc:
      break;
    default:
      return;
  }
  if (!IsAggregate(*static_cast<sql::FuncCall*>(e))) return;
  std::string t = ExprText(*e, text_);
  for (const std::string& have : item_texts_) {
    if (have == t) return;
  }
  Append(arena_, sel_.items, sql::SelectItem{e, {}});
  item_texts_.push_back(std::move(t));
  item_aliases_.push_back("");
}

absl::StatusOr<FilterNode> JoinBuilder::RegisterFilter(sql::Expr* e) {
  FilterNode n;
  if (e->kind == ExprKind::kBinary) {
    auto* b = static_cast<sql::Binary*>(e);
    if (b->op == sql::BinOp::kAnd || b->op == sql::BinOp::kOr) {
      n.op = b->op == sql::BinOp::kAnd ? FilterNode::Op::kAnd
                                       : FilterNode::Op::kOr;
      for (sql::Expr* c : {b->left, b->right}) {
        TESSERA_ASSIGN_OR_RETURN(FilterNode child, RegisterFilter(c));
        n.children.push_back(std::move(child));
      }
      return n;
    }
  }
  if (e->kind == ExprKind::kUnary) {
    auto* u = static_cast<sql::Unary*>(e);
    if (u->op == sql::UnaryOp::kNot || u->op == sql::UnaryOp::kBang) {
      n.op = FilterNode::Op::kNot;
      TESSERA_ASSIGN_OR_RETURN(FilterNode child, RegisterFilter(u->operand));
      n.children.push_back(std::move(child));
      return n;
    }
  }
  if (e->kind == ExprKind::kIs) {
    auto* is = static_cast<sql::IsExpr*>(e);
    if (is->what == sql::IsWhat::kNull) {
      n.op = is->negated ? FilterNode::Op::kIsNotNull : FilterNode::Op::kIsNull;
      TESSERA_ASSIGN_OR_RETURN(n.col, ComputeStrict(is->operand));
      return n;
    }
  }
  n.op = FilterNode::Op::kTruth;
  TESSERA_ASSIGN_OR_RETURN(n.col, ComputeStrict(e));
  return n;
}

engine::ExprPtr JoinBuilder::FilterExpr(const FilterNode& n) const {
  switch (n.op) {
    case FilterNode::Op::kAnd:
    case FilterNode::Op::kOr:
      return engine::LogicExpr(
          n.op == FilterNode::Op::kAnd ? engine::LogicOp::kAnd
                                       : engine::LogicOp::kOr,
          FilterExpr(n.children[0]), FilterExpr(n.children[1]));
    case FilterNode::Op::kNot:
      return engine::NotExpr(FilterExpr(n.children[0]));
    case FilterNode::Op::kIsNull:
    case FilterNode::Op::kIsNotNull:
      return engine::IsNullExpr(engine::ColumnExpr(Global(n.col)),
                                n.op == FilterNode::Op::kIsNotNull);
    case FilterNode::Op::kTruth:
      break;
  }
  return engine::ColumnExpr(Global(n.col));
}

absl::StatusOr<int> JoinBuilder::MatchItem(const sql::Expr* e) const {
  if (e->kind == ExprKind::kLiteral) {
    const auto* lit = static_cast<const sql::Literal*>(e);
    int pos = 0;
    if (lit->lit == sql::LitKind::kInt && absl::SimpleAtoi(lit->text, &pos)) {
      if (pos < 1 || pos > visible_) {
        return MysqlError(
            1054, "42S22",
            absl::StrCat("Unknown column '", pos, "' in 'order clause'"));
      }
      return pos - 1;
    }
  }
  if (e->kind == ExprKind::kColumn) {
    const auto* c = static_cast<const sql::Column*>(e);
    if (c->table.empty()) {
      std::string name = absl::AsciiStrToLower(IdentText(c->name));
      for (size_t i = 0; i < item_aliases_.size(); ++i) {
        if (!item_aliases_[i].empty() && item_aliases_[i] == name) {
          return static_cast<int>(i);
        }
      }
    }
  }
  std::string t = ExprText(*e, text_);
  for (size_t i = 0; i < item_texts_.size(); ++i) {
    if (item_texts_[i] == t) return static_cast<int>(i);
  }
  return -1;
}

absl::StatusOr<KeyRef> JoinBuilder::RegisterKey(sql::Expr* e, bool descending) {
  KeyRef k;
  k.descending = descending;
  TESSERA_ASSIGN_OR_RETURN(int item, MatchItem(e));
  sql::Expr* base = item >= 0 ? sel_.items[item].expr : e;
  if (item >= 0 && !aggregate_) {
    k.value = items_[item];
  } else {
    TESSERA_ASSIGN_OR_RETURN(k.value, ComputeStrict(base));
  }
  TESSERA_ASSIGN_OR_RETURN(k.weight, ComputeStrict(WeightOf(arena_, base)));
  return k;
}

absl::Status JoinBuilder::RegisterOrder() {
  bool distinct = sel_.options & (sql::kSelDistinct | sql::kSelDistinctRow);
  for (const sql::OrderItem& o : sel_.order_by) {
    TESSERA_ASSIGN_OR_RETURN(int item, MatchItem(o.expr));
    if (distinct && item < 0) {
      return Unsupported("DISTINCT with ORDER BY a column not selected");
    }
    TESSERA_ASSIGN_OR_RETURN(
        KeyRef k, RegisterKey(o.expr, o.dir == sql::OrderDir::kDesc));
    order_.push_back(k);
  }
  if (distinct) {
    for (size_t i = 0; i < items_.size(); ++i) {
      TESSERA_ASSIGN_OR_RETURN(KeyRef k,
                               RegisterKey(sel_.items[i].expr, false));
      distinct_.push_back(k);
    }
  }
  return absl::OkStatus();
}

engine::OrderKey JoinBuilder::Key(const KeyRef& k) const {
  return {Global(k.value), Global(k.weight), k.descending};
}

absl::StatusOr<PlanPart> JoinBuilder::BuildOutput(PlanPart part) {
  if (!filters_.empty()) {
    engine::ExprPtr pred = FilterExpr(filters_[0]);
    for (size_t i = 1; i < filters_.size(); ++i) {
      pred = engine::LogicExpr(engine::LogicOp::kAnd, pred,
                               FilterExpr(filters_[i]));
    }
    auto f = std::make_shared<engine::Filter>(part.op, pred);
    std::string d = f->Describe();
    part = Wrap(std::move(part), std::move(f), "Filter", d);
  }
  if (aggregate_) {
    TESSERA_ASSIGN_OR_RETURN(part, BuildAggregate(std::move(part)));
  } else {
    if (!distinct_.empty()) {
      engine::DistinctSpec spec;
      spec.input = part.op;
      for (const KeyRef& k : distinct_) spec.keys.push_back(Key(k));
      auto d = std::make_shared<engine::Distinct>(spec);
      std::string desc = d->Describe();
      part = Wrap(std::move(part), std::move(d), "Distinct", desc);
    }
    if (!order_.empty()) {
      std::vector<engine::OrderKey> keys;
      for (const KeyRef& k : order_) keys.push_back(Key(k));
      auto s = std::make_shared<engine::Sort>(part.op, keys);
      std::string d = s->Describe();
      part = Wrap(std::move(part), std::move(s), "Sort", d);
    }
  }
  if (sel_.limit != nullptr) {
    TESSERA_ASSIGN_OR_RETURN(part, AddLimit(std::move(part), sel_.limit));
  }
  engine::ProjectSpec spec;
  spec.input = part.op;
  // Column names as MariaDB gives them: the alias, else the expression
  // (a plain column keeps the name the shard gives it).
  for (int i = 0; i < visible_; ++i) {
    spec.columns.push_back(Global(items_[i]));
    const sql::SelectItem& item = sel_.items[i];
    if (!item.alias.empty()) {
      spec.names.push_back(IdentText(item.alias));
    } else if (item.expr->kind != ExprKind::kColumn) {
      spec.names.push_back(item_texts_[i]);
    } else {
      spec.names.push_back("");
    }
  }
  auto p = std::make_shared<engine::Project>(spec);
  std::string d = p->Describe();
  return Wrap(std::move(part), std::move(p), "Project", d);
}

}  // namespace tessera::planner
