#include "lib/router/session_vars.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "lib/base/mysql_error.h"
#include "lib/sql/format.h"
#include "lib/sql/parser.h"

namespace tessera::router {
namespace {

std::string Lower(std::string s) {
  absl::AsciiStrToLower(&s);
  return s;
}

// "@@session.sql_mode" / "@@sql_mode" / "sql_mode" → "sql_mode"; nullopt
// for a user variable.
std::optional<std::string> SystemName(std::string name) {
  name = Lower(std::move(name));
  for (absl::string_view prefix : {"@@session.", "@@local.", "@@"}) {
    if (absl::StartsWith(name, prefix)) return name.substr(prefix.size());
  }
  if (absl::StartsWith(name, "@")) return std::nullopt;
  for (absl::string_view prefix : {"session.", "local."}) {
    if (absl::StartsWith(name, prefix)) return name.substr(prefix.size());
  }
  return name;
}

std::string Unquote(absl::string_view v) {
  if (v.size() >= 2 && (v.front() == '\'' || v.front() == '"') &&
      v.back() == v.front()) {
    return std::string(v.substr(1, v.size() - 2));
  }
  return std::string(v);
}

// Whether setting sql_mode to `value` would change how SQL is read: the
// router parses every statement with its own options, so such a session
// would be read one way by the router and another by the shards.
bool ChangesHowSqlIsRead(const std::string& value) {
  std::string upper = absl::AsciiStrToUpper(value);
  // Named anywhere in the value (also inside an expression).
  for (absl::string_view mode : {"ANSI_QUOTES", "NO_BACKSLASH_ESCAPES",
                                 "PIPES_AS_CONCAT", "HIGH_NOT_PRECEDENCE"}) {
    if (absl::StrContains(upper, mode)) return true;
  }
  // A string literal: its combination modes too (ANSI, ORACLE, MSSQL, ...).
  if (Unquote(value).size() != value.size()) {
    sql::ParseOptions base;
    sql::ParseOptions mode = sql::ParseOptionsForSqlMode(Unquote(value), base);
    return mode.lex.ansi_quotes != base.lex.ansi_quotes ||
           mode.lex.no_backslash_escapes != base.lex.no_backslash_escapes ||
           mode.pipes_as_concat != base.pipes_as_concat ||
           mode.high_not_precedence != base.high_not_precedence;
  }
  return false;
}

absl::Status CheckValue(const std::string& name, const std::string& value) {
  if (name == "sql_mode" && ChangesHowSqlIsRead(value)) {
    return UnsupportedError(
        absl::StrCat("unsupported: sql_mode ", value,
                     " through the router (it changes how SQL is read)"));
  }
  if (absl::StartsWith(name, "character_set_") ||
      absl::StartsWith(name, "collation_")) {
    std::string v = Lower(Unquote(value));
    if (v == "null" || absl::StartsWith(v, "utf8")) return absl::OkStatus();
    return UnsupportedError(
        absl::StrCat("unsupported: ", name, " = ", value,
                     " (the router speaks utf8mb4 to clients and shards)"));
  }
  return absl::OkStatus();
}

absl::Status AnalyzeVar(const sql::ParsedStatement& stmt,
                        const sql::SetItem& item, SetEffects* out) {
  if (item.scope == sql::VarScope::kGlobal ||
      item.scope == sql::VarScope::kPersist ||
      item.scope == sql::VarScope::kPersistOnly) {
    return UnsupportedError(
        "unsupported: SET GLOBAL/PERSIST through the router (change the "
        "shards' configuration instead)");
  }
  std::string target, value;
  sql::FormatExpr(*item.target, stmt.sql(), {}, &target);
  sql::FormatExpr(*item.value, stmt.sql(), {}, &value);
  std::optional<std::string> name = SystemName(target);
  if (!name.has_value()) {
    return UnsupportedError(absl::StrCat(
        "unsupported: user variables through the router: ", target));
  }
  const std::string lower_value = Lower(value);
  if (*name == "autocommit") {
    if (lower_value == "1" || lower_value == "on" || lower_value == "true") {
      out->autocommit = true;
      return absl::OkStatus();
    }
    if (lower_value == "0" || lower_value == "off" || lower_value == "false") {
      out->autocommit = false;
      return absl::OkStatus();
    }
    return MysqlError(1231, "42000",
                      absl::StrCat("Variable 'autocommit' can't be set to the "
                                   "value of '",
                                   value, "'"));
  }
  absl::Status ok = CheckValue(*name, value);
  if (!ok.ok()) return ok;
  if (absl::StartsWith(*name, "character_set_") ||
      absl::StartsWith(*name, "collation_")) {
    return absl::OkStatus();  // utf8mb4 already, nothing to send
  }
  out->vars.emplace_back(*name, lower_value == "default" ? "default" : value);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<SetEffects> AnalyzeSet(const sql::ParsedStatement& stmt) {
  const auto* set = static_cast<const sql::SetStmt*>(stmt.root());
  if (set->inner != nullptr || set->role != nullptr) {
    return UnsupportedError(set->role != nullptr
                                ? "unsupported: SET ROLE through the router"
                                : "unsupported: SET STATEMENT ... FOR through "
                                  "the router");
  }
  SetEffects out;
  for (const sql::SetItem& item : set->items) {
    switch (item.kind) {
      case sql::SetItemKind::kNames:
      case sql::SetItemKind::kCharset: {
        std::string cs = Lower(std::string(item.charset.raw));
        if (!cs.empty() && cs != "default" && !absl::StartsWith(cs, "utf8")) {
          return UnsupportedError(absl::StrCat(
              "unsupported: character set ", cs,
              " (the router speaks utf8mb4 to clients and shards)"));
        }
        break;
      }
      case sql::SetItemKind::kTransaction: {
        if (item.scope == sql::VarScope::kGlobal) {
          return UnsupportedError(
              "unsupported: SET GLOBAL TRANSACTION through the router");
        }
        std::vector<std::string> words;
        for (uint32_t i = 0; i < item.tokens.size; ++i) {
          const sql::Token& t = item.tokens[i];
          words.push_back(Lower(std::string(stmt.sql().substr(t.pos, t.len))));
        }
        out.transaction = absl::StrJoin(words, " ");
        absl::StrReplaceAll({{" ,", ","}}, &*out.transaction);
        out.transaction_session = item.scope != sql::VarScope::kNone;
        break;
      }
      case sql::SetItemKind::kVar:
        if (item.target == nullptr || item.value == nullptr) {
          return UnsupportedError("unsupported: this SET through the router");
        }
        if (absl::Status s = AnalyzeVar(stmt, item, &out); !s.ok()) return s;
        break;
      case sql::SetItemKind::kPassword:
        return UnsupportedError("unsupported: SET PASSWORD through the router");
    }
  }
  return out;
}

void SessionVars::Apply(const SetEffects& effects) {
  for (const auto& [name, value] : effects.vars) {
    auto it = vars_.begin();
    while (it != vars_.end() && it->first != name) ++it;
    if (it != vars_.end()) vars_.erase(it);
    if (value != "default") vars_.emplace_back(name, value);
  }
  std::vector<std::string> parts;
  for (const auto& [name, value] : vars_) {
    parts.push_back(absl::StrCat(name, "=", value));
  }
  statement_vars_ = absl::StrJoin(parts, ", ");
  if (effects.transaction.has_value()) {
    (effects.transaction_session ? session_txn_ : next_txn_) =
        *effects.transaction;
  }
}

std::vector<std::string> SessionVars::TransactionStart(std::string start_sql) {
  std::vector<std::string> out;
  // A one-shot SET TRANSACTION wins over the session's characteristics.
  const std::string& chars = next_txn_.empty() ? session_txn_ : next_txn_;
  if (!chars.empty()) out.push_back(absl::StrCat("set transaction ", chars));
  next_txn_.clear();
  out.push_back(std::move(start_sql));
  return out;
}

}  // namespace tessera::router
