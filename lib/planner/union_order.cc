#include "lib/planner/union_order.h"

#include <map>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/planner/ast_util.h"
#include "lib/planner/context.h"
#include "lib/planner/tables.h"
#include "lib/planner/walk.h"

namespace tessera::planner {
namespace {

absl::Status Leaves(sql::QueryExpr* q, std::vector<sql::Select*>* out) {
  switch (q->kind) {
    case sql::QueryKind::kSelect:
      out->push_back(static_cast<sql::Select*>(q));
      return absl::OkStatus();
    case sql::QueryKind::kParen:
      return Leaves(static_cast<sql::ParenQuery*>(q)->inner, out);
    case sql::QueryKind::kSetOp: {
      auto* s = static_cast<sql::SetOp*>(q);
      TESSERA_RETURN_IF_ERROR(Leaves(s->left, out));
      return Leaves(s->right, out);
    }
    default:
      return Unsupported("this part of a UNION with ORDER BY across shards");
  }
}

// The name MariaDB gives a select item: its alias, a column's name, or
// the expression's text.
std::string ItemName(const sql::SelectItem& item, absl::string_view text) {
  if (!item.alias.empty()) return absl::AsciiStrToLower(IdentText(item.alias));
  if (item.expr->kind == sql::ExprKind::kColumn) {
    return absl::AsciiStrToLower(
        IdentText(static_cast<const sql::Column*>(item.expr)->name));
  }
  return absl::AsciiStrToLower(ExprText(*item.expr, text));
}

// The union column an ORDER BY key names.
absl::StatusOr<int> KeyColumn(const sql::Expr* e, const sql::Select& first,
                              absl::string_view text) {
  int width = static_cast<int>(first.items.size);
  if (e->kind == sql::ExprKind::kLiteral) {
    const auto* lit = static_cast<const sql::Literal*>(e);
    int pos = 0;
    if (lit->lit == sql::LitKind::kInt && absl::SimpleAtoi(lit->text, &pos)) {
      if (pos < 1 || pos > width) {
        return MysqlError(
            1054, "42S22",
            absl::StrCat("Unknown column '", pos, "' in 'order clause'"));
      }
      return pos - 1;
    }
  }
  if (e->kind != sql::ExprKind::kColumn ||
      !static_cast<const sql::Column*>(e)->table.empty()) {
    return Unsupported(absl::StrCat("ORDER BY ", ExprText(*e, text),
                                    " on a UNION across shards"));
  }
  std::string name = absl::AsciiStrToLower(
      IdentText(static_cast<const sql::Column*>(e)->name));
  for (int i = 0; i < width; ++i) {
    if (ItemName(first.items[i], text) == name) return i;
  }
  return MysqlError(
      1054, "42S22",
      absl::StrCat("Unknown column '", name, "' in 'order clause'"));
}

enum class ItemKind { kPlain, kNumericAggregate, kOther };

ItemKind KindOf(const sql::Expr* e) {
  if (e->kind == sql::ExprKind::kStar) return ItemKind::kOther;
  if (!ContainsAggregate(e)) return ItemKind::kPlain;
  if (e->kind != sql::ExprKind::kFunc) return ItemKind::kOther;
  const auto* f = static_cast<const sql::FuncCall*>(e);
  std::string name = absl::AsciiStrToLower(f->name);
  if (IsAggregate(*f) && (name == "count" || name == "sum" || name == "avg")) {
    return ItemKind::kNumericAggregate;
  }
  return ItemKind::kOther;
}

// Whether column `c` needs a weight column: yes when every part computes
// plain values, no when every part computes COUNT/SUM/AVG.
absl::StatusOr<bool> NeedsWeight(const std::vector<sql::Select*>& leaves,
                                 int c) {
  int plain = 0;
  int numeric = 0;
  for (const sql::Select* s : leaves) {
    switch (KindOf(s->items[c].expr)) {
      case ItemKind::kPlain:
        ++plain;
        break;
      case ItemKind::kNumericAggregate:
        ++numeric;
        break;
      case ItemKind::kOther:
        return Unsupported(
            "ORDER BY this column (SELECT *, MIN/MAX or an expression over "
            "aggregates) on a UNION across shards");
    }
  }
  if (plain > 0 && numeric > 0) {
    return Unsupported(
        "ORDER BY a column mixing aggregates and values on a UNION across "
        "shards");
  }
  return plain > 0;
}

}  // namespace

absl::StatusOr<UnionOrder> PrepareUnionOrder(sql::SetOp& s, sql::Arena& arena,
                                             absl::string_view text) {
  std::vector<sql::Select*> leaves;
  TESSERA_RETURN_IF_ERROR(Leaves(&s, &leaves));
  UnionOrder out;
  out.visible = static_cast<int>(leaves[0]->items.size);
  for (const sql::Select* l : leaves) {
    if (static_cast<int>(l->items.size) != out.visible) {
      return MysqlError(
          1222, "21000",
          "The used SELECT statements have a different number of columns");
    }
    for (const auto& item : l->items) {
      if (item.expr->kind == sql::ExprKind::kStar) {
        return Unsupported("SELECT * in a UNION with ORDER BY across shards");
      }
    }
  }
  std::map<int, int> weight_of;  // union column -> its weight column
  for (const sql::OrderItem& o : s.order_by) {
    TESSERA_ASSIGN_OR_RETURN(int c, KeyColumn(o.expr, *leaves[0], text));
    engine::OrderKey k{c, engine::kNoColumn, o.dir == sql::OrderDir::kDesc};
    TESSERA_ASSIGN_OR_RETURN(bool weight, NeedsWeight(leaves, c));
    if (weight) {
      auto it = weight_of.find(c);
      if (it == weight_of.end()) {
        it = weight_of.emplace(c, out.visible + out.hidden++).first;
        for (sql::Select* l : leaves) {
          sql::Expr* e = l->items[c].expr;
          auto* ws =
              NewFunc(arena, "weight_string", NewFunc(arena, "rtrim", e));
          Append(arena, l->items, sql::SelectItem{ws, {}});
        }
      }
      k.weight_column = it->second;
    }
    out.keys.push_back(k);
  }
  return out;
}

}  // namespace tessera::planner
