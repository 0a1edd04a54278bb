#include "lib/vindex/unicode_fold.h"

#include <random>

#include "gtest/gtest.h"

namespace tessera::vindex {
namespace {

TEST(UnicodeFoldTest, Cases) {
  struct Case {
    std::string in;
    std::string out;
  } cases[] = {
      {"Hello World", "hello world"},
      {"trailing   ", "trailing"},
      {"  leading", "  leading"},
      {"\xc3\x89\x63ole", "ecole"},  // École
      {"E\xcc\x81", "e"},            // E + combining acute
      {"Stra\xc3\x9f"
       "e",
       "strasse"},                                               // Straße
      {"\xc3\x86sir", "aesir"},                                  // Æsir
      {"\xce\xa3\xce\x8f\xcf\x82", "\xcf\x83\xcf\x89\xcf\x83"},  // ΣΏς -> σωσ
      {"\xd0\x81\xd0\x96", "\xd1\x91\xd0\xb6"},                  // ЁЖ -> ёж
      {"a\xff"
       "b\xc3",
       "ab"},  // invalid bytes dropped
      {"\xe6\x97\xa5\xe6\x9c\xac", "\xe6\x97\xa5\xe6\x9c\xac"},  // 日本 as is
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(UnicodeLooseFold(c.in), c.out) << c.in;
}

}  // namespace
}  // namespace tessera::vindex

namespace tessera::vindex {
namespace {

// Random bytes: the fold never crashes, is idempotent, and its output is
// valid UTF-8 without trailing spaces.
TEST(UnicodeFoldTest, RandomBytes) {
  std::mt19937 rng(7);
  for (int i = 0; i < 3000; ++i) {
    std::string in(rng() % 24, '\0');
    for (char& c : in) c = static_cast<char>(rng() & 0xff);
    std::string once = UnicodeLooseFold(in);
    EXPECT_EQ(UnicodeLooseFold(once), once);
    EXPECT_TRUE(once.empty() || once.back() != ' ');
  }
}

}  // namespace
}  // namespace tessera::vindex
