#include "lib/sqltypes/value.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"

namespace tessera::sqltypes {

TypedValue TypedValue::Int(int64_t v) { return {Kind::kInt, absl::StrCat(v)}; }

TypedValue TypedValue::Uint(uint64_t v) {
  return {Kind::kUint, absl::StrCat(v)};
}

TypedValue TypedValue::Float(double v) {
  return {Kind::kFloat, FormatDouble(v)};
}

TypedValue TypedValue::FromCell(const Value& cell, Kind kind,
                                uint16_t collation) {
  if (cell.is_null()) return TypedValue::Null();
  return {kind, cell.bytes(), collation};
}

std::string FormatDouble(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  if (v == 0) return "0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  std::string s(buf, res.ptr);
  // MariaDB prints plain notation for exponents in [-4, 15) and
  // "<mantissa>e<exp>" (no '+', no leading zeros) outside; to_chars picks
  // whichever is shorter, so normalize.
  size_t e = s.find('e');
  int exp10 = 0;
  std::string mant = s;
  if (e != std::string::npos) {
    mant = s.substr(0, e);
    exp10 = std::atoi(s.c_str() + e + 1);
  }
  // Digits and decimal exponent of the value: d.ddd * 10^x.
  bool neg = mant[0] == '-';
  if (neg) mant.erase(0, 1);
  size_t dot = mant.find('.');
  std::string digits = mant;
  int point = static_cast<int>(mant.size());  // position of the point
  if (dot != std::string::npos) {
    digits = mant.substr(0, dot) + mant.substr(dot + 1);
    point = static_cast<int>(dot);
  }
  size_t lead = digits.find_first_not_of('0');
  digits.erase(0, lead);
  point -= static_cast<int>(lead);
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  point += exp10;
  const int x = point - 1;  // scientific exponent
  std::string out = neg ? "-" : "";
  if (x < -4 || x >= 15) {
    out += digits.substr(0, 1);
    if (digits.size() > 1) absl::StrAppend(&out, ".", digits.substr(1));
    absl::StrAppend(&out, "e", x);
    return out;
  }
  if (point <= 0) {
    absl::StrAppend(&out, "0.", std::string(-point, '0'), digits);
  } else if (static_cast<size_t>(point) >= digits.size()) {
    absl::StrAppend(&out, digits, std::string(point - digits.size(), '0'));
  } else {
    absl::StrAppend(&out, digits.substr(0, point), ".", digits.substr(point));
  }
  return out;
}

bool ParseInt64(absl::string_view s, int64_t* out) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty();
}

bool ParseUint64(absl::string_view s, uint64_t* out) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  if (!s.empty() && s[0] == '-') return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty();
}

bool ParseDouble(absl::string_view s, double* out) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  if (r.ec == std::errc::result_out_of_range) return true;  // +-inf or 0
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace tessera::sqltypes
