#include "lib/vindex/query_executor.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"

namespace tessera::vindex {

absl::string_view ExecModeName(ExecMode mode) {
  switch (mode) {
    case ExecMode::kSession:
      return "session";
    case ExecMode::kAutocommit:
      return "autocommit";
    case ExecMode::kPre:
      return "pre";
    case ExecMode::kPost:
      return "post";
  }
  return "?";
}

std::string SqlLiteral(const Value& value) {
  switch (value.type()) {
    case ValueType::kNull:
      return "NULL";
    case ValueType::kInt64:
    case ValueType::kUint64:
    case ValueType::kFloat64:
    case ValueType::kDecimal:
      return value.data();
    case ValueType::kBinary:
      return absl::StrCat("X'", absl::BytesToHexString(value.data()), "'");
    case ValueType::kText:
      break;
  }
  std::string out = "'";
  for (char c : value.data()) {
    switch (c) {
      case '\'':
        out += "''";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\0':
        out += "\\0";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\x1a':
        out += "\\Z";
        break;
      default:
        out += c;
    }
  }
  out += "'";
  return out;
}

absl::StatusOr<std::string> InterpolateQuery(const BoundQuery& query) {
  std::string out;
  size_t next = 0;
  char quote = 0;
  for (size_t i = 0; i < query.sql.size(); ++i) {
    char c = query.sql[i];
    if (quote != 0) {
      out += c;
      if (c == '\\' && i + 1 < query.sql.size()) {
        out += query.sql[++i];
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      quote = c;
      out += c;
      continue;
    }
    if (c != '?') {
      out += c;
      continue;
    }
    if (next >= query.params.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("query has more placeholders than its ",
                       query.params.size(), " parameters: ", query.sql));
    }
    out += SqlLiteral(query.params[next++]);
  }
  if (next != query.params.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("query has ", next, " placeholders but ",
                     query.params.size(), " parameters: ", query.sql));
  }
  return out;
}

bool IsDuplicateKey(const absl::Status& status) {
  return !status.ok() && ToMysqlError(status).code == er::kDupEntry;
}

}  // namespace tessera::vindex
