#include "lib/sql/normalize.h"

#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/sql/format.h"

namespace tessera::sql {
namespace {

class Normalizer {
 public:
  Normalizer(Arena* arena, std::vector<BindValue>* binds)
      : arena_(arena), binds_(binds) {}

  void Stmt(sql::Stmt* s) {
    if (s->opaque) return;
    switch (s->kind) {
      case StmtKind::kSelect:
        Query(static_cast<SelectStmt*>(s)->query);
        break;
      case StmtKind::kInsert:
      case StmtKind::kReplace: {
        auto* i = static_cast<InsertStmt*>(s);
        for (List<Expr*>& row : i->rows) Exprs(row);
        Assigns(i->set);
        if (i->query != nullptr) Query(i->query);
        Assigns(i->on_dup);
        break;
      }
      case StmtKind::kUpdate: {
        auto* u = static_cast<UpdateStmt*>(s);
        With(u->with);
        Refs(u->tables);
        Assigns(u->set);
        Visit(u->where);
        Order(u->order_by);
        Limit(u->limit);
        break;
      }
      case StmtKind::kDelete: {
        auto* d = static_cast<DeleteStmt*>(s);
        With(d->with);
        Refs(d->from);
        Visit(d->where);
        Order(d->order_by);
        Limit(d->limit);
        break;
      }
      case StmtKind::kExplain:
      case StmtKind::kDescribe: {
        auto* e = static_cast<ExplainStmt*>(s);
        if (e->inner != nullptr) Stmt(e->inner);
        break;
      }
      default:
        break;
    }
  }

 private:
  void Visit(Expr*& slot) {
    Expr* e = slot;
    if (e == nullptr) return;
    switch (e->kind) {
      case ExprKind::kLiteral:
        Bind(slot);
        break;
      case ExprKind::kUnary: {
        auto* u = static_cast<Unary*>(e);
        // -5 is one value: routing on `id = -5` needs the signed number.
        if (u->op == UnaryOp::kNeg && u->operand->kind == ExprKind::kLiteral) {
          auto* lit = static_cast<Literal*>(u->operand);
          if (lit->lit == LitKind::kInt || lit->lit == LitKind::kDecimal ||
              lit->lit == LitKind::kFloat) {
            BindNegative(slot, *lit);
            break;
          }
        }
        Visit(u->operand);
        break;
      }
      case ExprKind::kBinary: {
        auto* b = static_cast<Binary*>(e);
        Visit(b->left);
        if (b->op != BinOp::kJsonExtract && b->op != BinOp::kJsonUnquote) {
          Visit(b->right);
        }
        break;
      }
      case ExprKind::kIs:
        Visit(static_cast<IsExpr*>(e)->operand);
        break;
      case ExprKind::kBetween: {
        auto* b = static_cast<Between*>(e);
        Visit(b->operand);
        Visit(b->low);
        Visit(b->high);
        break;
      }
      case ExprKind::kIn: {
        auto* in = static_cast<InExpr*>(e);
        Visit(in->operand);
        if (!BindList(in)) Exprs(in->list);
        if (in->subquery != nullptr) Query(in->subquery);
        break;
      }
      case ExprKind::kLike: {
        auto* l = static_cast<LikeExpr*>(e);
        Visit(l->operand);
        Visit(l->pattern);
        break;
      }
      case ExprKind::kCase: {
        auto* c = static_cast<CaseExpr*>(e);
        Visit(c->operand);
        for (When& w : c->whens) Visit(w.cond), Visit(w.result);
        Visit(c->else_expr);
        break;
      }
      case ExprKind::kCast:
        Visit(static_cast<CastExpr*>(e)->operand);
        break;
      case ExprKind::kConvertUsing:
        Visit(static_cast<ConvertUsing*>(e)->operand);
        break;
      case ExprKind::kFunc: {
        auto* f = static_cast<FuncCall*>(e);
        if (IsLastInsertId(f)) {
          slot = NewParam(absl::StrCat(":", kLastInsertIdVar));
          break;
        }
        if (f->extra != nullptr && f->extra->levels.empty() &&
            f->args.size == 2) {
          // JSON_VALUE(j, 'path' RETURNING ...): MySQL wants the path as a
          // string literal there.
          Visit(f->args[0]);
        } else {
          Exprs(f->args);
        }
        Order(f->order_by);
        if (f->over != nullptr) Window(f->over);
        break;
      }
      case ExprKind::kSubquery:
        Query(static_cast<SubqueryExpr*>(e)->query);
        break;
      case ExprKind::kExists:
        Query(static_cast<ExistsExpr*>(e)->query);
        break;
      case ExprKind::kTuple:
        Exprs(static_cast<TupleExpr*>(e)->items);
        break;
      case ExprKind::kInterval:
        Visit(static_cast<IntervalExpr*>(e)->value);
        break;
      case ExprKind::kCollate:
        Visit(static_cast<CollateExpr*>(e)->operand);
        break;
      case ExprKind::kMatch:
        Visit(static_cast<MatchExpr*>(e)->against);
        break;
      default:
        break;
    }
  }

