#include "lib/router/next_values.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"

namespace tessera::router {
namespace {

std::string Unquote(absl::string_view s) {
  if (s.size() >= 2 && s.front() == '`' && s.back() == '`') {
    return std::string(s.substr(1, s.size() - 2));
  }
  return std::string(s);
}

}  // namespace

absl::StatusOr<std::optional<NextValuesQuery>> ParseNextValues(
    absl::string_view sql) {
  absl::string_view text = absl::StripAsciiWhitespace(sql);
  // Every statement comes here: reject all but "select next ..." before
  // splitting the text into words.
  if (text.size() < 12 ||
      !absl::EqualsIgnoreCase(text.substr(0, 6), "select")) {
    return std::nullopt;
  }
  absl::string_view after = absl::StripLeadingAsciiWhitespace(text.substr(6));
  if (after.size() == text.size() - 6 || after.size() < 4 ||
      !absl::EqualsIgnoreCase(after.substr(0, 4), "next")) {
    return std::nullopt;
  }
  if (absl::EndsWith(text, ";")) {
    text = absl::StripAsciiWhitespace(text.substr(0, text.size() - 1));
  }
  std::vector<absl::string_view> words =
      absl::StrSplit(text, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty());
  if (words.size() < 5 || !absl::EqualsIgnoreCase(words[0], "select") ||
      !absl::EqualsIgnoreCase(words[1], "next")) {
    return std::nullopt;
  }
  NextValuesQuery q;
  size_t at = 2;
  if (absl::EqualsIgnoreCase(words[2], "value")) {
    at = 3;
  } else if (words.size() == 6 && absl::EqualsIgnoreCase(words[3], "values")) {
    if (!absl::SimpleAtoi(words[2], &q.count) || q.count < 1) {
      return MysqlError(
          er::kWrongArguments, "HY000",
          absl::StrCat("NEXT n VALUES: bad count '", words[2], "'"));
    }
    at = 4;
  } else {
    return std::nullopt;
  }
  if (words.size() != at + 2 || !absl::EqualsIgnoreCase(words[at], "from")) {
    return std::nullopt;
  }
  std::vector<absl::string_view> parts = absl::StrSplit(words[at + 1], '.');
  if (parts.size() > 2 || parts.back().empty()) return std::nullopt;
  q.table = Unquote(parts.back());
  if (parts.size() == 2) q.keyspace = Unquote(parts[0]);
  return q;
}

absl::StatusOr<Result> RunNextValues(const NextValuesQuery& q,
                                     absl::string_view keyspace,
                                     const vschema::VSchema& vschema,
                                     vschema::SequenceAllocators& sequences,
                                     vindex::QueryExecutor* executor) {
  absl::StatusOr<const vschema::Table*> t = vschema.FindTable(
      q.keyspace.empty() ? keyspace : absl::string_view(q.keyspace), q.table);
  if (!t.ok() && q.keyspace.empty()) {
    t = vschema.FindTable("", q.table);  // a sequence in another keyspace
  }
  if (!t.ok()) {
    return MysqlError(1146, "42S02",
                      absl::StrCat("Table '", q.table, "' doesn't exist"));
  }
  if ((*t)->type != vschema::TableType::kSequence) {
    return UnsupportedError(absl::StrCat("unsupported: NEXT VALUE from ",
                                         q.table,
                                         ", which is not a sequence table"));
  }
  TESSERA_ASSIGN_OR_RETURN(
      int64_t first,
      sequences.For((*t)->QualifiedName()).Next(executor, q.count));
  Result r;
  Field f;
  f.name = "nextval";
  f.type = FieldType::kLongLong;
  f.flags = field_flag::kNum;
  f.charset = 63;
  r.fields.push_back(f);
  r.rows.push_back({Value::Text(std::to_string(first))});
  return r;
}

}  // namespace tessera::router
