#include "lib/router/params.h"

#include <cstdio>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/router/parse_options.h"
#include "lib/sql/lexer.h"

namespace tessera {

BindValue BindValue::Double(double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.17g", v);
  return {Kind::kDouble, buf};
}

namespace router {
namespace {

absl::Status Mismatch(absl::string_view why) {
  return MysqlError(1210, "HY000",
                    absl::StrCat("Incorrect arguments to execute: ", why));
}

absl::StatusOr<sqltypes::TypedValue> PublicToTyped(const BindValue& v) {
  using K = BindValue::Kind;
  switch (v.kind) {
    case K::kNull:
      return sqltypes::TypedValue::Null();
    case K::kInt:
      return sqltypes::TypedValue::Of(sqltypes::Kind::kInt, v.bytes);
    case K::kUint:
      return sqltypes::TypedValue::Of(sqltypes::Kind::kUint, v.bytes);
    case K::kDouble:
      return sqltypes::TypedValue::Of(sqltypes::Kind::kFloat, v.bytes);
    case K::kDecimal:
      return sqltypes::TypedValue::Decimal(v.bytes);
    case K::kString:
      return sqltypes::TypedValue::Text(v.bytes);
    case K::kBinary:
      return sqltypes::TypedValue::Binary(v.bytes);
  }
  return Mismatch("unknown value kind");
}

std::string BitsToBytes(absl::string_view bits) {
  std::string out;
  uint64_t acc = 0;
  int n = 0;
  // Right-aligned: pad to a multiple of 8 bits.
  size_t pad = (8 - bits.size() % 8) % 8;
  for (size_t i = 0; i < pad + bits.size(); ++i) {
    char c = i < pad ? '0' : bits[i - pad];
    acc = (acc << 1) | (c == '1');
    if (++n == 8) {
      out.push_back(static_cast<char>(acc));
      acc = 0;
      n = 0;
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<std::string> SubstituteParams(
    absl::string_view sql, absl::Span<const BindValue> params) {
  sql::LexResult lex;
  TESSERA_RETURN_IF_ERROR(sql::Lex(sql, RouterLexOptions(), &lex));
  std::string out;
  out.reserve(sql.size() + 16 * params.size());
  size_t last = 0, next = 0;
  for (const sql::Token& t : lex.tokens) {
    if (t.kind != sql::Tok::kParam) continue;
    if (next >= params.size()) return Mismatch("more ? than values");
    absl::StrAppend(&out, sql.substr(last, t.pos - last));
    TESSERA_ASSIGN_OR_RETURN(sqltypes::TypedValue v,
                             PublicToTyped(params[next++]));
    TESSERA_RETURN_IF_ERROR(
        sqltypes::AppendSqlLiteral(v, sqltypes::EscapeMode::kBackslash, &out));
    last = t.pos + t.len;
  }
  if (next != params.size()) return Mismatch("more values than ?");
  absl::StrAppend(&out, sql.substr(last));
  return out;
}

namespace {

absl::StatusOr<sqltypes::TypedValue> ToTyped(const sql::BindValue& b) {
  switch (b.type) {
    case sql::BindType::kInt64:
    case sql::BindType::kUint64: {
      int64_t i;
      uint64_t u;
      sqltypes::Kind kind = absl::SimpleAtoi(b.value, &i) ? sqltypes::Kind::kInt
                            : absl::SimpleAtoi(b.value, &u)
                                ? sqltypes::Kind::kUint
                                : sqltypes::Kind::kDecimal;
      return sqltypes::TypedValue::Of(kind, b.value);
    }
    case sql::BindType::kDecimal:
      return sqltypes::TypedValue::Decimal(b.value);
    case sql::BindType::kFloat64:
      return sqltypes::TypedValue::Of(sqltypes::Kind::kFloat, b.value);
    case sql::BindType::kString:
      return b.charset == "binary" ? sqltypes::TypedValue::Binary(b.value)
                                   : sqltypes::TypedValue::Text(b.value);
    case sql::BindType::kHex: {
      absl::string_view h = b.value;
      if (h.size() > 2 && (h[0] == 'x' || h[0] == 'X') && h[1] == '\'') {
        h = h.substr(2, h.size() - 3);
      } else if (h.size() > 2 && h[0] == '0') {
        h = h.substr(2);
      }
      std::string hex(h);
      if (hex.size() % 2) hex.insert(hex.begin(), '0');
      return sqltypes::TypedValue::Binary(absl::HexStringToBytes(hex));
    }
    case sql::BindType::kBit: {
      absl::string_view s = b.value;
      if (s.size() > 2 && (s[0] == 'b' || s[0] == 'B') && s[1] == '\'') {
        s = s.substr(2, s.size() - 3);
      } else if (s.size() > 2 && s[0] == '0') {
        s = s.substr(2);
      }
      return sqltypes::TypedValue::Binary(BitsToBytes(s));
    }
    case sql::BindType::kList:
      break;
  }
  return Mismatch("a list where a single value belongs");
}

}  // namespace

absl::StatusOr<sqltypes::BindVars> ToBindVars(
    const std::vector<sql::BindValue>& binds) {
  sqltypes::BindVars vars;
  vars.reserve(binds.size() + 1);  // + LAST_INSERT_ID, set by the router
  for (const sql::BindValue& b : binds) {
    if (b.type == sql::BindType::kList) {
      std::vector<sqltypes::TypedValue> values;
      for (const sql::BindValue& e : b.list) {
        TESSERA_ASSIGN_OR_RETURN(sqltypes::TypedValue v, ToTyped(e));
        values.push_back(std::move(v));
      }
      vars[b.name] = sqltypes::BindVariable::List(std::move(values));
      continue;
    }
    TESSERA_ASSIGN_OR_RETURN(sqltypes::TypedValue v, ToTyped(b));
    vars[b.name] = sqltypes::BindVariable::Single(std::move(v));
  }
  return vars;
}

}  // namespace router
}  // namespace tessera
