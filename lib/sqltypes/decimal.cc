#include "lib/sqltypes/decimal.h"

#include <algorithm>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace tessera::sqltypes {
namespace {

bool AllDigits(absl::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

absl::string_view StripLeadingZeros(absl::string_view s) {
  size_t i = 0;
  while (i < s.size() && s[i] == '0') ++i;
  return s.substr(i);
}

absl::string_view StripTrailingZeros(absl::string_view s) {
  size_t n = s.size();
  while (n > 0 && s[n - 1] == '0') --n;
  return s.substr(0, n);
}

// Splits valid decimal text into sign, integer digits, fraction digits.
void Split(absl::string_view t, bool* neg, absl::string_view* in,
           absl::string_view* fr) {
  *neg = false;
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) {
    *neg = t[0] == '-';
    t.remove_prefix(1);
  }
  size_t dot = t.find('.');
  *in = StripLeadingZeros(t.substr(0, dot));
  *fr = dot == absl::string_view::npos ? absl::string_view()
                                       : StripTrailingZeros(t.substr(dot + 1));
}

// Compares magnitudes given normalized integer and fraction digits.
int CompareMagnitude(absl::string_view ai, absl::string_view af,
                     absl::string_view bi, absl::string_view bf) {
  if (ai.size() != bi.size()) return ai.size() < bi.size() ? -1 : 1;
  int c = ai.compare(bi);
  if (c != 0) return c < 0 ? -1 : 1;
  size_t n = std::min(af.size(), bf.size());
  c = af.substr(0, n).compare(bf.substr(0, n));
  if (c != 0) return c < 0 ? -1 : 1;
  if (af.size() == bf.size()) return 0;
  return af.size() < bf.size() ? -1 : 1;  // the other has nonzero digits left
}

int CompareSigned(bool an, absl::string_view ai, absl::string_view af, bool bn,
                  absl::string_view bi, absl::string_view bf) {
  const bool az = ai.empty() && af.empty();
  const bool bz = bi.empty() && bf.empty();
  if (az) an = false;
  if (bz) bn = false;
  if (an != bn) return an ? -1 : 1;
  int m = CompareMagnitude(ai, af, bi, bf);
  return an ? -m : m;
}

// Digits of a magnitude at a fixed scale: int digits + frac padded.
std::string Aligned(const std::string& in, const std::string& fr, int scale,
                    size_t int_width) {
  std::string out(int_width - in.size(), '0');
  out += in;
  out += fr;
  out.append(scale - fr.size(), '0');
  return out;
}

}  // namespace

absl::StatusOr<Decimal> Decimal::Parse(absl::string_view text) {
  absl::string_view t = text;
  Decimal d;
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) {
    d.negative_ = t[0] == '-';
    t.remove_prefix(1);
  }
  size_t dot = t.find('.');
  absl::string_view in = t.substr(0, dot);
  absl::string_view fr =
      dot == absl::string_view::npos ? absl::string_view() : t.substr(dot + 1);
  if ((in.empty() && fr.empty()) || !AllDigits(in) || !AllDigits(fr)) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a decimal number: '", text, "'"));
  }
  d.int_ = std::string(StripLeadingZeros(in));
  d.frac_ = std::string(fr);
  return d;
}

Decimal Decimal::FromInt(int64_t v) {
  Decimal d;
  d.negative_ = v < 0;
  uint64_t m = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  if (m != 0) d.int_ = absl::StrCat(m);
  return d;
}

Decimal Decimal::FromUint(uint64_t v) {
  Decimal d;
  if (v != 0) d.int_ = absl::StrCat(v);
  return d;
}

bool Decimal::is_zero() const {
  return int_.empty() && frac_.find_first_not_of('0') == std::string::npos;
}

std::string Decimal::ToString() const {
  std::string out;
  if (negative()) out.push_back('-');
  out += int_.empty() ? "0" : int_;
  if (!frac_.empty()) {
    out.push_back('.');
    out += frac_;
  }
  return out;
}

Decimal Decimal::Rescaled(int scale) const {
  if (scale < 0) scale = 0;
  Decimal d = *this;
  if (static_cast<size_t>(scale) >= frac_.size()) {
    d.frac_.append(scale - frac_.size(), '0');
    return d;
  }
  const bool round_up = frac_[scale] >= '5';
  d.frac_.resize(scale);
  if (!round_up) return d;
  // Add one unit in the last place to the magnitude.
  std::string digits = d.int_ + d.frac_;
  int i = static_cast<int>(digits.size()) - 1;
  while (i >= 0 && digits[i] == '9') digits[i--] = '0';
  if (i >= 0) {
    ++digits[i];
  } else {
    digits.insert(digits.begin(), '1');
  }
  d.int_ = std::string(StripLeadingZeros(
      absl::string_view(digits).substr(0, digits.size() - scale)));
  d.frac_ = digits.substr(digits.size() - scale);
  return d;
}

