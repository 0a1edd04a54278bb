#include "lib/sqltypes/compare.h"

#include <string>

#include "gtest/gtest.h"

namespace tessera::sqltypes {
namespace {

TypedValue V(Kind k, const char* s) { return TypedValue::Of(k, s); }

TEST(CompareTest, TypedTable) {
  struct Case {
    TypedValue a, b;
    int want;
  } cases[] = {
      {TypedValue::Null(), TypedValue::Null(), 0},
      {TypedValue::Null(), V(Kind::kInt, "-5"), -1},
      {V(Kind::kInt, "-5"), TypedValue::Null(), 1},
      {V(Kind::kInt, "2"), V(Kind::kInt, "10"), -1},
      {V(Kind::kUint, "18446744073709551615"), V(Kind::kInt, "-1"), 1},
      {V(Kind::kInt, "9223372036854775807"),
       V(Kind::kUint, "9223372036854775808"), -1},
      {V(Kind::kInt, "3"), V(Kind::kDecimal, "3.00"), 0},
      {V(Kind::kDecimal, "3.01"), V(Kind::kInt, "3"), 1},
      {V(Kind::kDecimal, "12345678901234567890.1"),
       V(Kind::kDecimal, "12345678901234567890.01"), 1},
      {V(Kind::kFloat, "1e1"), V(Kind::kInt, "10"), 0},
      {V(Kind::kFloat, "0.5"), V(Kind::kDecimal, "0.49"), 1},
      {V(Kind::kDate, "2020-01-02"), V(Kind::kDateTime, "2020-01-02 00:00:00"),
       0},
      {V(Kind::kDateTime, "2020-01-02 00:00:00.5"),
       V(Kind::kDateTime, "2020-01-02 00:00:00"), 1},
      {V(Kind::kTime, "-01:00:00"), V(Kind::kTime, "00:59:59"), -1},
      {V(Kind::kTime, "100:00:00"), V(Kind::kTime, "99:59:59"), 1},
      {V(Kind::kText, "abc"), V(Kind::kText, "ABC"), 0},
      {V(Kind::kText, "abc "), V(Kind::kText, "ABC"), 0},
      {V(Kind::kText, "a"), V(Kind::kText, "_"), -1},  // 'A' < '_'
      {V(Kind::kBinary, "a"), V(Kind::kBinary, "B"), 1},
      {V(Kind::kBinary, "a "), V(Kind::kBinary, "a"), 1},
  };
  int i = 0;
  for (const auto& c : cases) {
    EXPECT_EQ(Compare(c.a, c.b), c.want) << "case " << i;
    EXPECT_EQ(Compare(c.b, c.a), -c.want) << "case " << i << " reversed";
    ++i;
  }
}

TEST(CompareTest, Collations) {
  CollationInfo bin = CollationOf(46);  // utf8mb4_bin
  EXPECT_FALSE(bin.case_insensitive);
  EXPECT_TRUE(bin.pad_space);
  EXPECT_EQ(CompareText("a", "B", bin), 1);
  EXPECT_EQ(CompareText("a  ", "a", bin), 0);
  CollationInfo nopad = CollationOf(1024 + 45);
  EXPECT_TRUE(nopad.case_insensitive);
  EXPECT_FALSE(nopad.pad_space);
  EXPECT_EQ(CompareText("a ", "A", nopad), 1);
  EXPECT_TRUE(CollationOf(63).binary);
}

TEST(CompareTest, CellsByColumnType) {
  ColumnType ints{Kind::kInt, 63};
  EXPECT_EQ(CompareCells(Value::Text("9"), Value::Text("10"), ints), -1);
  EXPECT_EQ(CompareCells(Value::Null(), Value::Text("-10"), ints), -1);
  ColumnType text{Kind::kText, 45};
  EXPECT_EQ(CompareCells(Value::Text("b"), Value::Text("A"), text), 1);
  ColumnType dec{Kind::kDecimal, 63};
  EXPECT_EQ(CompareCells(Value::Text("-1.5"), Value::Text("-1.25"), dec), -1);
}

TEST(CompareTest, KeysEqualExactlyWhenValuesCompareEqual) {
  struct Case {
    ColumnType type;
    const char* a;
    const char* b;
    bool equal;
  } cases[] = {
      {{Kind::kDecimal, 63}, "1.50", "1.5", true},
      {{Kind::kDecimal, 63}, "-0.00", "0", true},
      {{Kind::kInt, 63}, "10", "1", false},
      {{Kind::kFloat, 63}, "1e1", "10", true},
      {{Kind::kText, 45}, "Abc ", "aBC", true},
      {{Kind::kText, 46}, "Abc", "abc", false},
      {{Kind::kBinary, 63}, "a", "a ", false},
      {{Kind::kDateTime, 63},
       "2020-01-01 00:00:00",
       "2020-01-01 00:00:00.000",
       true},
  };
  for (const auto& c : cases) {
    std::string ka, kb;
    AppendKey(Value::Text(c.a), c.type, &ka);
    AppendKey(Value::Text(c.b), c.type, &kb);
    EXPECT_EQ(ka == kb, c.equal) << c.a << " vs " << c.b;
  }
  std::string null_key, empty_key;
  AppendKey(Value::Null(), {Kind::kText, 45}, &null_key);
  AppendKey(Value::Text(""), {Kind::kText, 45}, &empty_key);
  EXPECT_NE(null_key, empty_key);
}

TEST(KindTest, FromFields) {
  Field f;
  f.type = FieldType::kLongLong;
  f.flags = field_flag::kUnsigned;
  EXPECT_EQ(KindOf(f), Kind::kUint);
  f.type = FieldType::kVarString;
  f.charset = 63;
  EXPECT_EQ(KindOf(f), Kind::kBinary);
  f.charset = 45;
  EXPECT_EQ(KindOf(f), Kind::kText);
  f.type = FieldType::kNewDecimal;
  EXPECT_EQ(KindOf(f), Kind::kDecimal);
  f.type = FieldType::kTimestamp;
  EXPECT_EQ(KindOf(f), Kind::kDateTime);
}

}  // namespace
}  // namespace tessera::sqltypes
