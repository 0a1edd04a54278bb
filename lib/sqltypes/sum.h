// Running SUM over partial results from shards, as MySQL would compute it.
//
// SUM over integer and DECIMAL columns is exact (MySQL returns a DECIMAL);
// over FLOAT/DOUBLE it is a double. AVG is computed as SUM / COUNT with
// MySQL's result scale (the argument's scale + div_precision_increment, 4).
//
// Thread safety: not thread-safe; one accumulator per group.
#ifndef TESSERA_LIB_SQLTYPES_SUM_H_
#define TESSERA_LIB_SQLTYPES_SUM_H_

#include <cstdint>

#include "absl/status/status.h"
#include "lib/sqltypes/decimal.h"
#include "lib/sqltypes/kind.h"
#include "tessera/result.h"

namespace tessera::sqltypes {

inline constexpr int kDivPrecisionIncrement = 4;
inline constexpr int kMaxDecimalScale = 38;

class SumAccumulator {
 public:
  // `kind` is the kind of the cells that will be added.
  explicit SumAccumulator(Kind kind) : is_float_(kind == Kind::kFloat) {}

  // Adds a cell; NULL is skipped. Errors (1105 HY000) on a non-number.
  absl::Status Add(const Value& cell);
  bool empty() const { return empty_; }
  void Reset();

  // The sum (NULL when nothing was added).
  Value Sum() const;
  // Sum / count at MySQL's AVG scale; NULL when count is 0 or empty.
  Value Average(uint64_t count) const;

 private:
  bool is_float_;
  bool empty_ = true;
  double float_sum_ = 0;
  Decimal sum_;
};

}  // namespace tessera::sqltypes

#endif  // TESSERA_LIB_SQLTYPES_SUM_H_
