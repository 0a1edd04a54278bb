// Typed DO, CALL, SIGNAL/RESIGNAL and GET DIAGNOSTICS.
#include <string>

#include "absl/strings/ascii.h"
#include "lib/sql/parse_ext.h"

namespace tessera::sql {
namespace {

// The condition information items of SIGNAL/RESIGNAL SET and GET
// DIAGNOSTICS CONDITION, and the statement items of GET DIAGNOSTICS.
constexpr absl::string_view kConditionItems[] = {
    "class_origin",      "subclass_origin",    "message_text",
    "mysql_errno",       "constraint_catalog", "constraint_schema",
    "constraint_name",   "catalog_name",       "schema_name",
    "table_name",        "column_name",        "cursor_name",
    "returned_sqlstate", "row_number"};
constexpr absl::string_view kStatementItems[] = {"number", "row_count"};

template <size_t N>
bool ParseItemName(Parser& p, const absl::string_view (&names)[N],
                   absl::string_view* out) {
  for (absl::string_view n : names) {
    if (p.IsWord(n)) {
      p.Next();
      *out = n;
      return true;
    }
  }
  return p.Fail();
}

// A simple value: literal, @var, ?, local variable, -n.
Expr* ParseSimpleValue(Parser& p) { return p.ParseUnary(); }

// A target: @var or a local variable.
Expr* ParseTarget(Parser& p) {
  if (p.Is(Tok::kUserVar)) {
    auto* v = p.New<Var>();
    v->text = p.Text(p.Next());
    return v;
  }
  if (!p.IsIdent()) return p.Fail(), nullptr;
  auto* c = p.New<Column>();
  p.ParseIdent(&c->name);
  return c;
}

}  // namespace

Stmt* ParseDo(Parser& p) {
  p.Next();  // DO
  auto* s = p.New<DoStmt>();
  if (!p.ParseExprList(&s->exprs)) return nullptr;
  return s;
}

Stmt* ParseCall(Parser& p) {
  p.Next();  // CALL
  auto* s = p.New<CallStmt>();
  if (!p.ParseTableName(&s->proc)) return nullptr;
  s->table = s->proc;
  if (p.Accept(Tok::kLParen)) {
    s->parens = true;
    if (!p.Is(Tok::kRParen) && !p.ParseExprList(&s->args)) return nullptr;
    if (!p.Expect(Tok::kRParen)) return nullptr;
  }
  return s;
}

Stmt* ParseSignal(Parser& p) {
  auto* s = p.New<SignalStmt>();
  s->resignal = p.Next().kw == KW_RESIGNAL;
  if (p.IsWord("sqlstate")) {
    p.Next();
    s->value_keyword = p.AcceptWord("value");
    if (!p.Is(Tok::kString)) return p.Fail(), nullptr;
    s->sqlstate = p.ParseLiteral();
    if (s->sqlstate == nullptr) return nullptr;
  } else if (p.IsIdent() && !p.IsKw(KW_SET)) {
    p.ParseIdent(&s->condition);
  } else if (!s->resignal) {
    return p.Fail(), nullptr;
  }
  if (p.AcceptKw(KW_SET)) {
    Vec<DiagItem> items;
    do {
      DiagItem it;
      if (!ParseItemName(p, kConditionItems, &it.name) || !p.Expect(Tok::kEq)) {
        return nullptr;
      }
      it.value = ParseSimpleValue(p);
      if (it.value == nullptr) return nullptr;
      items.push_back(it);
    } while (p.Accept(Tok::kComma));
    s->items = p.ToList(items);
  }
  return s;
}

Stmt* ParseGetDiagnostics(Parser& p) {
  p.Next();  // GET
  auto* s = p.New<GetDiagnosticsStmt>();
  if (p.IsWord("current") || p.IsWord("stacked")) {
    s->area = p.IsWord("current") ? "current" : "stacked";
    p.Next();
  }
  if (!p.AcceptWord("diagnostics")) return p.Fail(), nullptr;
  bool condition = false;
  if (p.IsKw(KW_CONDITION)) {
    p.Next();
    condition = true;
    s->condition = ParseSimpleValue(p);
    if (s->condition == nullptr) return nullptr;
  }
  Vec<DiagItem> items;
  do {
    DiagItem it;
    it.value = ParseTarget(p);
    if (it.value == nullptr || !p.Expect(Tok::kEq)) return nullptr;
    bool ok = condition ? ParseItemName(p, kConditionItems, &it.name)
                        : ParseItemName(p, kStatementItems, &it.name);
    if (!ok) return nullptr;
    items.push_back(it);
  } while (p.Accept(Tok::kComma));
  s->items = p.ToList(items);
  return s;
}

}  // namespace tessera::sql