  // All-literal IN lists become one list bind variable "::vN".
  bool BindList(InExpr* in) {
    if (in->list.size == 0) return false;
    BindValue list;
    list.type = BindType::kList;
    for (Expr* e : in->list) {
      BindValue v;
      if (e->kind != ExprKind::kLiteral ||
          !ValueOf(*static_cast<Literal*>(e), &v)) {
        return false;
      }
      list.list.push_back(std::move(v));
    }
    list.name = absl::StrCat("v", binds_->size() + 1);
    in->list.size = 1;
    in->list.data[0] = NewParam(absl::StrCat("::", list.name));
    binds_->push_back(std::move(list));
    return true;
  }

  Param* NewParam(const std::string& text) {
    auto* param = arena_->New<Param>();
    param->text = CopyToArena(text);
    return param;
  }

  absl::string_view CopyToArena(const std::string& text) {
    char* p = static_cast<char*>(arena_->Allocate(text.size(), 1));
    std::memcpy(p, text.data(), text.size());
    return absl::string_view(p, text.size());
  }

  static bool IsLastInsertId(const Expr* e) {
    if (e == nullptr || e->kind != ExprKind::kFunc) return false;
    const auto* f = static_cast<const FuncCall*>(e);
    return f->db.empty() && f->args.size == 0 && !f->has_over &&
           absl::EqualsIgnoreCase(f->name, "last_insert_id");
  }

  static bool ValueOf(const Literal& lit, BindValue* v) {
    switch (lit.lit) {
      case LitKind::kInt:
        v->type = BindType::kInt64;
        break;
      case LitKind::kDecimal:
        v->type = BindType::kDecimal;
        break;
      case LitKind::kFloat:
        v->type = BindType::kFloat64;
        break;
      case LitKind::kString:
        v->type = BindType::kString;
        break;
      case LitKind::kHexNum:
      case LitKind::kHexString:
        v->type = BindType::kHex;
        break;
      case LitKind::kBitNum:
      case LitKind::kBitString:
        v->type = BindType::kBit;
        break;
      default:
        return false;  // NULL, TRUE, FALSE, DATE '...'
    }
    if (v->type == BindType::kString) {
      v->value = DecodeString(lit.text);
      for (absl::string_view more : lit.more) v->value += DecodeString(more);
    } else {
      v->value = std::string(lit.text);
    }
    if (v->type == BindType::kInt64 &&
        (v->value.size() > 19 ||
         (v->value.size() == 19 && v->value > "9223372036854775807"))) {
      v->type = BindType::kUint64;
      if (v->value.size() > 20 ||
          (v->value.size() == 20 && v->value > "18446744073709551615")) {
        v->type = BindType::kDecimal;
      }
    }
    if (!lit.introducer.empty() && lit.introducer != "N") {
      v->charset = absl::AsciiStrToLower(lit.introducer.substr(1));
    }
    return true;
  }

  void BindNegative(Expr*& slot, const Literal& lit) {
    BindValue v;
    ValueOf(lit, &v);
    v.value = absl::StrCat("-", v.value);
    if (v.type == BindType::kUint64) {
      // Below INT64_MIN only "-9223372036854775808" still fits.
      v.type = v.value == "-9223372036854775808" ? BindType::kInt64
                                                 : BindType::kDecimal;
    } else if (v.type == BindType::kDecimal && lit.lit == LitKind::kInt) {
      v.type = BindType::kDecimal;
    }
    v.name = absl::StrCat("v", binds_->size() + 1);
    slot = NewParam(absl::StrCat(":", v.name));
    binds_->push_back(std::move(v));
  }

  void Bind(Expr*& slot) {
    BindValue v;
    if (!ValueOf(*static_cast<Literal*>(slot), &v)) return;
    v.name = absl::StrCat("v", binds_->size() + 1);
    slot = NewParam(absl::StrCat(":", v.name));
    binds_->push_back(std::move(v));
  }

