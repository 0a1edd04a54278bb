#include "lib/sqltypes/decimal.h"

#include <string>

#include "gtest/gtest.h"
#include "lib/sqltypes/sum.h"
#include "lib/sqltypes/value.h"

namespace tessera::sqltypes {
namespace {

Decimal D(const std::string& s) {
  auto d = Decimal::Parse(s);
  EXPECT_TRUE(d.ok()) << s;
  return d.ok() ? *d : Decimal();
}

TEST(DecimalTest, ParseRejectsGarbage) {
  for (const char* bad : {"", "-", ".", "1e5", "1.2.3", " 1", "abc", "1-"}) {
    EXPECT_FALSE(Decimal::Parse(bad).ok()) << bad;
  }
}

TEST(DecimalTest, AddTable) {
  struct Case {
    const char* a;
    const char* b;
    const char* sum;
  } cases[] = {
      {"1", "2", "3"},
      {"0.5", "0.25", "0.75"},
      {"-1.50", "1.5", "0.00"},
      {"-3", "1", "-2"},
      {"1", "-3", "-2"},
      {"999999999999999999999999999999", "1",
       "1000000000000000000000000000000"},
      {"-0.01", "-0.99", "-1.00"},
      {"12.345", "-0.005", "12.340"},
      {"18446744073709551615", "18446744073709551615", "36893488147419103230"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ((D(c.a) + D(c.b)).ToString(), c.sum) << c.a << " + " << c.b;
  }
}

TEST(DecimalTest, CompareTable) {
  struct Case {
    const char* a;
    const char* b;
    int want;
  } cases[] = {
      {"1", "1.000", 0},  {"-0", "0.0", 0},
      {"10", "9.99", 1},  {"-10", "-9.99", -1},
      {"0.1", "0.09", 1}, {"007", "7", 0},
      {"-1", "0", -1},    {"123456789012345678901234567890", "2", 1},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Decimal::Compare(D(c.a), D(c.b)), c.want) << c.a << " " << c.b;
    EXPECT_EQ(Decimal::CompareText(c.a, c.b), c.want) << c.a << " " << c.b;
    EXPECT_EQ(Decimal::CompareText(c.b, c.a), -c.want) << c.a << " " << c.b;
  }
}

// Random exact checks against __int128 arithmetic on values with scale 3.
TEST(DecimalTest, RandomSumsAndComparesMatchIntegerArithmetic) {
  uint64_t x = 88172645463325252ull;
  auto next = [&x]() {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  auto text = [](__int128 v) {  // v thousandths
    bool neg = v < 0;
    unsigned __int128 m = neg ? -v : v;
    std::string digits;
    do {
      digits.insert(digits.begin(), static_cast<char>('0' + m % 10));
      m /= 10;
    } while (m != 0);
    while (digits.size() < 4) digits.insert(digits.begin(), '0');
    std::string out = neg ? "-" : "";
    out += digits.substr(0, digits.size() - 3) + "." +
           digits.substr(digits.size() - 3);
    return out;
  };
  for (int i = 0; i < 2000; ++i) {
    __int128 a = static_cast<int64_t>(next()) / ((next() % 7) + 1);
    __int128 b = static_cast<int64_t>(next() >> (next() % 60));
    if (next() % 2) b = -b;
    Decimal da = D(text(a)), db = D(text(b));
    std::string want = text(a + b);
    if (want == "-0.000") want = "0.000";
    EXPECT_EQ((da + db).ToString(), want) << text(a) << " + " << text(b);
    int cmp = a < b ? -1 : (a > b ? 1 : 0);
    EXPECT_EQ(Decimal::Compare(da, db), cmp) << text(a) << " ? " << text(b);
    EXPECT_EQ(Decimal::CompareText(text(a), text(b)), cmp);
  }
}

TEST(DecimalTest, DivideRoundsHalfAwayFromZero) {
  EXPECT_EQ(D("3").DivideBy(2, 4).ToString(), "1.5000");
  EXPECT_EQ(D("2").DivideBy(3, 4).ToString(), "0.6667");
  EXPECT_EQ(D("-2").DivideBy(3, 4).ToString(), "-0.6667");
  EXPECT_EQ(D("1").DivideBy(8, 2).ToString(), "0.13");
  EXPECT_EQ(D("10.50").DivideBy(4, 6).ToString(), "2.625000");
  EXPECT_EQ(D("0").DivideBy(5, 4).ToString(), "0.0000");
  EXPECT_EQ(
      D("18446744073709551615").DivideBy(18446744073709551615ull, 4).ToString(),
      "1.0000");
}

TEST(DecimalTest, MultiplyIsExact) {
  struct Case {
    const char* a;
    const char* b;
    const char* product;
  } cases[] = {
      {"1.25", "4", "5.00"},
      {"-1.5", "1.5", "-2.25"},
      {"0", "-3.0", "0.0"},
      {"0", "0", "0"},
      {"0.0", "7", "0.0"},
      {"0.001", "0.01", "0.00001"},
      {"99999999999999999999", "99999999999999999999",
       "9999999999999999999800000000000000000001"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ((D(c.a) * D(c.b)).ToString(), c.product) << c.a << " * " << c.b;
  }
}

TEST(DecimalTest, Rescale) {
  EXPECT_EQ(D("1.25").Rescaled(1).ToString(), "1.3");
  EXPECT_EQ(D("-1.25").Rescaled(1).ToString(), "-1.3");
  EXPECT_EQ(D("9.99").Rescaled(1).ToString(), "10.0");
  EXPECT_EQ(D("1").Rescaled(2).ToString(), "1.00");
}

TEST(SumTest, ExactDecimalAndIntegers) {
  SumAccumulator sum(Kind::kDecimal);
  EXPECT_TRUE(sum.empty());
  EXPECT_TRUE(sum.Sum().is_null());
  EXPECT_TRUE(sum.Add(Value::Text("9223372036854775807")).ok());
  EXPECT_TRUE(sum.Add(Value::Null()).ok());
  EXPECT_TRUE(sum.Add(Value::Text("9223372036854775807")).ok());
  EXPECT_EQ(sum.Sum().bytes(), "18446744073709551614");
  EXPECT_EQ(sum.Average(4).bytes(), "4611686018427387903.5000");
  EXPECT_FALSE(sum.Add(Value::Text("x")).ok());
}

TEST(SumTest, FloatUsesDoubles) {
  SumAccumulator sum(Kind::kFloat);
  ASSERT_TRUE(sum.Add(Value::Text("0.1")).ok());
  ASSERT_TRUE(sum.Add(Value::Text("0.2")).ok());
  EXPECT_EQ(sum.Sum().bytes(), "0.30000000000000004");
  EXPECT_EQ(sum.Average(0).is_null(), true);
}

TEST(FormatDoubleTest, LikeMariadb) {
  EXPECT_EQ(FormatDouble(1e20), "1e20");
  EXPECT_EQ(FormatDouble(1.5e-7), "1.5e-7");
  EXPECT_EQ(FormatDouble(123.25), "123.25");
  EXPECT_EQ(FormatDouble(-0.001), "-0.001");
  EXPECT_EQ(FormatDouble(100), "100");
  EXPECT_EQ(FormatDouble(0), "0");
  EXPECT_EQ(FormatDouble(123456789012345.0), "123456789012345");
}

}  // namespace
}  // namespace tessera::sqltypes
