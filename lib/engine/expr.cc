#include "lib/engine/expr.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/sqltypes/compare.h"
#include "lib/sqltypes/decimal.h"

namespace tessera::engine {
namespace {

using sqltypes::Kind;
using sqltypes::TypedValue;

TypedValue Bool(bool b) { return TypedValue::Int(b ? 1 : 0); }

class Column : public Expr {
 public:
  explicit Column(int i) : i_(i) {}
  absl::StatusOr<TypedValue> Eval(const Row& row, const std::vector<Field>& f,
                                  const sqltypes::BindVars&) const override {
    if (i_ < 0 || static_cast<size_t>(i_) >= row.size() ||
        static_cast<size_t>(i_) >= f.size()) {
      return InternalMysqlError(
          absl::StrCat("expression column ", i_, " out of range"));
    }
    return TypedValue::FromCell(row[i_], sqltypes::KindOf(f[i_]),
                                f[i_].charset);
  }
  std::string ToString() const override { return absl::StrCat("[", i_, "]"); }

 private:
  int i_;
};

class Literal : public Expr {
 public:
  explicit Literal(TypedValue v) : v_(std::move(v)) {}
  absl::StatusOr<TypedValue> Eval(const Row&, const std::vector<Field>&,
                                  const sqltypes::BindVars&) const override {
    return v_;
  }
  std::string ToString() const override {
    return v_.is_null() ? "NULL" : absl::StrCat("'", v_.bytes, "'");
  }

 private:
  TypedValue v_;
};

class BindVar : public Expr {
 public:
  explicit BindVar(std::string name) : name_(std::move(name)) {}
  absl::StatusOr<TypedValue> Eval(
      const Row&, const std::vector<Field>&,
      const sqltypes::BindVars& vars) const override {
    auto it = vars.find(name_);
    if (it == vars.end() || it->second.is_list) {
      return MysqlError(er::kWrongArguments, "HY000",
                        absl::StrCat("missing bind variable :", name_));
    }
    return it->second.value;
  }
  std::string ToString() const override { return absl::StrCat(":", name_); }

 private:
  std::string name_;
};

class Comparison : public Expr {
 public:
  Comparison(CompareOp op, ExprPtr l, ExprPtr r)
      : op_(op), l_(std::move(l)), r_(std::move(r)) {}
  absl::StatusOr<TypedValue> Eval(const Row& row, const std::vector<Field>& f,
                                  const sqltypes::BindVars& v) const override {
    TESSERA_ASSIGN_OR_RETURN(TypedValue a, l_->Eval(row, f, v));
    TESSERA_ASSIGN_OR_RETURN(TypedValue b, r_->Eval(row, f, v));
    if (op_ == CompareOp::kNullSafeEq) {
      if (a.is_null() || b.is_null()) return Bool(a.is_null() && b.is_null());
      return Bool(sqltypes::Compare(a, b) == 0);
    }
    if (a.is_null() || b.is_null()) return TypedValue::Null();
    int c = sqltypes::Compare(a, b);
    switch (op_) {
      case CompareOp::kEq:
        return Bool(c == 0);
      case CompareOp::kNe:
        return Bool(c != 0);
      case CompareOp::kLt:
        return Bool(c < 0);
      case CompareOp::kLe:
        return Bool(c <= 0);
      case CompareOp::kGt:
        return Bool(c > 0);
      case CompareOp::kGe:
        return Bool(c >= 0);
      case CompareOp::kNullSafeEq:
        break;
    }
    return TypedValue::Null();
  }
  std::string ToString() const override {
    static constexpr const char* kOps[] = {
        "=", "!=", "<", "<=", ">", ">=", "<=>"};
    return absl::StrCat(l_->ToString(), " ", kOps[static_cast<int>(op_)], " ",
                        r_->ToString());
  }

 private:
  CompareOp op_;
  ExprPtr l_, r_;
};

class Logic : public Expr {
 public:
  Logic(LogicOp op, ExprPtr l, ExprPtr r)
      : op_(op), l_(std::move(l)), r_(std::move(r)) {}
  absl::StatusOr<TypedValue> Eval(const Row& row, const std::vector<Field>& f,
                                  const sqltypes::BindVars& v) const override {
    TESSERA_ASSIGN_OR_RETURN(TypedValue a, l_->Eval(row, f, v));
    std::optional<bool> x = Truth(a);
    const bool is_and = op_ == LogicOp::kAnd;
    if (x.has_value() && *x != is_and) return Bool(!is_and);  // short cut
    TESSERA_ASSIGN_OR_RETURN(TypedValue b, r_->Eval(row, f, v));
    std::optional<bool> y = Truth(b);
    if (y.has_value() && *y != is_and) return Bool(!is_and);
    if (!x.has_value() || !y.has_value()) return TypedValue::Null();
    return Bool(is_and);
  }
  std::string ToString() const override {
    return absl::StrCat("(", l_->ToString(),
                        op_ == LogicOp::kAnd ? " AND " : " OR ", r_->ToString(),
                        ")");
  }

 private:
  LogicOp op_;
  ExprPtr l_, r_;
};

class Not : public Expr {
 public:
  explicit Not(ExprPtr e) : e_(std::move(e)) {}
  absl::StatusOr<TypedValue> Eval(const Row& row, const std::vector<Field>& f,
                                  const sqltypes::BindVars& v) const override {
    TESSERA_ASSIGN_OR_RETURN(TypedValue a, e_->Eval(row, f, v));
    std::optional<bool> x = Truth(a);
    if (!x.has_value()) return TypedValue::Null();
    return Bool(!*x);
  }
  std::string ToString() const override {
    return absl::StrCat("NOT ", e_->ToString());
  }

