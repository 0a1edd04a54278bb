#include "lib/planner/having.h"

#include <string>

#include "absl/strings/match.h"
#include "lib/base/status_macros.h"
#include "lib/planner/context.h"
#include "lib/planner/walk.h"

namespace tessera::planner {
namespace {

using engine::ExprPtr;

absl::StatusOr<sqltypes::TypedValue> LiteralValue(const sql::Literal& lit) {
  switch (lit.lit) {
    case sql::LitKind::kInt:
      return sqltypes::TypedValue::Of(sqltypes::Kind::kInt,
                                      std::string(lit.text));
    case sql::LitKind::kDecimal:
      return sqltypes::TypedValue::Decimal(std::string(lit.text));
    case sql::LitKind::kFloat:
      return sqltypes::TypedValue::Of(sqltypes::Kind::kFloat,
                                      std::string(lit.text));
    case sql::LitKind::kNull:
      return sqltypes::TypedValue::Null();
    case sql::LitKind::kString:
      if (lit.more.empty() && lit.introducer.empty() && lit.text.size() >= 2 &&
          lit.text.find('\\') == absl::string_view::npos) {
        // Only simple quoted strings without escapes.
        std::string s;
        char q = lit.text.front();
        for (size_t i = 1; i + 1 < lit.text.size(); ++i) {
          s.push_back(lit.text[i]);
          if (lit.text[i] == q) ++i;  // doubled quote
        }
        return sqltypes::TypedValue::Text(std::move(s));
      }
      break;
    default:
      break;
  }
  return Unsupported("this literal in HAVING across shards");
}

}  // namespace

bool IsCoalesce(const sql::FuncCall& f) {
  return f.form == sql::FuncForm::kPlain && !f.distinct &&
         ((absl::EqualsIgnoreCase(f.name, "ifnull") && f.args.size == 2) ||
          (absl::EqualsIgnoreCase(f.name, "coalesce") && f.args.size >= 1));
}

absl::StatusOr<ExprPtr> TranslateHaving(
    const sql::Expr* e,
    absl::FunctionRef<absl::StatusOr<int>(const sql::Expr*)> column_of) {
  auto sub = [&](const sql::Expr* x) { return TranslateHaving(x, column_of); };
  switch (e->kind) {
    case sql::ExprKind::kBinary: {
      const auto* b = static_cast<const sql::Binary*>(e);
      if (b->quant != sql::Quantifier::kNone) break;
      std::optional<engine::CompareOp> cmp;
      std::optional<engine::LogicOp> logic;
      std::optional<engine::ArithOp> arith;
      switch (b->op) {
        case sql::BinOp::kEq:
          cmp = engine::CompareOp::kEq;
          break;
        case sql::BinOp::kNe:
          cmp = engine::CompareOp::kNe;
          break;
        case sql::BinOp::kLt:
          cmp = engine::CompareOp::kLt;
          break;
        case sql::BinOp::kLe:
          cmp = engine::CompareOp::kLe;
          break;
        case sql::BinOp::kGt:
          cmp = engine::CompareOp::kGt;
          break;
        case sql::BinOp::kGe:
          cmp = engine::CompareOp::kGe;
          break;
        case sql::BinOp::kNullSafeEq:
          cmp = engine::CompareOp::kNullSafeEq;
          break;
        case sql::BinOp::kAnd:
          logic = engine::LogicOp::kAnd;
          break;
        case sql::BinOp::kOr:
          logic = engine::LogicOp::kOr;
          break;
        case sql::BinOp::kAdd:
          arith = engine::ArithOp::kAdd;
          break;
        case sql::BinOp::kSub:
          arith = engine::ArithOp::kSub;
          break;
        case sql::BinOp::kMul:
          arith = engine::ArithOp::kMul;
          break;
        default:
          break;
      }
      if (!cmp && !logic && !arith) break;
      TESSERA_ASSIGN_OR_RETURN(ExprPtr l, sub(b->left));
      TESSERA_ASSIGN_OR_RETURN(ExprPtr r, sub(b->right));
      if (cmp) return engine::CompareExpr(*cmp, l, r);
      if (logic) return engine::LogicExpr(*logic, l, r);
      return engine::ArithExpr(*arith, l, r);
    }
    case sql::ExprKind::kUnary: {
      const auto* u = static_cast<const sql::Unary*>(e);
      if (u->op == sql::UnaryOp::kNeg) {  // 0 - x keeps x's scale
        TESSERA_ASSIGN_OR_RETURN(ExprPtr x, sub(u->operand));
        return engine::ArithExpr(
            engine::ArithOp::kSub,
            engine::LiteralExpr(sqltypes::TypedValue::Int(0)), x);
      }
      if (u->op != sql::UnaryOp::kNot && u->op != sql::UnaryOp::kBang) break;
      TESSERA_ASSIGN_OR_RETURN(ExprPtr x, sub(u->operand));
      return engine::NotExpr(x);
    }
    case sql::ExprKind::kIs: {
      const auto* is = static_cast<const sql::IsExpr*>(e);
      if (is->what != sql::IsWhat::kNull) break;
      TESSERA_ASSIGN_OR_RETURN(ExprPtr x, sub(is->operand));
      return engine::IsNullExpr(x, is->negated);
    }
    case sql::ExprKind::kParam: {
      absl::string_view t = static_cast<const sql::Param*>(e)->text;
      if (t.size() > 1 && t[0] == ':' && t[1] != ':') {
        return engine::BindVarExpr(std::string(t.substr(1)));
      }
      break;
    }
    case sql::ExprKind::kLiteral: {
      TESSERA_ASSIGN_OR_RETURN(
          sqltypes::TypedValue v,
          LiteralValue(*static_cast<const sql::Literal*>(e)));
      return engine::LiteralExpr(std::move(v));
    }
    case sql::ExprKind::kFunc: {
      // IFNULL/COALESCE over aggregates; other functions may be group keys.
      const auto* f = static_cast<const sql::FuncCall*>(e);
      if (IsCoalesce(*f) && ContainsAggregate(e)) {
        std::vector<ExprPtr> args;
        for (const sql::Expr* a : f->args) {
          TESSERA_ASSIGN_OR_RETURN(ExprPtr x, sub(a));
          args.push_back(std::move(x));
        }
        return engine::CoalesceExpr(std::move(args));
      }
      TESSERA_ASSIGN_OR_RETURN(int col, column_of(e));
      return engine::ColumnExpr(col);
    }
    case sql::ExprKind::kColumn: {
      TESSERA_ASSIGN_OR_RETURN(int col, column_of(e));
      return engine::ColumnExpr(col);
    }
    default:
      break;
  }
  return Unsupported("this HAVING expression across shards");
}

}  // namespace tessera::planner
