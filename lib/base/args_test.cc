#include "lib/base/args.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"

namespace tessera {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

Args MakeArgs() {
  Args a;
  a.AddInt("shards", 2, "number of shards");
  a.AddString("dir", ".tessera/local", "state directory");
  a.AddBool("replicas", false, "one replica per shard");
  return a;
}

TEST(ArgsTest, DefaultsWhenUnset) {
  Args a = MakeArgs();
  ASSERT_THAT(a.Parse({}), IsOk());
  EXPECT_EQ(a.GetInt("shards"), 2);
  EXPECT_EQ(a.GetString("dir"), ".tessera/local");
  EXPECT_FALSE(a.GetBool("replicas"));
  EXPECT_FALSE(a.IsSet("shards"));
}

TEST(ArgsTest, AllForms) {
  Args a = MakeArgs();
  ASSERT_THAT(a.Parse({"--shards=4", "x", "--dir", "/tmp/d", "--replicas", "--",
                       "--shards=9"}),
              IsOk());
  EXPECT_EQ(a.GetInt("shards"), 4);
  EXPECT_EQ(a.GetString("dir"), "/tmp/d");
  EXPECT_TRUE(a.GetBool("replicas"));
  EXPECT_TRUE(a.IsSet("shards"));
  EXPECT_THAT(a.positional(), ElementsAre("x", "--shards=9"));
}

TEST(ArgsTest, NegatedBool) {
  Args a = MakeArgs();
  a.AddBool("tls", true, "use tls");
  ASSERT_THAT(a.Parse({"--notls"}), IsOk());
  EXPECT_FALSE(a.GetBool("tls"));
}

TEST(ArgsTest, Errors) {
  struct Case {
    std::vector<std::string> argv;
    const char* message;
  } cases[] = {
      {{"--nope"}, "unknown flag --nope"},
      {{"--shards=four"}, "wants an integer"},
      {{"--replicas=maybe"}, "wants true or false"},
      {{"--dir"}, "needs a value"},
  };
  for (const Case& c : cases) {
    Args a = MakeArgs();
    EXPECT_THAT(a.Parse(c.argv), StatusIs(absl::StatusCode::kInvalidArgument,
                                          HasSubstr(c.message)));
  }
}

}  // namespace
}  // namespace tessera
