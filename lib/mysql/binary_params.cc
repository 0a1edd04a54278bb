// COM_STMT_EXECUTE parameter decoding and SQL interpolation.
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/base/mysql_error.h"
#include "lib/mysql/binary_protocol.h"
#include "lib/mysql/wire.h"

namespace tessera::mysql {
namespace {

using Kind = ParamValue::Kind;

absl::Status BadArguments() {
  return MysqlError(er::kWrongArguments, "HY000",
                    "Incorrect arguments to mysqld_stmt_execute");
}

std::string FormatFraction(uint32_t micros) {
  return micros ? absl::StrFormat(".%06u", micros) : std::string();
}

bool ReadDateTime(WireReader& r, std::string* out) {
  uint8_t len = r.Int1();
  if (len != 0 && len != 4 && len != 7 && len != 11) return false;
  WireReader v(r.Bytes(len));
  int year = 0, month = 0, day = 0, h = 0, m = 0, s = 0;
  uint32_t us = 0;
  if (len >= 4) {
    year = v.Int2();
    month = v.Int1();
    day = v.Int1();
  }
  if (len >= 7) {
    h = v.Int1();
    m = v.Int1();
    s = v.Int1();
  }
  if (len == 11) us = v.Int4();
  if (!r.ok() || us > 999999) return false;
  *out = absl::StrFormat("%04d-%02d-%02d %02d:%02d:%02d", year, month, day, h,
                         m, s) +
         FormatFraction(us);
  return true;
}

bool ReadTime(WireReader& r, std::string* out) {
  uint8_t len = r.Int1();
  if (len != 0 && len != 8 && len != 12) return false;
  WireReader v(r.Bytes(len));
  bool neg = false;
  uint32_t days = 0, us = 0;
  int h = 0, m = 0, s = 0;
  if (len >= 8) {
    neg = v.Int1() != 0;
    days = v.Int4();
    h = v.Int1();
    m = v.Int1();
    s = v.Int1();
  }
  if (len == 12) us = v.Int4();
  if (!r.ok() || days > 34 || us > 999999) return false;
  *out =
      absl::StrFormat("%s%02d:%02d:%02d", neg ? "-" : "", days * 24 + h, m, s) +
      FormatFraction(us);
  return true;
}

// Reads one non-NULL binary value of `type` (low byte) into `p`.
bool ReadValue(WireReader& r, uint16_t type, ParamValue& p) {
  bool is_unsigned = (type & 0x8000) != 0;
  p.type = type;
  auto integer = [&](int bytes) {
    uint64_t v = r.IntN(bytes);
    if (is_unsigned) {
      p.kind = Kind::kUint;
      p.text = absl::StrCat(v);
    } else {
      int shift = 64 - 8 * bytes;
      int64_t sv = static_cast<int64_t>(v << shift) >> shift;
      p.kind = Kind::kInt;
      p.text = absl::StrCat(sv);
    }
  };
  switch (type & 0xFF) {
    case 1:  // TINY
      integer(1);
      break;
    case 2:   // SHORT
    case 13:  // YEAR
      integer(2);
      break;
    case 3:  // LONG
    case 9:  // INT24
      integer(4);
      break;
    case 8:  // LONGLONG
      integer(8);
      break;
    case 4: {  // FLOAT
      uint32_t bits = r.Int4();
      float f;
      std::memcpy(&f, &bits, 4);
      p.kind = Kind::kDouble;
      p.text = absl::StrFormat("%.9g", f);
      break;
    }
    case 5: {  // DOUBLE
      uint64_t bits = r.Int8();
      double d;
      std::memcpy(&d, &bits, 8);
      p.kind = Kind::kDouble;
      p.text = absl::StrFormat("%.17g", d);
      break;
    }
    case 6:  // NULL
      p.kind = Kind::kNull;
      break;
    case 7:   // TIMESTAMP
    case 10:  // DATE
    case 12:  // DATETIME
      p.kind = Kind::kTemporal;
      if (!ReadDateTime(r, &p.text)) return false;
      break;
    case 11:  // TIME
      p.kind = Kind::kTemporal;
      if (!ReadTime(r, &p.text)) return false;
      break;
    case 0:    // DECIMAL
    case 246:  // NEWDECIMAL
      p.kind = Kind::kDecimal;
      p.text = std::string(r.LenencString());
      break;
    default:  // strings, blobs, enum, set, json, bit, geometry
      p.kind = Kind::kString;
      p.text = std::string(r.LenencString());
      break;
  }
  return r.ok() && (p.kind != Kind::kDouble ||
                    (p.text != "nan" && p.text != "inf" && p.text != "-inf"));
}

bool IsNumeric(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' ||
          c == 'e' || c == 'E')) {
      return false;
    }
  }
  return true;
}

}  // namespace

