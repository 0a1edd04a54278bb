// Small helpers for building and rewriting arena AST nodes while planning.
#ifndef TESSERA_LIB_PLANNER_AST_UTIL_H_
#define TESSERA_LIB_PLANNER_AST_UTIL_H_

#include <cstring>
#include <string>

#include "absl/strings/string_view.h"
#include "lib/sql/arena.h"
#include "lib/sql/ast.h"
#include "lib/sql/format.h"

namespace tessera::planner {

// A copy of `s` that lives as long as `arena`.
inline absl::string_view ArenaString(sql::Arena& arena, absl::string_view s) {
  char* p = static_cast<char*>(arena.Allocate(s.size() + 1, 1));
  std::memcpy(p, s.data(), s.size());
  p[s.size()] = 0;
  return absl::string_view(p, s.size());
}

template <typename T>
void Append(sql::Arena& arena, sql::List<T>& list, T item) {
  T* data = arena.NewArray<T>(list.size + 1);
  for (uint32_t i = 0; i < list.size; ++i) data[i] = list.data[i];
  data[list.size] = item;
  list.data = data;
  ++list.size;
}

inline sql::Param* NewParam(sql::Arena& arena, absl::string_view text) {
  auto* p = arena.New<sql::Param>();
  p->text = ArenaString(arena, text);
  return p;
}

inline sql::FuncCall* NewFunc(sql::Arena& arena, absl::string_view name,
                              sql::Expr* arg) {
  auto* f = arena.New<sql::FuncCall>();
  f->name = ArenaString(arena, name);
  if (arg != nullptr) Append(arena, f->args, arg);
  return f;
}

// Canonical SQL text of an expression (for matching and naming columns).
inline std::string ExprText(const sql::Expr& e, absl::string_view sql_text) {
  std::string out;
  sql::FormatExpr(e, sql_text, {}, &out);
  return out;
}

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_AST_UTIL_H_
