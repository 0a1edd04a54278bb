#include "tests/differential/corpus_reader.h"

#include <algorithm>
#include <cctype>
#include <fstream>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"

namespace tessera::difftest {
namespace {

absl::StatusOr<std::vector<std::string>> ReadLines(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

// The value after `-- <tag>:` when `line` is such a marker.
std::optional<std::string> Marker(absl::string_view line,
                                  absl::string_view tag) {
  absl::string_view rest = line;
  if (!absl::ConsumePrefix(&rest, "-- ") || !absl::ConsumePrefix(&rest, tag) ||
      !absl::ConsumePrefix(&rest, ":")) {
    return std::nullopt;
  }
  return std::string(absl::StripAsciiWhitespace(rest));
}

bool EndsStatement(absl::string_view line) {
  return absl::EndsWith(absl::StripTrailingAsciiWhitespace(line), ";");
}

bool IsComment(absl::string_view line) {
  return absl::StartsWith(absl::StripLeadingAsciiWhitespace(line), "--");
}

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}

}  // namespace

bool Statement::IsSelect() const {
  absl::string_view s = absl::StripLeadingAsciiWhitespace(sql);
  while (absl::ConsumePrefix(&s, "(")) s = absl::StripLeadingAsciiWhitespace(s);
  return absl::StartsWithIgnoreCase(s, "select") ||
         absl::StartsWithIgnoreCase(s, "with");
}

std::string CorpusPath(absl::string_view file) {
  return absl::StrCat("tests/differential/", file);
}

absl::StatusOr<std::vector<Section>> ReadSections(const std::string& path) {
  auto lines = ReadLines(path);
  if (!lines.ok()) return lines.status();
  std::vector<Section> out;
  std::string current;
  for (size_t i = 0; i < lines->size(); ++i) {
    const std::string& line = (*lines)[i];
    if (auto ks = Marker(line, "keyspace")) {
      out.push_back(Section{*ks, {}});
      continue;
    }
    if (absl::StripAsciiWhitespace(line).empty() ||
        (current.empty() && IsComment(line))) {
      continue;
    }
    if (out.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ":", i + 1, ": statement before any `-- keyspace:` line"));
    }
    absl::StrAppend(&current, current.empty() ? "" : "\n", line);
    if (EndsStatement(line)) {
      out.back().statements.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": last statement lacks ';'"));
  }
  return out;
}

absl::StatusOr<std::vector<Statement>> ReadStatements(const std::string& path) {
  auto lines = ReadLines(path);
  if (!lines.ok()) return lines.status();
  std::vector<Statement> out;
  std::string group;
  std::optional<int> expect;
  Statement current;
  for (size_t i = 0; i < lines->size(); ++i) {
    const std::string& line = (*lines)[i];
    if (auto g = Marker(line, "category")) {
      group = *g;
      continue;
    }
    if (auto g = Marker(line, "group")) {
      group = *g;
      continue;
    }
    if (auto e = Marker(line, "expect-error")) {
      int errno_value = 0;
      if (!absl::SimpleAtoi(*e, &errno_value)) {
        return absl::InvalidArgumentError(
            absl::StrCat(path, ":", i + 1, ": bad expect-error"));
      }
      expect = errno_value;
      continue;
    }
    if (absl::StripAsciiWhitespace(line).empty() || IsComment(line)) continue;
    if (current.sql.empty()) {
      current.line = static_cast<int>(i + 1);
      current.group = group;
      current.expect_error = expect;
      expect.reset();
    }
    absl::StrAppend(&current.sql, current.sql.empty() ? "" : " ",
                    absl::StripAsciiWhitespace(line));
    if (EndsStatement(line)) {
      absl::string_view sql = absl::StripTrailingAsciiWhitespace(current.sql);
      absl::ConsumeSuffix(&sql, ";");
      current.sql = std::string(absl::StripTrailingAsciiWhitespace(sql));
      out.push_back(std::move(current));
      current = Statement();
    }
  }
  if (!current.sql.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ":", current.line, ": statement lacks ';'"));
  }
  return out;
}

bool HasTopLevelOrderBy(absl::string_view sql) {
  int depth = 0;
  bool last_word_order = false;
  for (size_t i = 0; i < sql.size();) {
    char c = sql[i];
    if (c == '\'' || c == '"' || c == '`') {  // quoted text or identifier
      for (++i; i < sql.size() && sql[i] != c; ++i) {
        if (sql[i] == '\\' && c != '`') ++i;
      }
      ++i;
      last_word_order = false;
    } else if (c == '(' || c == ')') {
      depth += c == '(' ? 1 : -1;
      last_word_order = false;
      ++i;
    } else if (IsWordChar(c)) {
      size_t start = i;
      while (i < sql.size() && IsWordChar(sql[i])) ++i;
      absl::string_view word = sql.substr(start, i - start);
      if (depth == 0 && last_word_order && absl::EqualsIgnoreCase(word, "by")) {
        return true;
      }
      last_word_order = depth == 0 && absl::EqualsIgnoreCase(word, "order");
    } else {
      if (!std::isspace(static_cast<unsigned char>(c))) last_word_order = false;
      ++i;
    }
  }
  return false;
}

std::string FormatRows(const Rows& rows, size_t limit) {
  std::vector<std::string> shown;
  for (size_t i = 0; i < rows.size() && i < limit; ++i) {
    std::vector<std::string> cells;
    for (const auto& v : rows[i]) {
      cells.push_back(v ? absl::StrCat("'", *v, "'") : "NULL");
    }
    shown.push_back(absl::StrCat("(", absl::StrJoin(cells, ", "), ")"));
  }
  std::string out = absl::StrCat("[", absl::StrJoin(shown, ", "), "]");
  if (rows.size() > limit) absl::StrAppend(&out, " ... ", rows.size(), " rows");
  return out;
}

std::string CompareRows(const Statement& statement, const Rows& reference,
                        const Rows& subject) {
  if (HasTopLevelOrderBy(statement.sql)) {
    if (reference == subject) return "";
    return absl::StrCat("rows differ (ordered): reference ",
                        FormatRows(reference), ", subject ",
                        FormatRows(subject));
  }
  Rows a = reference, b = subject;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  if (a == b) return "";
  return absl::StrCat("rows differ (as multisets): reference ", FormatRows(a),
                      ", subject ", FormatRows(b));
}

}  // namespace tessera::difftest
