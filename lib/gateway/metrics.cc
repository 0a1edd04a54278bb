#include "lib/gateway/metrics.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace tessera::gateway {
namespace {

constexpr absl::string_view kCommandNames[] = {"query", "prepare", "execute"};

int CommandIndex(mysql::Command c) {
  switch (c) {
    case mysql::Command::kStmtPrepare:
      return 1;
    case mysql::Command::kStmtExecute:
      return 2;
    default:
      return 0;
  }
}

// The first word of `sql`, after whitespace, comments and '('.
absl::string_view FirstWord(absl::string_view sql) {
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (absl::ascii_isspace(static_cast<unsigned char>(c)) || c == '(') {
      ++i;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      size_t end = sql.find("*/", i + 2);
      i = end == absl::string_view::npos ? sql.size() : end + 2;
    } else if (c == '#' ||
               (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-')) {
      size_t nl = sql.find('\n', i);
      i = nl == absl::string_view::npos ? sql.size() : nl + 1;
    } else {
      break;
    }
  }
  size_t j = i;
  while (j < sql.size() &&
         (absl::ascii_isalpha(static_cast<unsigned char>(sql[j])) ||
          sql[j] == '_')) {
    ++j;
  }
  return sql.substr(i, j - i);
}

void AppendHeader(std::string* out, absl::string_view name,
                  absl::string_view type, absl::string_view help) {
  absl::StrAppend(out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ", type,
                  "\n");
}

void AppendValue(std::string* out, absl::string_view name,
                 absl::string_view type, absl::string_view help, double value) {
  AppendHeader(out, name, type, help);
  absl::StrAppend(out, name, " ", value, "\n");
}

}  // namespace

StatementType ClassifyStatement(absl::string_view sql) {
  struct Entry {
    absl::string_view word;
    StatementType type;
  };
  static constexpr Entry kWords[] = {
      {"select", StatementType::kSelect},
      {"with", StatementType::kSelect},
      {"insert", StatementType::kInsert},
      {"update", StatementType::kUpdate},
      {"delete", StatementType::kDelete},
      {"replace", StatementType::kReplace},
      {"set", StatementType::kSet},
      {"show", StatementType::kShow},
      {"use", StatementType::kUse},
      {"begin", StatementType::kBegin},
      {"start", StatementType::kBegin},
      {"commit", StatementType::kCommit},
      {"rollback", StatementType::kRollback},
      {"create", StatementType::kDdl},
      {"alter", StatementType::kDdl},
      {"drop", StatementType::kDdl},
      {"truncate", StatementType::kDdl},
      {"rename", StatementType::kDdl},
      {"call", StatementType::kCall},
      {"explain", StatementType::kExplain},
      {"describe", StatementType::kExplain},
      {"desc", StatementType::kExplain},
  };
  absl::string_view word = FirstWord(sql);
  for (const Entry& e : kWords) {
    if (absl::EqualsIgnoreCase(word, e.word)) return e.type;
  }
  return StatementType::kOther;
}

absl::string_view StatementTypeName(StatementType type) {
  static constexpr absl::string_view kNames[] = {
      "select",   "insert", "update", "delete",  "replace",
      "set",      "show",   "use",    "begin",   "commit",
      "rollback", "ddl",    "call",   "explain", "other"};
  int i = static_cast<int>(type);
  return i < static_cast<int>(StatementType::kCount) ? kNames[i] : "other";
}

void Metrics::OnCommand(const mysql::CommandEvent& e) {
  int type = static_cast<int>(ClassifyStatement(e.sql));
  bool failed = e.error_code != 0;
  queries_[CommandIndex(e.command)][type][failed ? 1 : 0].fetch_add(
      1, std::memory_order_relaxed);
  rows_.fetch_add(e.rows, std::memory_order_relaxed);
  affected_rows_.fetch_add(e.affected_rows, std::memory_order_relaxed);
  if (e.command != mysql::Command::kStmtPrepare) {
    double seconds = absl::ToDoubleSeconds(e.elapsed);
    size_t b = 0;
    while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
    Histogram& h = latency_[type];
    h.buckets[b].fetch_add(1, std::memory_order_relaxed);
    h.sum_micros.fetch_add(absl::ToInt64Microseconds(e.elapsed),
                           std::memory_order_relaxed);
  }
  if (failed) {
    absl::MutexLock lock(&mu_);
    ++errors_[e.error_code];
  }
}

