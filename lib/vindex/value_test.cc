#include "lib/vindex/value.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"

namespace tessera::vindex {
namespace {

using ::tessera::testing::IsOkAndHolds;
using ::tessera::testing::StatusIs;

TEST(ValueTest, ToUint64) {
  EXPECT_EQ(Value::Int64(-1).ToUint64(), 0xffffffffffffffffULL);
  EXPECT_EQ(Value::Uint64(18446744073709551615ULL).ToUint64(),
            18446744073709551615ULL);
  EXPECT_EQ(Value::Text("42").ToUint64(), 42u);
  EXPECT_EQ(Value::Text("-2").ToUint64(), 0xfffffffffffffffeULL);
  EXPECT_FALSE(Value::Text("4x").ToUint64().has_value());
  EXPECT_FALSE(Value(ValueType::kDecimal, "1").ToUint64().has_value());
  EXPECT_FALSE(Value::Null().ToUint64().has_value());
}

TEST(ValueTest, ParseValue) {
  EXPECT_THAT(ParseValue("12", "auto"), IsOkAndHolds(Value::Int64(12)));
  EXPECT_THAT(ParseValue("18446744073709551615", "auto"),
              IsOkAndHolds(Value::Uint64(18446744073709551615ULL)));
  EXPECT_THAT(ParseValue("abc", "auto"), IsOkAndHolds(Value::Text("abc")));
  EXPECT_THAT(ParseValue("null", "auto"), IsOkAndHolds(Value::Null()));
  EXPECT_THAT(ParseValue("12", "text"), IsOkAndHolds(Value::Text("12")));
  EXPECT_THAT(ParseValue("00ff", "hex"),
              IsOkAndHolds(Value::Binary(std::string("\x00\xff", 2))));
  EXPECT_THAT(ParseValue("0f0", "hex"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseValue("-1", "uint"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseValue("1", "float"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(Value::Text("it's").DebugString(), "'it\\'s'");
  EXPECT_EQ(Value::Null().DebugString(), "NULL");
}

}  // namespace
}  // namespace tessera::vindex
