#include "lib/sqltypes/bind_vars.h"

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/sqltypes/decimal.h"

namespace tessera::sqltypes {
namespace {

absl::Status BadArgument(absl::string_view message) {
  return MysqlError(er::kWrongArguments, "HY000", message);
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_';
}

bool ValidInteger(absl::string_view s, bool allow_sign) {
  if (allow_sign && !s.empty() && s[0] == '-') s.remove_prefix(1);
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool ValidTemporal(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || c == '-' || c == ':' || c == ' ' ||
          c == '.' || c == 'T')) {
      return false;
    }
  }
  return true;
}

// Skips a quoted run starting at sql[i] (the quote); returns the index
// just past the closing quote (or the end).
size_t SkipQuoted(absl::string_view sql, size_t i, EscapeMode mode) {
  const char q = sql[i++];
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\\' && q != '`' && mode == EscapeMode::kBackslash) {
      i += 2;
      continue;
    }
    if (c == q) {
      if (i + 1 < sql.size() && sql[i + 1] == q) {
        i += 2;  // doubled quote
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return sql.size();
}

size_t SkipComment(absl::string_view sql, size_t i) {
  if (sql[i] == '/') {
    size_t end = sql.find("*/", i + 2);
    return end == absl::string_view::npos ? sql.size() : end + 2;
  }
  size_t end = sql.find('\n', i);
  return end == absl::string_view::npos ? sql.size() : end + 1;
}

bool StartsComment(absl::string_view sql, size_t i) {
  char c = sql[i];
  if (c == '#') return true;
  if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') return true;
  if (c == '-' && i + 2 < sql.size() && sql[i + 1] == '-') {
    char n = sql[i + 2];
    return n == ' ' || n == '\t' || n == '\n' || n == '\r';
  }
  return c == '-' && i + 2 == sql.size() && sql[i + 1] == '-';
}

}  // namespace

void AppendQuotedString(absl::string_view s, EscapeMode mode,
                        std::string* out) {
  out->reserve(out->size() + s.size() + 2);
  out->push_back('\'');
  for (char c : s) {
    if (mode == EscapeMode::kNoBackslashEscapes) {
      if (c == '\'') out->push_back('\'');
      out->push_back(c);
      continue;
    }
    switch (c) {
      case '\0':
        out->append("\\0");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\'':
        out->append("\\'");
        break;
      case '"':
        out->append("\\\"");
        break;
      case '\x1a':
        out->append("\\Z");
        break;
      default:
        out->push_back(c);
    }
  }
  out->push_back('\'');
}

absl::Status AppendSqlLiteral(const TypedValue& v, EscapeMode mode,
                              std::string* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  switch (v.kind) {
    case Kind::kNull:
      out->append("NULL");
      return absl::OkStatus();
    case Kind::kInt:
    case Kind::kUint:
    case Kind::kYear:
      if (!ValidInteger(v.bytes, v.kind == Kind::kInt)) {
        return BadArgument(
            absl::StrCat("bind variable is not an integer: '", v.bytes, "'"));
      }
      out->append(v.bytes);
      return absl::OkStatus();
    case Kind::kDecimal:
      if (!Decimal::Parse(v.bytes).ok()) {
        return BadArgument(
            absl::StrCat("bind variable is not a decimal: '", v.bytes, "'"));
      }
      out->append(v.bytes);
      return absl::OkStatus();
    case Kind::kFloat: {
      double d;
      if (!ParseDouble(v.bytes, &d) ||
          v.bytes.find_first_of("nNiI") != std::string::npos) {
        return BadArgument(
            absl::StrCat("bind variable is not a number: '", v.bytes, "'"));
      }
      out->append(v.bytes);
      return absl::OkStatus();
    }
    case Kind::kDate:
    case Kind::kDateTime:
    case Kind::kTime:
      if (!ValidTemporal(v.bytes)) {
        return BadArgument(absl::StrCat("bind variable is not a ",
                                        KindName(v.kind), ": '", v.bytes, "'"));
      }
      AppendQuotedString(v.bytes, mode, out);
      return absl::OkStatus();
    case Kind::kText:
      AppendQuotedString(v.bytes, mode, out);
      return absl::OkStatus();
    case Kind::kBinary:
      out->append("X'");
      for (unsigned char c : v.bytes) {
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
      }
      out->push_back('\'');
      return absl::OkStatus();
  }
  return BadArgument("bind variable of unknown kind");
}

absl::StatusOr<std::string> SubstituteBindVars(absl::string_view sql,
                                               const BindVars& vars,
                                               EscapeMode mode) {
  std::string out;
  out.reserve(sql.size() + 16);
  size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == '\'' || c == '"' || c == '`') {
      size_t end = SkipQuoted(sql, i, mode);
      absl::StrAppend(&out, sql.substr(i, end - i));
      i = end;
      continue;
    }
    if (StartsComment(sql, i)) {
      size_t end = SkipComment(sql, i);
      absl::StrAppend(&out, sql.substr(i, end - i));
      i = end;
      continue;
    }
    if (c != ':') {
      out.push_back(c);
      ++i;
      continue;
    }
    const bool list = i + 1 < sql.size() && sql[i + 1] == ':';
    size_t start = i + (list ? 2 : 1);
    size_t end = start;
    while (end < sql.size() && IsNameChar(sql[end])) ++end;
    if (end == start) {  // ":=" or a lone colon
      out.push_back(c);
      ++i;
      continue;
    }
    absl::string_view name = sql.substr(start, end - start);
    auto it = vars.find(name);
    if (it == vars.end()) {
      return BadArgument(absl::StrCat("missing bind variable :", name));
    }
    const BindVariable& bv = it->second;
    if (!list) {
      if (bv.is_list) {
        return BadArgument(
            absl::StrCat("bind variable :", name, " is a list; use ::", name));
      }
      TESSERA_RETURN_IF_ERROR(AppendSqlLiteral(bv.value, mode, &out));
    } else {
      if (bv.is_list && bv.values.empty()) {
        return BadArgument(
            absl::StrCat("bind variable ::", name, " is an empty list"));
      }
      // Already parenthesized, as the formatter prints "in (::v1)": the
      // list fills the parentheses instead of adding its own.
      const bool wrapped = !out.empty() && out.back() == '(' &&
                           end < sql.size() && sql[end] == ')';
      if (!wrapped) out.push_back('(');
      if (!bv.is_list) {
        TESSERA_RETURN_IF_ERROR(AppendSqlLiteral(bv.value, mode, &out));
      }
      for (size_t k = 0; bv.is_list && k < bv.values.size(); ++k) {
        if (k > 0) out.append(", ");
        TESSERA_RETURN_IF_ERROR(AppendSqlLiteral(bv.values[k], mode, &out));
      }
      if (!wrapped) out.push_back(')');
    }
    i = end;
  }
  return out;
}

}  // namespace tessera::sqltypes