 private:
  ExprPtr e_;
};

class IsNull : public Expr {
 public:
  IsNull(ExprPtr e, bool negated) : e_(std::move(e)), negated_(negated) {}
  absl::StatusOr<TypedValue> Eval(const Row& row, const std::vector<Field>& f,
                                  const sqltypes::BindVars& v) const override {
    TESSERA_ASSIGN_OR_RETURN(TypedValue a, e_->Eval(row, f, v));
    return Bool(a.is_null() != negated_);
  }
  std::string ToString() const override {
    return absl::StrCat(e_->ToString(), negated_ ? " IS NOT NULL" : " IS NULL");
  }

 private:
  ExprPtr e_;
  bool negated_;
};

class Arith : public Expr {
 public:
  Arith(ArithOp op, ExprPtr l, ExprPtr r)
      : op_(op), l_(std::move(l)), r_(std::move(r)) {}
  absl::StatusOr<TypedValue> Eval(const Row& row, const std::vector<Field>& f,
                                  const sqltypes::BindVars& v) const override {
    TESSERA_ASSIGN_OR_RETURN(TypedValue a, l_->Eval(row, f, v));
    TESSERA_ASSIGN_OR_RETURN(TypedValue b, r_->Eval(row, f, v));
    if (a.is_null() || b.is_null()) return TypedValue::Null();
    const bool exact = a.kind != Kind::kFloat && b.kind != Kind::kFloat &&
                       sqltypes::IsNumeric(a.kind) &&
                       sqltypes::IsNumeric(b.kind);
    if (exact) {
      auto x = sqltypes::Decimal::Parse(a.bytes);
      auto y = sqltypes::Decimal::Parse(b.bytes);
      if (x.ok() && y.ok()) {
        sqltypes::Decimal r = op_ == ArithOp::kAdd   ? *x + *y
                              : op_ == ArithOp::kSub ? *x - *y
                                                     : *x * *y;
        const bool integral =
            sqltypes::IsIntegral(a.kind) && sqltypes::IsIntegral(b.kind);
        return integral ? TypedValue::Of(Kind::kInt, r.ToString())
                        : TypedValue::Decimal(r.ToString());
      }
    }
    double x = std::strtod(a.bytes.c_str(), nullptr);
    double y = std::strtod(b.bytes.c_str(), nullptr);
    double r = op_ == ArithOp::kAdd   ? x + y
               : op_ == ArithOp::kSub ? x - y
                                      : x * y;
    return TypedValue::Float(r);
  }
  std::string ToString() const override {
    static constexpr const char* kOps[] = {"+", "-", "*"};
    return absl::StrCat("(", l_->ToString(), " ", kOps[static_cast<int>(op_)],
                        " ", r_->ToString(), ")");
  }

 private:
  ArithOp op_;
  ExprPtr l_, r_;
};

class Coalesce : public Expr {
 public:
  explicit Coalesce(std::vector<ExprPtr> args) : args_(std::move(args)) {}
  absl::StatusOr<TypedValue> Eval(const Row& row, const std::vector<Field>& f,
                                  const sqltypes::BindVars& v) const override {
    for (const ExprPtr& a : args_) {
      TESSERA_ASSIGN_OR_RETURN(TypedValue x, a->Eval(row, f, v));
      if (!x.is_null()) return x;
    }
    return TypedValue::Null();
  }
  std::string ToString() const override {
    std::string out = "coalesce(";
    for (size_t i = 0; i < args_.size(); ++i) {
      absl::StrAppend(&out, i > 0 ? ", " : "", args_[i]->ToString());
    }
    return out + ")";
  }

 private:
  std::vector<ExprPtr> args_;
};

}  // namespace

std::optional<bool> Truth(const TypedValue& v) {
  if (v.is_null()) return std::nullopt;
  return std::strtod(v.bytes.c_str(), nullptr) != 0;
}

ExprPtr ColumnExpr(int index) { return std::make_shared<Column>(index); }
ExprPtr LiteralExpr(TypedValue value) {
  return std::make_shared<Literal>(std::move(value));
}
ExprPtr BindVarExpr(std::string name) {
  return std::make_shared<BindVar>(std::move(name));
}
ExprPtr CompareExpr(CompareOp op, ExprPtr l, ExprPtr r) {
  return std::make_shared<Comparison>(op, std::move(l), std::move(r));
}
ExprPtr LogicExpr(LogicOp op, ExprPtr l, ExprPtr r) {
  return std::make_shared<Logic>(op, std::move(l), std::move(r));
}
ExprPtr NotExpr(ExprPtr e) { return std::make_shared<Not>(std::move(e)); }
ExprPtr IsNullExpr(ExprPtr e, bool negated) {
  return std::make_shared<IsNull>(std::move(e), negated);
}
ExprPtr ArithExpr(ArithOp op, ExprPtr l, ExprPtr r) {
  return std::make_shared<Arith>(op, std::move(l), std::move(r));
}
ExprPtr CoalesceExpr(std::vector<ExprPtr> args) {
  return std::make_shared<Coalesce>(std::move(args));
}

}  // namespace tessera::engine
