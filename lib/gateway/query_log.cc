#include "lib/gateway/query_log.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/sql/lexer.h"

namespace tessera::gateway {
namespace {

constexpr size_t kMaxShownSql = 2000;

bool IsLiteral(sql::Tok kind) {
  switch (kind) {
    case sql::Tok::kString:
    case sql::Tok::kNString:
    case sql::Tok::kInt:
    case sql::Tok::kDecimal:
    case sql::Tok::kFloat:
    case sql::Tok::kHexNum:
    case sql::Tok::kHexString:
    case sql::Tok::kBitNum:
    case sql::Tok::kBitString:
      return true;
    default:
      return false;
  }
}

absl::string_view CommandName(mysql::Command c) {
  switch (c) {
    case mysql::Command::kStmtPrepare:
      return "prepare";
    case mysql::Command::kStmtExecute:
      return "execute";
    default:
      return "query";
  }
}

}  // namespace

std::string RedactSql(absl::string_view sql) {
  sql::LexResult lex;
  if (!sql::Lex(sql, {}, &lex).ok()) {
    return absl::StrCat("<", sql.size(), " bytes the lexer cannot read>");
  }
  std::string out;
  for (const sql::Token& t : lex.tokens) {
    if (t.kind == sql::Tok::kEnd) break;
    if (!out.empty()) out.push_back(' ');
    if (IsLiteral(t.kind)) {
      out.push_back('?');
    } else {
      absl::StrAppend(&out, sql.substr(t.pos, t.len));
    }
    if (out.size() > kMaxShownSql) {
      out.resize(kMaxShownSql);
      out += " ...";
      break;
    }
  }
  return out;
}

std::string HtmlEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

QueryLog::QueryLog(absl::Duration threshold, size_t capacity, bool redact)
    : threshold_(threshold), capacity_(capacity), redact_(redact) {}

void QueryLog::OnCommand(const mysql::CommandEvent& e) {
  if (e.elapsed < threshold_ || capacity_ == 0) return;
  SlowQuery q;
  q.when = absl::Now();
  q.elapsed = e.elapsed;
  q.connection_id = e.connection_id;
  q.user = std::string(e.user);
  q.command = std::string(CommandName(e.command));
  q.sql =
      redact_ ? RedactSql(e.sql) : std::string(e.sql.substr(0, kMaxShownSql));
  q.error_code = e.error_code;
  q.rows = e.rows;
  absl::MutexLock lock(&mu_);
  entries_.push_front(std::move(q));
  while (entries_.size() > capacity_) entries_.pop_back();
}

std::vector<SlowQuery> QueryLog::Recent() const {
  absl::MutexLock lock(&mu_);
  return std::vector<SlowQuery>(entries_.begin(), entries_.end());
}

std::string QueryLog::RenderHtml() const {
  std::string out = absl::StrCat(
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
      "<title>queryz</title></head><body>\n<h1>Slow queries</h1>\n<p>At "
      "least ",
      HtmlEscape(absl::FormatDuration(threshold_)), ", newest first, last ",
      capacity_, (redact_ ? "; literals redacted" : ""),
      ".</p>\n<table border=\"1\">\n<tr><th>finished</th><th>ms</th>"
      "<th>conn</th><th>user</th><th>command</th><th>errno</th>"
      "<th>rows</th><th>statement</th></tr>\n");
  for (const SlowQuery& q : Recent()) {
    absl::StrAppendFormat(
        &out,
        "<tr><td>%s</td><td>%.3f</td><td>%d</td><td>%s</td><td>%s</td>"
        "<td>%d</td><td>%d</td><td><code>%s</code></td></tr>\n",
        HtmlEscape(absl::FormatTime("%Y-%m-%d %H:%M:%E3S", q.when,
                                    absl::UTCTimeZone())),
        absl::ToDoubleMilliseconds(q.elapsed), q.connection_id,
        HtmlEscape(q.user), HtmlEscape(q.command), q.error_code, q.rows,
        HtmlEscape(q.sql));
  }
  out += "</table>\n</body></html>\n";
  return out;
}

}  // namespace tessera::gateway
