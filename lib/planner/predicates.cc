#include "lib/planner/predicates.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "lib/vindex/lookup_vindex.h"

namespace tessera::planner {
namespace {

const sql::Column* AsColumn(const sql::Expr* e) {
  return e != nullptr && e->kind == sql::ExprKind::kColumn
             ? static_cast<const sql::Column*>(e)
             : nullptr;
}

// ":name" → "name" for single-value params, "" otherwise.
std::string SingleVar(const sql::Expr* e) {
  if (e == nullptr || e->kind != sql::ExprKind::kParam) return "";
  absl::string_view t = static_cast<const sql::Param*>(e)->text;
  if (t.size() < 2 || t[0] != ':' || t[1] == ':') return "";
  return std::string(t.substr(1));
}

std::string ListVar(const sql::Expr* e) {
  if (e == nullptr || e->kind != sql::ExprKind::kParam) return "";
  absl::string_view t = static_cast<const sql::Param*>(e)->text;
  if (t.size() < 3 || t[0] != ':' || t[1] != ':') return "";
  return std::string(t.substr(2));
}

bool IsNullLiteral(const sql::Expr* e) {
  return e != nullptr && e->kind == sql::ExprKind::kLiteral &&
         static_cast<const sql::Literal*>(e)->lit == sql::LitKind::kNull;
}

// Whether `col` is table `t`'s primary vindex column.
bool IsVindexColumn(const sql::Column* col, const FromInfo& from, int t) {
  if (col == nullptr || BindColumn(*col, from) != t) return false;
  const vschema::Table* table = from.tables[t].table;
  std::string vcol = PrimaryVindexColumn(*table);
  return !vcol.empty() && absl::EqualsIgnoreCase(IdentText(col->name), vcol);
}

const vindex::Vindex* PrimaryVindex(const vschema::Table& table) {
  if (table.column_vindexes.empty()) return nullptr;
  return table.column_vindexes[0].vindex;
}

int Rank(engine::RouteVariant v) {
  switch (v) {
    case engine::RouteVariant::kNone:
      return 0;
    case engine::RouteVariant::kEqualUnique:
      return 1;
    case engine::RouteVariant::kEqual:
      return 2;
    case engine::RouteVariant::kIn:
      return 3;
    default:
      return 9;
  }
}

}  // namespace

void SplitAnd(const sql::Expr* e, std::vector<const sql::Expr*>* out) {
  if (e == nullptr) return;
  if (e->kind == sql::ExprKind::kBinary) {
    const auto* b = static_cast<const sql::Binary*>(e);
    if (b->op == sql::BinOp::kAnd) {
      SplitAnd(b->left, out);
      SplitAnd(b->right, out);
      return;
    }
  }
  out->push_back(e);
}

std::string PrimaryVindexColumn(const vschema::Table& table) {
  if (table.column_vindexes.empty()) return "";
  const auto& cv = table.column_vindexes[0];
  if (cv.columns.size() != 1) return "";  // multi-column: not routed here
  return cv.columns[0];
}

bool JoinsOnVindex(const sql::Expr* cond, const FromInfo& from, int a, int b) {
  if (cond == nullptr || cond->kind != sql::ExprKind::kBinary) return false;
  const auto* eq = static_cast<const sql::Binary*>(cond);
  if (eq->op != sql::BinOp::kEq || eq->quant != sql::Quantifier::kNone) {
    return false;
  }
  const sql::Column* l = AsColumn(eq->left);
  const sql::Column* r = AsColumn(eq->right);
  bool forward = IsVindexColumn(l, from, a) && IsVindexColumn(r, from, b);
  bool backward = IsVindexColumn(l, from, b) && IsVindexColumn(r, from, a);
  if (!forward && !backward) return false;
  const vindex::Vindex* va = PrimaryVindex(*from.tables[a].table);
  const vindex::Vindex* vb = PrimaryVindex(*from.tables[b].table);
  if (va == nullptr || vb == nullptr) return false;
  // The same vindex object, or the same parameterless functional type.
  if (va == vb) return true;
  static constexpr absl::string_view kPure[] = {"hash",
                                                "xxhash",
                                                "binary",
                                                "binary_md5",
                                                "numeric",
                                                "reverse_bits",
                                                "unicode_loose_md5",
                                                "unicode_loose_xxhash"};
  if (va->type() != vb->type()) return false;
  for (absl::string_view p : kPure) {
    if (va->type() == p) return true;
  }
  return false;
}

std::vector<RouteCandidate> RoutingVindexes(const vschema::Table& table) {
  std::vector<RouteCandidate> out;
  for (size_t i = 0; i < table.column_vindexes.size(); ++i) {
    const vschema::ColumnVindexBinding& b = table.column_vindexes[i];
    const vindex::Vindex* v = b.vindex;
    if (v == nullptr || b.columns.size() != 1) continue;
    if (v->needs_lookup()) {
      // Lookup vindexes route from any position, unless write-only (their
      // table may lack rows still being backfilled).
      const vindex::LookupVindex* l = v->AsLookup();
      if (l == nullptr || l->params().write_only) continue;
    } else if (i != 0 || !v->unique()) {
      continue;  // only the primary functional vindex places rows
    }
    out.push_back({v, b.columns[0]});
  }
  return out;
}

RouteChoice ChooseRoute(const std::vector<const sql::Expr*>& conjuncts,
                        const FromInfo& from, int t) {
  RouteChoice best;
  int best_score = 1 << 30;
  const vschema::Table* table = from.tables[t].table;
  for (const RouteCandidate& cand : RoutingVindexes(*table)) {
    const vindex::Vindex* v = cand.vindex;
    auto is_col = [&](const sql::Expr* e) {
      const sql::Column* col = AsColumn(e);
      return col != nullptr && BindColumn(*col, from) == t &&
             absl::EqualsIgnoreCase(IdentText(col->name), cand.column);
    };
    auto consider = [&](engine::RouteVariant variant, std::string var) {
      if (variant == engine::RouteVariant::kEqualUnique && !v->unique()) {
        variant = engine::RouteVariant::kEqual;
      }
      int score = Rank(variant) * 1000 + v->cost();
      if (score >= best_score) return;
      best_score = score;
      best.variant = variant;
      best.table = t;
      best.vindex = v;
      best.value_var = std::move(var);
    };
    for (const sql::Expr* c : conjuncts) {
      if (c->kind == sql::ExprKind::kBinary) {
        const auto* b = static_cast<const sql::Binary*>(c);
        if (b->op != sql::BinOp::kEq || b->quant != sql::Quantifier::kNone) {
          continue;
        }
        const sql::Expr* value = nullptr;
        if (is_col(b->left)) value = b->right;
        if (is_col(b->right)) value = b->left;
        if (value == nullptr) continue;
        if (IsNullLiteral(value)) {
          consider(engine::RouteVariant::kNone, "");
        } else if (std::string var = SingleVar(value); !var.empty()) {
          consider(engine::RouteVariant::kEqualUnique, var);
        }
      } else if (c->kind == sql::ExprKind::kIn) {
        const auto* in = static_cast<const sql::InExpr*>(c);
        if (in->negated || in->subquery != nullptr) continue;
        if (!is_col(in->operand) || in->list.size != 1) continue;
        if (std::string var = ListVar(in->list[0]); !var.empty()) {
          consider(engine::RouteVariant::kIn, var);
        } else if (std::string one = SingleVar(in->list[0]); !one.empty()) {
          consider(engine::RouteVariant::kEqualUnique, one);
        }
      }
    }
  }
  return best;
}

}  // namespace tessera::planner
