#include "lib/key/coverage.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"

namespace tessera::key {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::StatusIs;
using ::testing::HasSubstr;

TEST(CoverageTest, CompleteSets) {
  std::vector<std::vector<std::string>> good = {
      {"-"},
      {"0"},
      {"-80", "80-"},
      {"80-", "-80"},
      {"-40", "40-80", "80-c0", "c0-"},
      {"-4000", "40-80", "8000-"},
      {"-40", "40-4080", "4080-41", "41-"},
  };
  for (const auto& set : good) {
    EXPECT_THAT(ValidateShardNames(set), IsOk()) << set.size();
  }
}

TEST(CoverageTest, ErrorsNameTheProblem) {
  struct Case {
    std::vector<std::string> shards;
    const char* message;
  } cases[] = {
      {{}, "no shards"},
      {{"-40", "80-"},
       "gap: [40, 80) is covered by no shard (between -40 and "
       "80-)"},
      {{"40-"},
       "gap: [, 40) is covered by no shard (before the first shard "
       "40-)"},
      {{"-80"},
       "gap: [80, ) is covered by no shard (after the last shard "
       "-80)"},
      {{"-80", "40-"}, "overlap: shards -80 and 40- both cover [40, 80)"},
      {{"-", "80-"}, "overlap: shards - and 80- both cover [80, )"},
      {{"-80", "-40", "80-"}, "overlap: shards -40 and -80 both cover [, 40)"},
      {{"-80", "x-"}, "bad shard name 'x-'"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(
        ValidateShardNames(c.shards),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.message)))
        << c.message;
  }
}

TEST(CoverageTest, FindShard) {
  auto shards = ParseShards({"-40", "40-80", "80-c0", "c0-"});
  ASSERT_THAT(shards, IsOk());
  struct Case {
    std::string ksid;
    size_t index;
  } cases[] = {
      {std::string("\x00", 1), 0},
      {"\x3f\xff", 0},
      {"\x40", 1},
      {"\x7f\xff\xff\xff\xff\xff\xff\xff", 1},
      {"\x80", 2},
      {"\xc0\x00\x01", 3},
      {"\xff\xff", 3},
      {"", 0},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(FindShard(*shards, c.ksid),
                ::tessera::testing::IsOkAndHolds(c.index))
        << KeyspaceIdToHex(c.ksid);
  }
  auto partial = ParseShards({"-40"});
  EXPECT_THAT(FindShard(*partial, "\x90"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("90")));
}

TEST(CoverageTest, ShardsForRange) {
  auto shards = ParseShards({"-40", "40-80", "80-c0", "c0-"});
  ASSERT_THAT(shards, IsOk());
  EXPECT_THAT(ShardsForRange(*shards, KeyRange::Full()),
              ::testing::ElementsAre(0, 1, 2, 3));
  EXPECT_THAT(ShardsForRange(*shards, *ParseShardName("50-90")),
              ::testing::ElementsAre(1, 2));
  EXPECT_THAT(ShardsForRange(*shards, *ParseShardName("40-80")),
              ::testing::ElementsAre(1));
}

}  // namespace
}  // namespace tessera::key
