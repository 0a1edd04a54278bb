#include "lib/key/key_range.h"

#include <random>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"

namespace tessera::key {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::StatusIs;
using ::testing::HasSubstr;

std::string Hex(absl::string_view h) { return *KeyspaceIdFromHex(h); }

KeyRange Range(absl::string_view name) {
  auto r = ParseShardName(name);
  EXPECT_THAT(r, IsOk()) << name;
  return r.ok() ? *r : KeyRange{};
}

TEST(KeyRangeTest, ParseAndFormatRoundTrip) {
  struct Case {
    const char* name;
    const char* start;
    const char* end;
    const char* formatted;
  } cases[] = {
      {"-80", "", "80", "-80"},
      {"80-", "80", "", "80-"},
      {"80-c0", "80", "c0", "80-c0"},
      {"-", "", "", "-"},
      {"0", "", "", "-"},
      {"4000-4080", "4000", "4080", "4000-4080"},
      {"C0-E0", "c0", "e0", "c0-e0"},
  };
  for (const Case& c : cases) {
    auto r = ParseShardName(c.name);
    ASSERT_THAT(r, IsOk()) << c.name;
    EXPECT_EQ(KeyspaceIdToHex(r->start), c.start) << c.name;
    EXPECT_EQ(KeyspaceIdToHex(r->end), c.end) << c.name;
    EXPECT_EQ(r->ToShardName(), c.formatted) << c.name;
  }
}

TEST(KeyRangeTest, ParseErrors) {
  for (const char* bad :
       {"", "80", "8-", "-8", "zz-", "80-40", "80-80", "-80-", "80c0"}) {
    EXPECT_THAT(ParseShardName(bad),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("bad shard name")))
        << bad;
  }
}

TEST(KeyRangeTest, Contains) {
  struct Case {
    const char* shard;
    const char* ksid;
    bool in;
  } cases[] = {
      {"-80", "00", true},
      {"-80", "7fffffffffffffff", true},
      {"-80", "80", false},
      {"-80", "8000000000000000", false},
      {"80-", "80", true},
      {"80-", "8000000000000000", true},
      {"80-", "7f", false},
      {"80-c0", "bfff", true},
      {"80-c0", "c0", false},
      {"-", "", true},
      {"-", "ffffffffffffffff", true},
      {"4000-4080", "4040", true},
      {"4000-4080", "40", false},  // 0x40 < 0x4000 as bytes
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Range(c.shard).Contains(Hex(c.ksid)), c.in)
        << c.shard << " " << c.ksid;
  }
}

TEST(KeyRangeTest, IntersectAndIntersection) {
  struct Case {
    const char* a;
    const char* b;
    const char* common;  // nullptr = disjoint
  } cases[] = {
      {"-80", "80-", nullptr},
      {"-80", "40-c0", "40-80"},
      {"40-c0", "-80", "40-80"},
      {"-", "40-80", "40-80"},
      {"80-", "c0-", "c0-"},
      {"-40", "40-80", nullptr},
      {"-4000", "40-80", nullptr},  // trailing zeros ignored
      {"-", "-", "-"},
  };
  for (const Case& c : cases) {
    KeyRange a = Range(c.a), b = Range(c.b);
    std::optional<KeyRange> got = a.Intersection(b);
    EXPECT_EQ(a.Intersects(b), c.common != nullptr) << c.a << " " << c.b;
    EXPECT_EQ(b.Intersects(a), c.common != nullptr) << c.a << " " << c.b;
    if (c.common == nullptr) {
      EXPECT_FALSE(got.has_value()) << c.a << " " << c.b;
    } else {
      ASSERT_TRUE(got.has_value()) << c.a << " " << c.b;
      EXPECT_TRUE(got->Equals(Range(c.common)))
          << c.a << " " << c.b << " got " << got->ToShardName();
    }
  }
  // "-40" and "40-80" share no ids; "-40" is contained in "-80".
  EXPECT_TRUE(Range("-80").ContainsRange(Range("-40")));
  EXPECT_TRUE(Range("-").ContainsRange(Range("40-80")));
  EXPECT_FALSE(Range("40-80").ContainsRange(Range("-")));
  EXPECT_FALSE(Range("-80").ContainsRange(Range("40-")));
  EXPECT_TRUE(Range("80-").Equals(Range("8000-")));
}

TEST(KeyRangeTest, HexHelpers) {
  EXPECT_EQ(KeyspaceIdToHex(std::string("\x16\x6b\x40\xb4", 4)), "166b40b4");
  EXPECT_THAT(KeyspaceIdFromHex("abc"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(KeyspaceIdFromHex("zz"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(*KeyspaceIdFromHex("ABcd"), std::string("\xab\xcd", 2));
}

}  // namespace
}  // namespace tessera::key

namespace tessera::key {
namespace {

TEST(KeyRangeTest, RandomNamesNeverCrash) {
  std::mt19937 rng(11);
  const std::string alphabet = "0123456789abcdefABCDEF-xz";
  int parsed = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string name(rng() % 10, ' ');
    for (char& c : name) c = alphabet[rng() % alphabet.size()];
    auto r = ParseShardName(name);
    if (!r.ok()) continue;
    ++parsed;
    // A parsed range formats to a name that parses to the same range.
    auto again = ParseShardName(r->ToShardName());
    ASSERT_TRUE(again.ok()) << name;
    EXPECT_TRUE(again->Equals(*r)) << name;
  }
  EXPECT_GT(parsed, 0);
}

}  // namespace
}  // namespace tessera::key
