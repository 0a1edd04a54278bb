#include "lib/base/json.h"

#include "gtest/gtest.h"

namespace tessera {
namespace {

TEST(JsonTest, EscapesQuotesBackslashesAndControls) {
  std::string out;
  AppendJsonString("a\"b\\c\n\t\x01 é", &out);
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\t\\u0001 é\"");
}

}  // namespace
}  // namespace tessera