void Metrics::RenderQueries(std::string* out) const {
  AppendHeader(out, "tessera_gateway_queries_total", "counter",
               "Statements by protocol command, statement type and result.");
  for (int c = 0; c < kCommands; ++c) {
    for (int t = 0; t < kTypes; ++t) {
      for (int r = 0; r < 2; ++r) {
        uint64_t n = queries_[c][t][r].load(std::memory_order_relaxed);
        if (n == 0) continue;
        absl::StrAppend(
            out, "tessera_gateway_queries_total{command=\"", kCommandNames[c],
            "\",type=\"", StatementTypeName(static_cast<StatementType>(t)),
            "\",result=\"", r == 0 ? "ok" : "error", "\"} ", n, "\n");
      }
    }
  }
}

void Metrics::RenderHistograms(std::string* out) const {
  AppendHeader(out, "tessera_gateway_query_duration_seconds", "histogram",
               "Time from receiving a query or execute command to having "
               "its answer ready, by statement type.");
  for (int t = 0; t < kTypes; ++t) {
    const Histogram& h = latency_[t];
    uint64_t counts[kBuckets.size() + 1];
    uint64_t total = 0;
    for (size_t b = 0; b <= kBuckets.size(); ++b) {
      counts[b] = h.buckets[b].load(std::memory_order_relaxed);
      total += counts[b];
    }
    if (total == 0) continue;
    absl::string_view name = StatementTypeName(static_cast<StatementType>(t));
    uint64_t cumulative = 0;
    for (size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += counts[b];
      std::string le = b < kBuckets.size() ? absl::StrCat(kBuckets[b]) : "+Inf";
      absl::StrAppend(out,
                      "tessera_gateway_query_duration_seconds_bucket{type=\"",
                      name, "\",le=\"", le, "\"} ", cumulative, "\n");
    }
    absl::StrAppendFormat(
        out,
        "tessera_gateway_query_duration_seconds_sum{type=\"%s\"} %.6f\n"
        "tessera_gateway_query_duration_seconds_count{type=\"%s\"} %d\n",
        name, h.sum_micros.load(std::memory_order_relaxed) / 1e6, name, total);
  }
}

std::string Metrics::Render(const mysql::ServerStats& s) const {
  std::string out;
  AppendValue(&out, "tessera_gateway_connections_open", "gauge",
              "Client connections open now.", s.connections_open);
  AppendValue(&out, "tessera_gateway_connections_accepted_total", "counter",
              "Client connections accepted.", s.connections_accepted);
  AppendValue(&out, "tessera_gateway_connections_refused_total", "counter",
              "Client connections refused (max connections).",
              s.connections_refused);
  AppendValue(&out, "tessera_gateway_login_failures_total", "counter",
              "Failed logins.", s.login_failures);
  AppendValue(&out, "tessera_gateway_commands_total", "counter",
              "Protocol commands received.", s.commands);
  AppendValue(&out, "tessera_gateway_killed_total", "counter",
              "KILL statements that acted.", s.killed);
  AppendValue(&out, "tessera_gateway_query_timeouts_total", "counter",
              "Statements cancelled by the query timeout.", s.timed_out);
  AppendValue(&out, "tessera_gateway_draining", "gauge",
              "1 while shutting down.", s.draining ? 1 : 0);
  AppendValue(&out, "tessera_gateway_rows_returned_total", "counter",
              "Rows sent to clients.", rows_.load(std::memory_order_relaxed));
  AppendValue(&out, "tessera_gateway_rows_affected_total", "counter",
              "Rows changed by DML.",
              affected_rows_.load(std::memory_order_relaxed));
  RenderQueries(&out);
  RenderHistograms(&out);
  AppendHeader(&out, "tessera_gateway_errors_total", "counter",
               "Statements that failed, by MySQL errno.");
  absl::MutexLock lock(&mu_);
  for (const auto& [code, n] : errors_) {
    absl::StrAppend(&out, "tessera_gateway_errors_total{errno=\"", code, "\"} ",
                    n, "\n");
  }
  return out;
}

}  // namespace tessera::gateway
