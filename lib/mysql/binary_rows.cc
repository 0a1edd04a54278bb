// Binary-protocol result rows from text-protocol values.
#include <charconv>
#include <cstring>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/mysql/binary_protocol.h"
#include "lib/mysql/wire.h"

namespace tessera::mysql {
namespace {

absl::Status BadValue(const Field& f, absl::string_view text) {
  return InternalMysqlError(absl::StrCat("cannot encode value '",
                                         text.substr(0, 64), "' of column ",
                                         f.name, " in the binary protocol"));
}

// Parses `n` digits at *p; advances.
bool Digits(absl::string_view s, size_t* p, int n, int* out) {
  int v = 0;
  for (int i = 0; i < n; ++i, ++*p) {
    if (*p >= s.size() || s[*p] < '0' || s[*p] > '9') return false;
    v = v * 10 + (s[*p] - '0');
  }
  *out = v;
  return true;
}

// Parses ".ffffff" (1-6 digits) into microseconds.
bool Fraction(absl::string_view s, size_t* p, uint32_t* us) {
  *us = 0;
  if (*p >= s.size()) return true;
  if (s[*p] != '.') return false;
  ++*p;
  int digits = 0;
  while (*p < s.size() && digits < 6 && s[*p] >= '0' && s[*p] <= '9') {
    *us = *us * 10 + (s[(*p)++] - '0');
    ++digits;
  }
  for (; digits < 6; ++digits) *us *= 10;
  return *p == s.size() && digits > 0;
}

bool AppendDateTime(absl::string_view s, WireWriter& w) {
  size_t p = 0;
  int y, mo, d, h = 0, mi = 0, se = 0;
  uint32_t us = 0;
  if (!Digits(s, &p, 4, &y) || p >= s.size() || s[p++] != '-' ||
      !Digits(s, &p, 2, &mo) || p >= s.size() || s[p++] != '-' ||
      !Digits(s, &p, 2, &d)) {
    return false;
  }
  if (p < s.size()) {
    if (s[p++] != ' ' || !Digits(s, &p, 2, &h) || p >= s.size() ||
        s[p++] != ':' || !Digits(s, &p, 2, &mi) || p >= s.size() ||
        s[p++] != ':' || !Digits(s, &p, 2, &se) || !Fraction(s, &p, &us)) {
      return false;
    }
  }
  if (us) {
    w.Int1(11);
  } else if (h || mi || se) {
    w.Int1(7);
  } else if (y || mo || d) {
    w.Int1(4);
  } else {
    w.Int1(0);
    return true;
  }
  w.Int2(static_cast<uint16_t>(y));
  w.Int1(static_cast<uint8_t>(mo));
  w.Int1(static_cast<uint8_t>(d));
  if (!us && !h && !mi && !se) return true;
  w.Int1(static_cast<uint8_t>(h));
  w.Int1(static_cast<uint8_t>(mi));
  w.Int1(static_cast<uint8_t>(se));
  if (us) w.Int4(us);
  return true;
}

bool AppendTime(absl::string_view s, WireWriter& w) {
  size_t p = 0;
  bool neg = !s.empty() && s[0] == '-';
  if (neg) ++p;
  int hours = 0, mi, se;
  size_t start = p;
  while (p < s.size() && s[p] >= '0' && s[p] <= '9' && p - start < 4) {
    hours = hours * 10 + (s[p++] - '0');
  }
  uint32_t us = 0;
  if (p == start || p >= s.size() || s[p++] != ':' || !Digits(s, &p, 2, &mi) ||
      p >= s.size() || s[p++] != ':' || !Digits(s, &p, 2, &se) ||
      !Fraction(s, &p, &us)) {
    return false;
  }
  if (!hours && !mi && !se && !us) {
    w.Int1(0);
    return true;
  }
  w.Int1(us ? 12 : 8);
  w.Int1(neg ? 1 : 0);
  w.Int4(static_cast<uint32_t>(hours / 24));
  w.Int1(static_cast<uint8_t>(hours % 24));
  w.Int1(static_cast<uint8_t>(mi));
  w.Int1(static_cast<uint8_t>(se));
  if (us) w.Int4(us);
  return true;
}

bool AppendInteger(absl::string_view s, bool is_unsigned, int bytes,
                   WireWriter& w) {
  if (is_unsigned) {
    uint64_t v;
    if (!absl::SimpleAtoi(s, &v)) return false;
    w.IntN(v, bytes);
  } else {
    int64_t v;
    if (!absl::SimpleAtoi(s, &v)) return false;
    w.IntN(static_cast<uint64_t>(v), bytes);
  }
  return true;
}

bool AppendValue(const Field& f, absl::string_view s, WireWriter& w) {
  bool is_unsigned = (f.flags & field_flag::kUnsigned) != 0;
  switch (f.type) {
    case FieldType::kTiny:
      return AppendInteger(s, is_unsigned, 1, w);
    case FieldType::kShort:
    case FieldType::kYear:
      return AppendInteger(s, is_unsigned, 2, w);
    case FieldType::kLong:
    case FieldType::kInt24:
      return AppendInteger(s, is_unsigned, 4, w);
    case FieldType::kLongLong:
      return AppendInteger(s, is_unsigned, 8, w);
    case FieldType::kFloat: {
      float v;
      auto r = std::from_chars(s.data(), s.data() + s.size(), v);
      if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return false;
      uint32_t bits;
      std::memcpy(&bits, &v, 4);
      w.Int4(bits);
      return true;
    }
    case FieldType::kDouble: {
      double v;
      auto r = std::from_chars(s.data(), s.data() + s.size(), v);
      if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return false;
      uint64_t bits;
      std::memcpy(&bits, &v, 8);
      w.Int8(bits);
      return true;
    }
    case FieldType::kDate:
    case FieldType::kNewDate:
    case FieldType::kDateTime:
    case FieldType::kTimestamp:
      return AppendDateTime(s, w);
    case FieldType::kTime:
      return AppendTime(s, w);
    default:
      w.LenencString(s);
      return true;
  }
}

}  // namespace

absl::Status AppendBinaryRow(absl::Span<const Field> fields, const Row& row,
                             std::string* out) {
  if (row.size() != fields.size()) {
    return InternalMysqlError("row width does not match its columns");
  }
  WireWriter w(out);
  w.Int1(0x00);
  size_t bitmap_at = out->size();
  w.Zeros((fields.size() + 7 + 2) / 8);
  for (size_t i = 0; i < fields.size(); ++i) {
    if (row[i].is_null()) {
      size_t bit = i + 2;
      (*out)[bitmap_at + bit / 8] |= static_cast<char>(1 << (bit % 8));
      continue;
    }
    if (!AppendValue(fields[i], row[i].bytes(), w)) {
      return BadValue(fields[i], row[i].bytes());
    }
  }
  return absl::OkStatus();
}

}  // namespace tessera::mysql
