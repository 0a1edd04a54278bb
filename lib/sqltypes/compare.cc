#include "lib/sqltypes/compare.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "lib/sqltypes/decimal.h"

namespace tessera::sqltypes {
namespace {

template <typename T>
int Three(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

int CompareBytes(absl::string_view a, absl::string_view b) {
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

absl::string_view StripTrailingSpaces(absl::string_view s) {
  size_t n = s.size();
  while (n > 0 && s[n - 1] == ' ') --n;
  return s.substr(0, n);
}

inline unsigned char Fold(unsigned char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<unsigned char>(c - 32) : c;
}

double ToDouble(absl::string_view s) {
  double d = 0;
  if (ParseDouble(s, &d)) return d;
  // MySQL converts the longest numeric prefix; good enough for merging.
  char buf[64];
  size_t n = std::min(s.size(), sizeof(buf) - 1);
  std::memcpy(buf, s.data(), n);
  buf[n] = '\0';
  return std::strtod(buf, nullptr);
}

bool ValidDecimalText(absl::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  bool digit = false, dot = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digit;
}

int CompareExact(const TypedValue& a, const TypedValue& b) {
  int64_t ai, bi;
  uint64_t au, bu;
  const bool a_int = ParseInt64(a.bytes, &ai);
  const bool b_int = ParseInt64(b.bytes, &bi);
  if (a_int && b_int) return Three(ai, bi);
  const bool a_uint = !a_int && ParseUint64(a.bytes, &au);
  const bool b_uint = !b_int && ParseUint64(b.bytes, &bu);
  if (a_uint && b_uint) return Three(au, bu);
  if (a_uint && b_int) return 1;  // above INT64_MAX beats any int64
  if (a_int && b_uint) return -1;
  if (ValidDecimalText(a.bytes) && ValidDecimalText(b.bytes)) {
    return Decimal::CompareText(a.bytes, b.bytes);
  }
  return Three(ToDouble(a.bytes), ToDouble(b.bytes));
}

// A temporal value as (day number-ish, microseconds); TIME uses only micros.
struct Instant {
  int64_t date = 0;  // yyyymmdd
  int64_t micros = 0;
};

// Reads digits into *v; returns how many.
size_t Digits(absl::string_view s, size_t pos, int64_t* v) {
  size_t i = pos;
  *v = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    *v = *v * 10 + (s[i] - '0');
    ++i;
  }
  return i - pos;
}

// Parses "hh:mm:ss[.ffffff]" starting at pos into micros.
int64_t ParseClock(absl::string_view s, size_t pos) {
  int64_t h = 0, m = 0, sec = 0;
  pos += Digits(s, pos, &h);
  if (pos < s.size() && s[pos] == ':') pos += 1 + Digits(s, pos + 1, &m);
  if (pos < s.size() && s[pos] == ':') pos += 1 + Digits(s, pos + 1, &sec);
  int64_t frac = 0;
  if (pos < s.size() && s[pos] == '.') {
    int64_t scale = 100000;
    for (size_t i = pos + 1; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      frac += (s[i] - '0') * scale;
      scale /= 10;
    }
  }
  return ((h * 60 + m) * 60 + sec) * 1000000 + frac;
}

Instant ParseTemporal(absl::string_view s, Kind kind) {
  Instant t;
  if (kind == Kind::kTime) {
    bool neg = !s.empty() && s[0] == '-';
    t.micros = ParseClock(s, neg ? 1 : 0);
    if (neg) t.micros = -t.micros;
    return t;
  }
  int64_t y = 0, mo = 0, d = 0;
  size_t pos = Digits(s, 0, &y);
  if (pos < s.size() && s[pos] == '-') pos += 1 + Digits(s, pos + 1, &mo);
  if (pos < s.size() && s[pos] == '-') pos += 1 + Digits(s, pos + 1, &d);
  t.date = (y * 100 + mo) * 100 + d;
  if (pos < s.size() && (s[pos] == ' ' || s[pos] == 'T')) {
    t.micros = ParseClock(s, pos + 1);
  }
  return t;
}

int CompareTemporal(const TypedValue& a, const TypedValue& b) {
  Kind ka = IsTemporal(a.kind) ? a.kind : b.kind;
  Kind kb = IsTemporal(b.kind) ? b.kind : a.kind;
  if ((ka == Kind::kTime) != (kb == Kind::kTime)) {
    return CompareBytes(a.bytes, b.bytes);
  }
  Instant x = ParseTemporal(a.bytes, ka), y = ParseTemporal(b.bytes, kb);
  if (x.date != y.date) return Three(x.date, y.date);
  return Three(x.micros, y.micros);
}

void AppendCanonicalNumber(const Value& cell, Kind kind, std::string* out) {
  const std::string& s = cell.bytes();
  if (kind != Kind::kFloat && ValidDecimalText(s)) {
    auto d = Decimal::Parse(s);
    if (d.ok()) {
      // Strip the scale: 1.50 and 1.5 and 1.500 share a key.
      std::string t = d->ToString();
      if (t.find('.') != std::string::npos) {
        while (t.back() == '0') t.pop_back();
        if (t.back() == '.') t.pop_back();
      }
      if (t == "-0") t = "0";
      out->append(t);
      return;
    }
  }
  double v = ToDouble(s);
  if (v == 0) v = 0;  // -0
  if (std::nearbyint(v) == v && std::fabs(v) < 1e15) {
    absl::StrAppend(out, static_cast<int64_t>(v));
  } else {
    out->append(FormatDouble(v));
  }
}

}  // namespace

int CompareText(absl::string_view a, absl::string_view b, CollationInfo c) {
  if (c.binary) return CompareBytes(a, b);
  if (c.pad_space) {
    a = StripTrailingSpaces(a);
    b = StripTrailingSpaces(b);
  }
  if (!c.case_insensitive) return CompareBytes(a, b);
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    unsigned char x = Fold(static_cast<unsigned char>(a[i]));
    unsigned char y = Fold(static_cast<unsigned char>(b[i]));
    if (x != y) return x < y ? -1 : 1;
  }
  return Three(a.size(), b.size());
}

int Compare(const TypedValue& a, const TypedValue& b) {
  if (a.is_null() || b.is_null()) {
    return a.is_null() == b.is_null() ? 0 : (a.is_null() ? -1 : 1);
  }
  const bool an = IsNumeric(a.kind), bn = IsNumeric(b.kind);
  if (an && bn) {
    if (a.kind == Kind::kFloat || b.kind == Kind::kFloat) {
      return Three(ToDouble(a.bytes), ToDouble(b.bytes));
    }
    return CompareExact(a, b);
  }
  if (an || bn) {
    // Number against string or temporal: MySQL compares as doubles.
    if (!IsTemporal(a.kind) && !IsTemporal(b.kind)) {
      return Three(ToDouble(a.bytes), ToDouble(b.bytes));
    }
  }
  if (IsTemporal(a.kind) || IsTemporal(b.kind)) return CompareTemporal(a, b);
  if (a.kind == Kind::kBinary || b.kind == Kind::kBinary) {
    return CompareBytes(a.bytes, b.bytes);
  }
  return CompareText(a.bytes, b.bytes, CollationOf(a.collation));
}

int CompareCells(const Value& a, const Value& b, ColumnType type) {
  if (a.is_null() || b.is_null()) {
    return a.is_null() == b.is_null() ? 0 : (a.is_null() ? -1 : 1);
  }
  switch (type.kind) {
    case Kind::kText:
      return CompareText(a.bytes(), b.bytes(), CollationOf(type.collation));
    case Kind::kBinary:
    case Kind::kNull:
      return CompareBytes(a.bytes(), b.bytes());
    case Kind::kInt:
    case Kind::kYear: {
      int64_t x, y;
      if (ParseInt64(a.bytes(), &x) && ParseInt64(b.bytes(), &y)) {
        return Three(x, y);
      }
      break;
    }
    case Kind::kUint: {
      uint64_t x, y;
      if (ParseUint64(a.bytes(), &x) && ParseUint64(b.bytes(), &y)) {
        return Three(x, y);
      }
      break;
    }
    default:
      break;
  }
  TypedValue x{type.kind, a.bytes(), type.collation};
  TypedValue y{type.kind, b.bytes(), type.collation};
  return Compare(x, y);
}

void AppendKey(const Value& cell, ColumnType type, std::string* out) {
  if (cell.is_null()) {
    out->append("N;");
    return;
  }
  // Each part is "<class><length>:<canonical bytes>", so concatenated keys
  // of several columns cannot run into each other.
  std::string part;
  const std::string& s = cell.bytes();
  char cls = '$';
  if (IsNumeric(type.kind)) {
    cls = '#';
    AppendCanonicalNumber(cell, type.kind, &part);
  } else if (IsTemporal(type.kind)) {
    cls = '@';
    Instant t = ParseTemporal(s, type.kind);
    absl::StrAppend(&part, t.date, ".", t.micros);
  } else if (type.kind == Kind::kText) {
    CollationInfo c = CollationOf(type.collation);
    absl::string_view v = c.pad_space ? StripTrailingSpaces(s) : s;
    part.reserve(v.size());
    for (char ch : v) {
      part.push_back(c.case_insensitive ? static_cast<char>(Fold(
                                              static_cast<unsigned char>(ch)))
                                        : ch);
    }
  } else {
    part = s;
  }
  out->push_back(cls);
  absl::StrAppend(out, part.size(), ":");
  out->append(part);
}

}  // namespace tessera::sqltypes
