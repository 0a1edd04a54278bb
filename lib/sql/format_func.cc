// Formatting of function calls (with their special syntaxes), window
// specifications, ORDER BY lists and data types.
#include "lib/sql/formatter_internal.h"
#include "lib/sql/parser_internal.h"

namespace tessera::sql {
namespace {

absl::string_view TrimModeText(TrimMode m) {
  switch (m) {
    case TrimMode::kBoth:
      return "both ";
    case TrimMode::kLeading:
      return "leading ";
    case TrimMode::kTrailing:
      return "trailing ";
    default:
      return "";
  }
}

}  // namespace

void Formatter::Func(const FuncCall& f) {
  if (!f.db.empty()) {
    Ident(f.db);
    Put(".");
  }
  PutLower(f.name);
  if (f.form == FuncForm::kNoParens) return;
  Put("(");
  switch (f.form) {
    case FuncForm::kCountStar:
      Put("*");
      break;
    case FuncForm::kExtract:
      Put(f.word);
      Put(" from ");
      Exprs(f.args);
      break;
    case FuncForm::kTrim:
      Put(TrimModeText(f.trim_mode));
      if (f.args.size > 1) Expr(f.args[0]), Put(" ");
      Put("from ");
      Expr(f.args[f.args.size - 1]);
      break;
    case FuncForm::kSubstrFrom:
      Expr(f.args[0]);
      Put(" from ");
      Expr(f.args[1]);
      if (f.args.size > 2) Put(" for "), Expr(f.args[2]);
      break;
    case FuncForm::kPosition:
      Expr(f.args[0], kPrecBitOr);
      Put(" in ");
      Expr(f.args[1]);
      break;
    case FuncForm::kCharUsing:
      Exprs(f.args);
      Put(" using ");
      IdentName(f.word);
      break;
    case FuncForm::kTimeUnit:
      Put(f.word);
      Put(", ");
      Exprs(f.args);
      break;
    case FuncForm::kWithinGroup:
      Exprs(f.args);
      Put(") within group (order by ");
      OrderBy(f.order_by);
      break;
    default:
      if (f.distinct) Put("distinct ");
      Exprs(f.args);
      if (f.order_by.size > 0) {
        Put(" order by ");
        OrderBy(f.order_by);
      }
      if (f.separator != nullptr) {
        Put(" separator ");
        Literal(*f.separator);
      }
      if (f.limit != nullptr) {
        Put(" limit ");
        if (f.offset != nullptr) Expr(f.offset, kPrecUnary), Put(", ");
        Expr(f.limit, kPrecUnary);
      }
      if (f.extra != nullptr) FuncExtra(*f.extra);
      break;
  }
  Put(")");
  if (f.from_last) Put(" from last");
  if (f.ignore_nulls) Put(" ignore nulls");
  if (f.has_over) {
    Put(" over ");
    if (f.over != nullptr)
      Window(*f.over);
    else
      Ident(f.over_name);
  }
}

void Formatter::FuncExtra(const sql::FuncExtra& x) {
  if (!x.levels.empty()) Put(" level "), Put(x.levels);
  if (x.returning != nullptr) Put(" returning "), Type(*x.returning);
  JsonResponse(x.on_empty, x.empty_default, " on empty");
  JsonResponse(x.on_error, x.error_default, " on error");
}

void Formatter::JsonResponse(JtResponse r, const sql::Literal* def,
                             absl::string_view on) {
  switch (r) {
    case JtResponse::kNone:
      return;
    case JtResponse::kNull:
      Put(" null");
      break;
    case JtResponse::kError:
      Put(" error");
      break;
    case JtResponse::kDefault:
      Put(" default ");
      Literal(*def);
      break;
  }
  Put(on);
}

void Formatter::OrderBy(const List<OrderItem>& items) {
  for (uint32_t i = 0; i < items.size; ++i) {
    if (i > 0) Put(", ");
    Expr(items[i].expr);
    if (items[i].dir == OrderDir::kDesc) Put(" desc");
  }
}

namespace {
void Bound(Formatter& f, const FrameBound& b) {
  switch (b.kind) {
    case BoundKind::kUnboundedPreceding:
      f.Put("unbounded preceding");
      break;
    case BoundKind::kUnboundedFollowing:
      f.Put("unbounded following");
      break;
    case BoundKind::kCurrentRow:
      f.Put("current row");
      break;
    case BoundKind::kPreceding:
      f.Expr(b.value, kPrecUnary);
      f.Put(" preceding");
      break;
    case BoundKind::kFollowing:
      f.Expr(b.value, kPrecUnary);
      f.Put(" following");
      break;
  }
}
absl::string_view ExcludeText(FrameExclude e) {
  switch (e) {
    case FrameExclude::kCurrentRow:
      return " exclude current row";
    case FrameExclude::kGroup:
      return " exclude group";
    case FrameExclude::kTies:
      return " exclude ties";
    case FrameExclude::kNoOthers:
      return " exclude no others";
    default:
      return "";
  }
}
}  // namespace

void Formatter::Window(const WindowSpec& w) {
  Put("(");
  bool space = false;
  if (!w.base.empty()) Ident(w.base), space = true;
  if (w.partition_by.size > 0) {
    Put(space ? " partition by " : "partition by ");
    Exprs(w.partition_by);
    space = true;
  }
  if (w.order_by.size > 0) {
    Put(space ? " order by " : "order by ");
    OrderBy(w.order_by);
    space = true;
  }
  if (w.frame != nullptr) {
    if (space) Put(" ");
    const Frame& fr = *w.frame;
    Put(fr.unit == FrameUnit::kRows    ? "rows "
        : fr.unit == FrameUnit::kRange ? "range "
                                       : "groups ");
    if (fr.between) {
      Put("between ");
      Bound(*this, fr.start);
      Put(" and ");
      Bound(*this, fr.end);
    } else {
      Bound(*this, fr.start);
    }
    Put(ExcludeText(fr.exclude));
  }
  Put(")");
}

void Formatter::Type(const DataType& t) {
  PutLower(t.name);
  if (t.has_length) {
    Put("(");
    if (t.values.size > 0) {
      for (uint32_t i = 0; i < t.values.size; ++i) {
        if (i > 0) Put(", ");
        Literal(*t.values[i]);
      }
    } else {
      Put(t.length);
      if (!t.scale.empty()) Put(", "), Put(t.scale);
    }
    Put(")");
  }
  if (t.is_signed) Put(" signed");
  if (t.is_unsigned) Put(" unsigned");
  if (t.zerofill) Put(" zerofill");
  if (t.binary) Put(" binary");
  if (!t.charset.empty()) Put(" character set "), Ident(t.charset);
  if (!t.collate.empty()) Put(" collate "), Ident(t.collate);
}

}  // namespace tessera::sql
