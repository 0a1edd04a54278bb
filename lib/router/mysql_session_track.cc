#include "lib/router/mysql_session_track.h"

#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "lib/router/parse_options.h"
#include "lib/sql/ast_stmt.h"
#include "lib/sql/classify.h"
#include "lib/sql/format.h"

namespace tessera::router {
namespace {

// "@@session.sql_mode" / "@@sql_mode" / "session.sql_mode" → "sql_mode";
// nullopt for a user variable.
std::optional<std::string> SystemName(std::string name) {
  absl::AsciiStrToLower(&name);
  for (absl::string_view prefix :
       {"@@session.", "@@local.", "@@", "session.", "local."}) {
    if (absl::StartsWith(name, prefix)) return name.substr(prefix.size());
  }
  if (absl::StartsWith(name, "@")) return std::nullopt;
  return name;
}

// The text of a quoted SQL string literal without its quotes and escapes.
std::string Unquote(absl::string_view text) {
  if (text.size() < 2) return std::string(text);
  const char q = text.front();
  text = text.substr(1, text.size() - 2);
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((text[i] == '\\' || text[i] == q) && i + 1 < text.size()) ++i;
    out.push_back(text[i]);
  }
  return out;
}

// The value a `SET name = value` gives, when it is a literal.
std::optional<std::string> LiteralValue(const sql::Expr& e,
                                        absl::string_view sql) {
  if (e.kind == sql::ExprKind::kLiteral) {
    const auto& lit = static_cast<const sql::Literal&>(e);
    if (lit.lit == sql::LitKind::kString && lit.more.empty()) {
      return Unquote(lit.text);
    }
    if (lit.lit == sql::LitKind::kInt || lit.lit == sql::LitKind::kDecimal) {
      return std::string(lit.text);
    }
    return std::nullopt;
  }
  if (e.kind == sql::ExprKind::kColumn) {  // ON, OFF, SYSTEM, utf8mb4 ...
    const auto& col = static_cast<const sql::Column&>(e);
    if (col.db.empty() && col.table.empty()) return std::string(col.name.raw);
    return std::nullopt;
  }
  if (e.kind == sql::ExprKind::kUnary) {  // -1
    std::string text;
    sql::FormatExpr(e, sql, {}, &text);
    return text;
  }
  return std::nullopt;
}

std::string CharsetName(absl::string_view raw) {
  std::string cs(raw);
  absl::AsciiStrToLower(&cs);
  if (cs.empty() || cs == "default") return "utf8mb4";
  if (cs == "utf8") return "utf8mb3";
  return cs;
}

void TrackVar(const sql::SetItem& item, absl::string_view sql,
              mysql::SessionStateChanges* out) {
  if (item.target == nullptr || item.value == nullptr) return;
  std::string target;
  sql::FormatExpr(*item.target, sql, {}, &target);
  std::optional<std::string> name = SystemName(std::move(target));
  if (!name.has_value()) return;
  std::optional<std::string> value = LiteralValue(*item.value, sql);
  if (!value.has_value()) return;
  std::string lower = absl::AsciiStrToLower(*value);
  if (lower == "default") return;
  if (*name == "autocommit") {
    value = (lower == "1" || lower == "on" || lower == "true") ? "ON" : "OFF";
  } else if (*name == "sql_mode") {
    absl::AsciiStrToUpper(&*value);
  } else if (absl::StartsWith(*name, "character_set_") ||
             absl::StartsWith(*name, "collation_")) {
    value =
        absl::StartsWith(*name, "character_set_") ? CharsetName(lower) : lower;
  }
  out->SetVariable(*name, *value);
}

// Cheap pre-check (every statement of a tracking client passes here): false
// when `sql` certainly is not a SET statement, so only SETs and statements
// starting with a comment or parenthesis are lexed.
bool MaybeSet(absl::string_view sql) {
  sql = absl::StripLeadingAsciiWhitespace(sql);
  if (sql.empty()) return false;
  const char c = sql.front();
  if (c == '/' || c == '-' || c == '#' || c == '(') return true;
  if (sql.size() < 4 || !absl::EqualsIgnoreCase(sql.substr(0, 3), "set")) {
    return false;
  }
  const char next = sql[3];
  return !(absl::ascii_isalnum(static_cast<unsigned char>(next)) ||
           next == '_' || next == '$');
}

}  // namespace

void TrackSet(const sql::ParsedStatement& stmt,
              mysql::SessionStateChanges* out) {
  if (stmt.kind() != sql::StmtKind::kSet) return;
  const auto* set = static_cast<const sql::SetStmt*>(stmt.root());
  for (const sql::SetItem& item : set->items) {
    switch (item.kind) {
      // As MariaDB reports them: the three character sets, not the
      // collation they imply.
      case sql::SetItemKind::kNames: {
        const std::string cs = CharsetName(item.charset.raw);
        out->SetVariable("character_set_client", cs);
        out->SetVariable("character_set_connection", cs);
        out->SetVariable("character_set_results", cs);
        break;
      }
      case sql::SetItemKind::kCharset: {
        const std::string cs = CharsetName(item.charset.raw);
        out->SetVariable("character_set_client", cs);
        out->SetVariable("character_set_results", cs);
        // The connection character set becomes the database's (utf8mb4
        // through the router).
        out->SetVariable("character_set_connection", "utf8mb4");
        break;
      }
      case sql::SetItemKind::kVar:
        TrackVar(item, stmt.sql(), out);
        break;
      default:
        break;
    }
  }
  out->state_changed = true;
}

void TrackStatement(absl::string_view sql, mysql::SessionStateChanges* out) {
  if (!MaybeSet(sql) || sql::Classify(sql) != sql::StmtKind::kSet) return;
  auto stmt = sql::Parse(sql, RouterParseOptions());
  if (!stmt.ok()) return;
  TrackSet(*stmt, out);
}

}  // namespace tessera::router
