// Internal to the multi-shard SELECT planner: the rewriting of a query
// block's select list into what the shards run (visible items plus hidden
// columns the router needs), shared by scatter_select.cc and
// scatter_aggregate.cc.
#ifndef TESSERA_LIB_PLANNER_BLOCK_REWRITER_H_
#define TESSERA_LIB_PLANNER_BLOCK_REWRITER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "lib/base/mysql_error.h"
#include "lib/planner/ast_util.h"
#include "lib/planner/context.h"
#include "lib/planner/scatter_select.h"
#include "lib/sql/ast.h"

namespace tessera::planner {

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
  // The expression of a slot, and replacing it (the shard runs `e`).
  sql::Expr* expr(Slot s) const {
    return s.hidden ? hidden_[s.index] : sel_.items[s.index].expr;
  }
  void SetExpr(Slot s, sql::Expr* e) {
    if (s.hidden) {
      hidden_[s.index] = e;
    } else {
      sel_.items[s.index].expr = e;
    }
  }

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

// Drops the hidden columns (a Project over `in`) when there are any.
PlanPart AddProject(PlanPart in, const BlockRewriter& rw);

// WEIGHT_STRING keeps trailing spaces, which PAD SPACE collations ignore
// ('a' = 'A '), so the shards send WEIGHT_STRING(RTRIM(x)). The engine uses
// it only for text keys; numbers and binaries compare by value.
sql::Expr* WeightString(sql::Arena& arena, sql::Expr* e);

// The aggregating part of PlanScatterBlock (GROUP BY, aggregates, HAVING,
// DISTINCT): shards group and send partial aggregates, the router folds
// them (scatter_aggregate.cc). `order` and `limit` are the block's.
absl::StatusOr<PlanPart> PlanScatterAggregate(
    sql::Select& sel, engine::RouteSpec route, BlockRewriter& rw,
    const std::vector<sql::OrderItem>& order, const sql::Limit* limit,
    bool distinct, sql::Arena& arena, absl::string_view text);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_BLOCK_REWRITER_H_
