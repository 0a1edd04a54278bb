// Formatting of the typed DO, CALL, SIGNAL/RESIGNAL and GET DIAGNOSTICS.
#include "lib/sql/formatter_internal.h"

namespace tessera::sql {
namespace {

void Items(Formatter& f, const List<DiagItem>& items, bool target_first) {
  for (uint32_t i = 0; i < items.size; ++i) {
    if (i > 0) f.Put(", ");
    if (target_first) {
      f.Expr(items[i].value);
      f.Put(" = ");
      f.Put(items[i].name);
    } else {
      f.Put(items[i].name);
      f.Put(" = ");
      f.Expr(items[i].value);
    }
  }
}

}  // namespace

bool Formatter::DmlOther(const OtherStmt& s) {
  switch (s.kind) {
    case StmtKind::kDo:
      Put("do ");
      Exprs(static_cast<const DoStmt&>(s).exprs);
      return true;
    case StmtKind::kCall: {
      const auto& c = static_cast<const CallStmt&>(s);
      Put("call ");
      Name(c.proc);
      if (c.parens) Put("("), Exprs(c.args), Put(")");
      return true;
    }
    case StmtKind::kSignal: {
      const auto& g = static_cast<const SignalStmt&>(s);
      Put(g.resignal ? "resignal" : "signal");
      if (g.sqlstate != nullptr) {
        Put(g.value_keyword ? " sqlstate value " : " sqlstate ");
        Literal(*g.sqlstate);
      } else if (!g.condition.empty()) {
        Put(" ");
        Ident(g.condition);
      }
      if (g.items.size > 0) Put(" set "), Items(*this, g.items, false);
      return true;
    }
    case StmtKind::kGet: {
      const auto& g = static_cast<const GetDiagnosticsStmt&>(s);
      Put("get ");
      if (!g.area.empty()) Put(g.area), Put(" ");
      Put("diagnostics ");
      if (g.condition != nullptr) {
        Put("condition ");
        Expr(g.condition);
        Put(" ");
      }
      Items(*this, g.items, true);
      return true;
    }
    default:
      return false;
  }
}

}  // namespace tessera::sql
