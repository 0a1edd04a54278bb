#include "lib/vindex/unicode_fold.h"

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