  void Exprs(List<Expr*>& l) {
    for (Expr*& e : l) Visit(e);
  }
  // Positions (ORDER BY 1) are not values.
  void Positional(Expr*& e) {
    if (e->kind == ExprKind::kLiteral &&
        static_cast<Literal*>(e)->lit == LitKind::kInt) {
      return;
    }
    Visit(e);
  }
  void Order(List<OrderItem>& l) {
    for (OrderItem& o : l) Positional(o.expr);
  }
  void Assigns(List<Assignment>& l) {
    for (Assignment& a : l) Visit(a.value);
  }
  void Limit(sql::Limit* l) {
    if (l == nullptr) return;
    Visit(l->offset);
    Visit(l->count);
  }
  void Window(WindowSpec* w) {
    Exprs(w->partition_by);
    Order(w->order_by);
  }
  void With(WithClause* w) {
    if (w == nullptr) return;
    for (Cte& c : w->ctes) Query(c.query);
  }
  void Refs(List<TableRef*>& refs) {
    for (TableRef* t : refs) Ref(t);
  }
  void Ref(TableRef* t) {
    switch (t->kind) {
      case TableRefKind::kDerived:
        Query(static_cast<DerivedTable*>(t)->query);
        break;
      case TableRefKind::kJoin: {
        auto* j = static_cast<JoinRef*>(t);
        Ref(j->left);
        Ref(j->right);
        Visit(j->on);
        break;
      }
      case TableRefKind::kParen:
        Refs(static_cast<ParenRef*>(t)->items);
        break;
      default:
        break;
    }
  }
  void Query(QueryExpr* q) {
    With(q->with);
    switch (q->kind) {
      case QueryKind::kSelect: {
        auto* s = static_cast<Select*>(q);
        for (SelectItem& it : s->items) {
          if (it.alias.empty() && IsLastInsertId(it.expr)) {
            it.alias.raw = CopyToArena(
                absl::StrCat(static_cast<FuncCall*>(it.expr)->name, "()"));
            it.alias.quote = '`';
          }
          Visit(it.expr);
        }
        Refs(s->from);
        Visit(s->where);
        for (Expr*& g : s->group_by) Positional(g);
        Visit(s->having);
        for (NamedWindow& w : s->windows) Window(w.spec);
        break;
      }
      case QueryKind::kSetOp: {
        auto* s = static_cast<SetOp*>(q);
        Query(s->left);
        Query(s->right);
        break;
      }
      case QueryKind::kParen:
        Query(static_cast<ParenQuery*>(q)->inner);
        break;
      case QueryKind::kValues:
        for (List<Expr*>& row : static_cast<ValuesQuery*>(q)->rows) Exprs(row);
        break;
      default:
        break;
    }
    Order(q->order_by);
    Limit(q->limit);
  }

  Arena* arena_;
  std::vector<BindValue>* binds_;
};

}  // namespace

std::string DecodeString(absl::string_view quoted, bool no_backslash_escapes) {
  std::string out;
  if (quoted.size() < 2) return out;
  char q = quoted[0];
  absl::string_view s = quoted.substr(1, quoted.size() - 2);
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == q && i + 1 < s.size() && s[i + 1] == q) {
      out.push_back(q);
      ++i;
    } else if (c == '\\' && !no_backslash_escapes && i + 1 < s.size()) {
      char n = s[++i];
      switch (n) {
        case '0':
          out.push_back('\0');
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'Z':
          out.push_back('\032');
          break;
        case '%':
        case '_':
          out.push_back('\\');
          out.push_back(n);
          break;
        default:
          out.push_back(n);
      }
    } else {
      out.push_back(c);
    }
  }
  return out;
}

absl::string_view BindTypeName(BindType t) {
  switch (t) {
    case BindType::kUint64:
      return "UINT64";
    case BindType::kList:
      return "TUPLE";
    case BindType::kInt64:
      return "INT64";
    case BindType::kDecimal:
      return "DECIMAL";
    case BindType::kFloat64:
      return "FLOAT64";
    case BindType::kString:
      return "VARCHAR";
    case BindType::kHex:
      return "HEXNUM";
    case BindType::kBit:
      return "BITNUM";
  }
  return "?";
}

void NormalizeStatement(ParsedStatement* stmt, std::vector<BindValue>* binds) {
  Normalizer(&stmt->arena(), binds).Stmt(stmt->mutable_root());
}

absl::StatusOr<Normalized> Normalize(absl::string_view sql,
                                     const ParseOptions& options) {
  absl::StatusOr<ParsedStatement> parsed = Parse(sql, options);
  if (!parsed.ok()) return parsed.status();
  Normalized out;
  NormalizeStatement(&*parsed, &out.binds);
  out.sql = Format(*parsed);
  return out;
}

}  // namespace tessera::sql
