#include "lib/router/txn_statement.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/router/parse_options.h"
#include "lib/sql/lexer.h"

namespace tessera::router {
namespace {

// The statement's words: identifiers/keywords lower-cased, quoted
// identifiers unquoted; the trailing ';' dropped.
struct Words {
  std::vector<std::string> w;
  std::vector<bool> quoted;
};

Words ReadWords(const sql::ParsedStatement& stmt) {
  Words out;
  sql::LexResult lex;
  // The statement parsed already, so it lexes.
  if (!sql::Lex(stmt.sql(), RouterLexOptions(), &lex).ok()) return out;
  for (const sql::Token& t : lex.tokens) {
    if (t.kind == sql::Tok::kSemicolon || t.kind == sql::Tok::kEnd) continue;
    absl::string_view text = stmt.sql().substr(t.pos, t.len);
    if (t.kind == sql::Tok::kQuotedIdent && text.size() >= 2) {
      char q = text[0];
      std::string name;
      for (size_t k = 1; k + 1 < text.size(); ++k) {
        name.push_back(text[k]);
        if (text[k] == q && k + 2 < text.size() && text[k + 1] == q) ++k;
      }
      out.w.push_back(std::move(name));
      out.quoted.push_back(true);
    } else if (t.kind == sql::Tok::kComma) {
      out.w.push_back(",");
      out.quoted.push_back(false);
    } else {
      out.w.push_back(absl::AsciiStrToLower(text));
      out.quoted.push_back(false);
    }
  }
  return out;
}

absl::Status Syntax(const sql::ParsedStatement& stmt) {
  return ParseError(absl::StrCat("You have an error in your SQL syntax near '",
                                 stmt.sql().substr(0, 60), "'"));
}

// Parses "[WORK] [AND [NO] CHAIN] [[NO] RELEASE]" from words[i...].
absl::Status CheckCompletion(const sql::ParsedStatement& stmt, const Words& w,
                             size_t i) {
  if (i < w.w.size() && w.w[i] == "work") ++i;
  bool unsupported = false;
  if (i < w.w.size() && w.w[i] == "and") {
    ++i;
    bool no = i < w.w.size() && w.w[i] == "no";
    if (no) ++i;
    if (i >= w.w.size() || w.w[i] != "chain") return Syntax(stmt);
    ++i;
    unsupported |= !no;
  }
  if (i < w.w.size()) {
    bool no = w.w[i] == "no";
    if (no) ++i;
    if (i >= w.w.size() || w.w[i] != "release") return Syntax(stmt);
    ++i;
    unsupported |= !no;
  }
  if (i != w.w.size()) return Syntax(stmt);
  if (unsupported) {
    return UnsupportedError(
        "unsupported: AND CHAIN / RELEASE in COMMIT or ROLLBACK through the "
        "router");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> StartSql(const sql::ParsedStatement& stmt,
                                     const Words& w) {
  // BEGIN [WORK] | START TRANSACTION [characteristic [, ...]]
  if (w.w[0] == "begin") {
    if (w.w.size() == 1 || (w.w.size() == 2 && w.w[1] == "work")) {
      return std::string("start transaction");
    }
    return Syntax(stmt);
  }
  std::vector<std::string> parts;
  size_t i = 2;
  while (i < w.w.size()) {
    if (w.w[i] == "read" && i + 1 < w.w.size() &&
        (w.w[i + 1] == "only" || w.w[i + 1] == "write")) {
      parts.push_back("read " + w.w[i + 1]);
      i += 2;
    } else if (w.w[i] == "with" && i + 2 < w.w.size() &&
               w.w[i + 1] == "consistent" && w.w[i + 2] == "snapshot") {
      parts.push_back("with consistent snapshot");
      i += 3;
    } else {
      return Syntax(stmt);
    }
    if (i < w.w.size()) {
      if (w.w[i] != ",") return Syntax(stmt);
      ++i;
      if (i == w.w.size()) return Syntax(stmt);
    }
  }
  if (parts.empty()) return std::string("start transaction");
  return absl::StrCat("start transaction ", absl::StrJoin(parts, ", "));
}

// "SAVEPOINT x" / "RELEASE SAVEPOINT x" / "ROLLBACK [WORK] TO [SAVEPOINT] x":
// the name at w[i], which must be the last word.
absl::StatusOr<std::string> SavepointName(const sql::ParsedStatement& stmt,
                                          const Words& w, size_t i) {
  if (i + 1 != w.w.size() || w.w[i] == ",") return Syntax(stmt);
  // Unquoted names are case-insensitive; keep what the client wrote
  // for quoted ones, lower-case otherwise (as ReadWords did).
  return w.w[i];
}

}  // namespace

absl::StatusOr<TxnStatement> ParseTxnStatement(
    const sql::ParsedStatement& stmt) {
  Words w = ReadWords(stmt);
  if (w.w.empty()) return Syntax(stmt);
  TxnStatement out;
  const sql::StmtKind kind = stmt.kind();
  if (kind == sql::StmtKind::kBegin) {
    out.kind = TxnStatement::Kind::kBegin;
    TESSERA_ASSIGN_OR_RETURN(out.start_sql, StartSql(stmt, w));
    return out;
  }
  if (kind == sql::StmtKind::kCommit) {
    out.kind = TxnStatement::Kind::kCommit;
    TESSERA_RETURN_IF_ERROR(CheckCompletion(stmt, w, 1));
    return out;
  }
  if (kind == sql::StmtKind::kRollback) {
    size_t i = 1;
    if (i < w.w.size() && w.w[i] == "work") ++i;
    if (i < w.w.size() && w.w[i] == "to") {
      ++i;
      if (i + 1 < w.w.size() && w.w[i] == "savepoint") ++i;
      out.kind = TxnStatement::Kind::kRollbackToSavepoint;
      TESSERA_ASSIGN_OR_RETURN(out.savepoint, SavepointName(stmt, w, i));
      return out;
    }
    out.kind = TxnStatement::Kind::kRollback;
    TESSERA_RETURN_IF_ERROR(CheckCompletion(stmt, w, 1));
    return out;
  }
  if (kind == sql::StmtKind::kSavepoint) {
    out.kind = TxnStatement::Kind::kSavepoint;
    TESSERA_ASSIGN_OR_RETURN(out.savepoint, SavepointName(stmt, w, 1));
    return out;
  }
  if (kind == sql::StmtKind::kReleaseSavepoint) {
    if (w.w.size() < 2 || w.w[1] != "savepoint") return Syntax(stmt);
    out.kind = TxnStatement::Kind::kReleaseSavepoint;
    TESSERA_ASSIGN_OR_RETURN(out.savepoint, SavepointName(stmt, w, 2));
    return out;
  }
  return Syntax(stmt);
}

}  // namespace tessera::router