absl::StatusOr<uint32_t> PeekStatementId(absl::string_view payload) {
  WireReader r(payload);
  uint32_t id = r.Int4();
  if (!r.ok()) return BadArguments();
  return id;
}

absl::StatusOr<std::vector<ParamValue>> DecodeExecuteParams(
    absl::string_view payload, size_t num_params, std::vector<uint16_t>* types,
    const std::map<uint16_t, std::string>& long_data) {
  WireReader r(payload);
  r.Skip(4 + 1 + 4);  // statement id, flags, iteration count
  std::vector<ParamValue> params(num_params);
  if (num_params == 0) {
    if (!r.ok()) return BadArguments();
    return params;
  }
  absl::string_view null_bitmap = r.Bytes((num_params + 7) / 8);
  uint8_t new_bound = r.Int1();
  if (!r.ok()) return BadArguments();
  if (new_bound == 1) {
    types->assign(num_params, 0);
    for (size_t i = 0; i < num_params; ++i) (*types)[i] = r.Int2();
  } else if (types->size() != num_params) {
    return BadArguments();  // no types were ever bound
  }
  for (size_t i = 0; i < num_params; ++i) {
    ParamValue& p = params[i];
    p.type = (*types)[i];
    // Long data wins over the NULL bit, as in MySQL (clients may set it).
    auto ld = long_data.find(static_cast<uint16_t>(i));
    if (ld != long_data.end()) {
      p.kind = (p.type & 0xFF) == 0 || (p.type & 0xFF) == 246 ? Kind::kDecimal
                                                              : Kind::kString;
      p.text = ld->second;
      continue;
    }
    if (null_bitmap[i / 8] & (1 << (i % 8))) continue;  // kNull
    if (!ReadValue(r, p.type, p)) return BadArguments();
  }
  if (!r.ok()) return BadArguments();
  return params;
}

std::string ToSqlLiteral(const ParamValue& value) {
  switch (value.kind) {
    case Kind::kNull:
      return "NULL";
    case Kind::kInt:
    case Kind::kUint:
    case Kind::kDouble:
      return value.text;
    case Kind::kDecimal:
      if (IsNumeric(value.text)) return value.text;
      break;
    default:
      break;
  }
  std::string out;
  out.reserve(value.text.size() + 2);
  out.push_back('\'');
  for (char c : value.text) {
    switch (c) {
      case '\0':
        out += "\\0";
        break;
      case '\'':
        out += "\\'";
        break;
      case '\\':
        out += "\\\\";
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
        out.push_back(c);
    }
  }
  out.push_back('\'');
  return out;
}

namespace {

// Calls `on_placeholder(pos)` for each '?' outside quotes and comments.
template <typename F>
void ScanPlaceholders(absl::string_view sql, F on_placeholder) {
  size_t i = 0, n = sql.size();
  while (i < n) {
    char c = sql[i];
    if (c == '\'' || c == '"' || c == '`') {
      for (++i; i < n && sql[i] != c; ++i) {
        if (sql[i] == '\\' && c != '`') ++i;
      }
      ++i;
    } else if (c == '#' || (c == '-' && i + 2 < n && sql[i + 1] == '-' &&
                            (sql[i + 2] == ' ' || sql[i + 2] == '\t'))) {
      while (i < n && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      size_t end = sql.find("*/", i + 2);
      i = end == absl::string_view::npos ? n : end + 2;
    } else {
      if (c == '?') on_placeholder(i);
      ++i;
    }
  }
}

}  // namespace

size_t CountPlaceholders(absl::string_view sql) {
  size_t count = 0;
  ScanPlaceholders(sql, [&](size_t) { ++count; });
  return count;
}

absl::StatusOr<std::string> InterpolateParams(
    absl::string_view sql, absl::Span<const ParamValue> params) {
  std::string out;
  out.reserve(sql.size() + params.size() * 8);
  size_t last = 0, index = 0;
  bool too_few = false;
  ScanPlaceholders(sql, [&](size_t pos) {
    out.append(sql.data() + last, pos - last);
    if (index < params.size()) {
      out += ToSqlLiteral(params[index]);
    } else {
      too_few = true;
    }
    ++index;
    last = pos + 1;
  });
  if (too_few || index != params.size()) return BadArguments();
  out.append(sql.data() + last, sql.size() - last);
  return out;
}

}  // namespace tessera::mysql
