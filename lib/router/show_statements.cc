#include "lib/router/show_statements.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"

namespace tessera::router {

Field TextField(std::string name) {
  Field f;
  f.name = std::move(name);
  f.type = FieldType::kVarString;
  f.charset = 45;
  return f;
}

namespace {

absl::string_view TokenText(const sql::ParsedStatement& stmt,
                            const sql::Token& t) {
  return stmt.sql().substr(t.pos, t.len);
}

}  // namespace

absl::StatusOr<bool> IsShowKeyspaces(const sql::ParsedStatement& stmt) {
  if (!stmt.root()->opaque) return false;
  const auto& tokens = static_cast<const sql::OtherStmt*>(stmt.root())->tokens;
  if (tokens.size < 2) return false;
  absl::string_view what = TokenText(stmt, tokens[1]);
  if (!absl::EqualsIgnoreCase(what, "databases") &&
      !absl::EqualsIgnoreCase(what, "schemas") &&
      !absl::EqualsIgnoreCase(what, "keyspaces")) {
    return false;
  }
  for (uint32_t i = 2; i < tokens.size; ++i) {
    if (tokens[i].kind != sql::Tok::kSemicolon) {
      return UnsupportedError("unsupported: SHOW DATABASES with LIKE or WHERE");
    }
  }
  return true;
}

std::optional<Result> ShowWarnings(const sql::ParsedStatement& stmt,
                                   uint16_t count,
                                   const std::vector<Warning>& text) {
  if (!stmt.root()->opaque) return std::nullopt;
  const auto& tokens = static_cast<const sql::OtherStmt*>(stmt.root())->tokens;
  std::vector<std::string> words;
  for (uint32_t i = 1; i < tokens.size; ++i) {
    if (tokens[i].kind == sql::Tok::kSemicolon) continue;
    words.push_back(absl::AsciiStrToLower(TokenText(stmt, tokens[i])));
  }
  auto is = [&](std::initializer_list<const char*> want) {
    if (words.size() != want.size()) return false;
    size_t i = 0;
    for (const char* w : want) {
      if (words[i++] != w) return false;
    }
    return true;
  };
  const bool errors = is({"errors"}) || is({"count", "(", "*", ")", "errors"});
  const bool warnings =
      is({"warnings"}) || is({"count", "(", "*", ")", "warnings"});
  if (!errors && !warnings) return std::nullopt;
  Result r;
  if (words.size() > 1) {
    r.fields.push_back(TextField(errors ? "@@session.error_count"
                                        : "@@session.warning_count"));
    r.rows.push_back({Value::Text(errors ? "0" : std::to_string(count))});
    return r;
  }
  r.fields = {TextField("Level"), TextField("Code"), TextField("Message")};
  if (warnings && !text.empty()) {
    for (const Warning& w : text) {
      r.rows.push_back({Value::Text(w.level),
                        Value::Text(std::to_string(w.code)),
                        Value::Text(w.message)});
    }
  } else if (warnings && count > 0) {
    r.rows.push_back(
        {Value::Text("Warning"), Value::Text("1105"),
         Value::Text(absl::StrCat(count,
                                  " warning(s) from the shards; the router "
                                  "does not collect their text yet"))});
  }
  return r;
}

Result ShowKeyspaces(const vschema::VSchema& vschema) {
  Result r;
  r.fields.push_back(TextField("Database"));
  for (const auto& [name, ks] : vschema.keyspaces()) {
    r.rows.push_back({Value::Text(name)});
  }
  return r;
}

}  // namespace tessera::router
