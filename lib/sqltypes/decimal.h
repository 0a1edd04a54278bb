// Exact decimal numbers as MySQL prints them ("-12.50", "7", "0.0001").
//
// Used to merge SUM/AVG results of DECIMAL and integer columns across
// shards without losing precision: MySQL's SUM over integers returns a
// DECIMAL, and a 65-digit DECIMAL does not fit any machine type. Numbers
// are kept as digit strings; operations are linear in the digit count.
//
// Thread safety: a plain value type.
#ifndef TESSERA_LIB_SQLTYPES_DECIMAL_H_
#define TESSERA_LIB_SQLTYPES_DECIMAL_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::sqltypes {

class Decimal {
 public:
  Decimal() = default;  // 0

  // Parses "[+-]digits[.digits]" (also ".5" and "5."). Errors (1105 HY000
  // style InvalidArgument) on anything else, e.g. exponents or spaces.
  static absl::StatusOr<Decimal> Parse(absl::string_view text);
  static Decimal FromInt(int64_t v);
  static Decimal FromUint(uint64_t v);

  bool is_zero() const;
  bool negative() const { return negative_ && !is_zero(); }
  int scale() const { return static_cast<int>(frac_.size()); }

  // The text MySQL would print with this number's scale: "-0.50", "12".
  std::string ToString() const;
  // Rounds (half away from zero, as MySQL) or pads to `scale` digits.
  Decimal Rescaled(int scale) const;

  // Sum and difference; the scale is the larger of the two scales.
  friend Decimal operator+(const Decimal& a, const Decimal& b);
  friend Decimal operator-(const Decimal& a, const Decimal& b) {
    return a + b.Negated();
  }
  // Exact product; the scale is the sum of the scales (as MySQL).
  friend Decimal operator*(const Decimal& a, const Decimal& b);
  Decimal Negated() const {
    Decimal d = *this;
    d.negative_ = !negative_;
    return d;
  }
  // Quotient by a positive count, rounded half away from zero to `scale`.
  Decimal DivideBy(uint64_t count, int scale) const;

  // Three-way numeric comparison (scale does not matter: 1.0 == 1).
  static int Compare(const Decimal& a, const Decimal& b);
  // Same, on the texts directly, without allocating. Both must be valid.
  static int CompareText(absl::string_view a, absl::string_view b);

  friend bool operator==(const Decimal& a, const Decimal& b) {
    return Compare(a, b) == 0;
  }

 private:
  bool negative_ = false;
  std::string int_;   // integer digits, no leading zeros ("" for 0)
  std::string frac_;  // fraction digits, scale() of them
};

}  // namespace tessera::sqltypes

#endif  // TESSERA_LIB_SQLTYPES_DECIMAL_H_