Decimal operator+(const Decimal& a, const Decimal& b) {
  const int scale = std::max(a.scale(), b.scale());
  const size_t width = std::max(a.int_.size(), b.int_.size()) + 1;
  std::string x = Aligned(a.int_, a.frac_, scale, width);
  std::string y = Aligned(b.int_, b.frac_, scale, width);
  const bool an = a.negative(), bn = b.negative();
  Decimal r;
  std::string out(x.size(), '0');
  if (an == bn) {
    int carry = 0;
    for (int i = static_cast<int>(x.size()) - 1; i >= 0; --i) {
      int s = (x[i] - '0') + (y[i] - '0') + carry;
      out[i] = static_cast<char>('0' + s % 10);
      carry = s / 10;
    }
    r.negative_ = an;
  } else {
    // Subtract the smaller magnitude from the larger.
    bool x_bigger = x >= y;
    const std::string& big = x_bigger ? x : y;
    const std::string& small = x_bigger ? y : x;
    int borrow = 0;
    for (int i = static_cast<int>(x.size()) - 1; i >= 0; --i) {
      int s = (big[i] - '0') - (small[i] - '0') - borrow;
      borrow = s < 0;
      out[i] = static_cast<char>('0' + (s + 10) % 10);
    }
    r.negative_ = x_bigger ? an : bn;
  }
  absl::string_view v(out);
  r.int_ = std::string(StripLeadingZeros(v.substr(0, v.size() - scale)));
  r.frac_ = std::string(v.substr(v.size() - scale));
  return r;
}

Decimal operator*(const Decimal& a, const Decimal& b) {
  const std::string x = a.int_ + a.frac_, y = b.int_ + b.frac_;
  const int scale = a.scale() + b.scale();
  if (x.empty() || y.empty()) return Decimal().Rescaled(scale);
  std::vector<int> acc(x.size() + y.size(), 0);
  for (size_t i = 0; i < x.size(); ++i) {
    for (size_t j = 0; j < y.size(); ++j) {
      acc[i + j + 1] += (x[i] - '0') * (y[j] - '0');
    }
  }
  for (size_t k = acc.size() - 1; k > 0; --k) {  // carry toward the front
    acc[k - 1] += acc[k] / 10;
    acc[k] %= 10;
  }
  std::string digits;
  for (int d : acc) digits.push_back(static_cast<char>('0' + d));
  if (digits.size() < static_cast<size_t>(scale)) {
    digits.insert(digits.begin(), scale - digits.size(), '0');
  }
  Decimal r;
  r.negative_ = a.negative() != b.negative();
  absl::string_view v(digits);
  r.int_ = std::string(StripLeadingZeros(v.substr(0, v.size() - scale)));
  r.frac_ = std::string(v.substr(v.size() - scale));
  return r;
}

Decimal Decimal::DivideBy(uint64_t count, int scale) const {
  if (count == 0) return Decimal();
  if (scale < 0 || static_cast<size_t>(scale) < frac_.size()) {
    scale = static_cast<int>(frac_.size());
  }
  // Integer N = magnitude * 10^scale; quotient digits of N / count.
  std::string n = int_ + frac_;
  n.append(scale - frac_.size(), '0');
  std::string q;
  q.reserve(n.size());
  unsigned __int128 rem = 0;
  for (char c : n) {
    rem = rem * 10 + static_cast<unsigned>(c - '0');
    q.push_back(static_cast<char>('0' + static_cast<int>(rem / count)));
    rem %= count;
  }
  if (rem * 2 >= count) {  // round half away from zero
    int i = static_cast<int>(q.size()) - 1;
    while (i >= 0 && q[i] == '9') q[i--] = '0';
    if (i >= 0) {
      ++q[i];
    } else {
      q.insert(q.begin(), '1');
    }
  }
  if (q.size() < static_cast<size_t>(scale)) {
    q.insert(q.begin(), scale - q.size(), '0');
  }
  Decimal r;
  r.negative_ = negative_;
  absl::string_view v(q);
  r.int_ = std::string(StripLeadingZeros(v.substr(0, v.size() - scale)));
  r.frac_ = std::string(v.substr(v.size() - scale));
  return r;
}

int Decimal::Compare(const Decimal& a, const Decimal& b) {
  return CompareSigned(a.negative_, a.int_, StripTrailingZeros(a.frac_),
                       b.negative_, b.int_, StripTrailingZeros(b.frac_));
}

int Decimal::CompareText(absl::string_view a, absl::string_view b) {
  bool an, bn;
  absl::string_view ai, af, bi, bf;
  Split(a, &an, &ai, &af);
  Split(b, &bn, &bi, &bf);
  return CompareSigned(an, ai, af, bn, bi, bf);
}

}  // namespace tessera::sqltypes
