#include "lib/mysql/scramble.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"

namespace tessera::mysql {
namespace {

using ::tessera::testing::IsOk;

TEST(ScrambleTest, NativeHashMatchesMysqlPasswordFunction) {
  // PASSWORD('password') in MySQL/MariaDB.
  EXPECT_EQ(NativeHashText("password"),
            "*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");
  auto raw = ParseNativeHash("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");
  ASSERT_THAT(raw, IsOk());
  EXPECT_EQ(*raw, NativeStage2("password"));
  EXPECT_FALSE(
      ParseNativeHash("2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19").ok());
  EXPECT_FALSE(
      ParseNativeHash("*ZZ70C0C06DEE42FD1618BB99005ADCA2EC9D1E19").ok());
}

TEST(ScrambleTest, NativeChallengeResponse) {
  std::string nonce = NewNonce();
  ASSERT_EQ(nonce.size(), 20u);
  for (char c : nonce) {
    EXPECT_NE(c, '\0');
    EXPECT_NE(c, '$');
  }
  std::string stage2 = NativeStage2("secret");
  EXPECT_TRUE(
      VerifyNativeScramble(nonce, NativeScramble(nonce, "secret"), stage2));
  EXPECT_FALSE(
      VerifyNativeScramble(nonce, NativeScramble(nonce, "Secret"), stage2));
  EXPECT_FALSE(VerifyNativeScramble(NewNonce(), NativeScramble(nonce, "secret"),
                                    stage2));
  EXPECT_FALSE(VerifyNativeScramble(nonce, "", stage2));
  EXPECT_FALSE(VerifyNativeScramble(nonce, "short", stage2));
  // Empty password: empty stage2, empty response.
  EXPECT_TRUE(VerifyNativeScramble(nonce, "", ""));
  EXPECT_FALSE(VerifyNativeScramble(nonce, NativeScramble(nonce, "x"), ""));
}

TEST(ScrambleTest, Sha2FastPath) {
  std::string nonce = NewNonce();
  std::string stage2 = Sha2Stage2("secret");
  EXPECT_TRUE(VerifySha2Scramble(nonce, Sha2Scramble(nonce, "secret"), stage2));
  EXPECT_FALSE(VerifySha2Scramble(nonce, Sha2Scramble(nonce, "other"), stage2));
  EXPECT_FALSE(VerifySha2Scramble(nonce, "", stage2));
}

TEST(ScrambleTest, Sha2Verifier) {
  std::string v = MakeSha2Verifier("secret", 1000);
  EXPECT_THAT(ValidateSha2Verifier(v), IsOk());
  EXPECT_TRUE(CheckSha2Verifier(v, "secret"));
  EXPECT_FALSE(CheckSha2Verifier(v, "secret2"));
  EXPECT_NE(v, MakeSha2Verifier("secret", 1000));  // salted
  EXPECT_FALSE(ValidateSha2Verifier("pbkdf2-sha256$10$00$00").ok());
  EXPECT_FALSE(ValidateSha2Verifier("").ok());
  EXPECT_FALSE(CheckSha2Verifier("garbage", "secret"));
}

}  // namespace
}  // namespace tessera::mysql
