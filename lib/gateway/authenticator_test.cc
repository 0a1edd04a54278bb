#include "lib/gateway/authenticator.h"

#include <fstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/mysql/scramble.h"
#include "lib/testing/status_matchers.h"

namespace tessera::gateway {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::MysqlErrorIs;

std::string UsersJson(const std::string& native_pw) {
  return absl::StrCat(R"({"users": [{"user": "app", "native_password": ")",
                      mysql::NativeHashText(native_pw),
                      R"(", "keyspaces": ["ks"], "hosts": ["127.0.0.1"]},
      {"user": "sha", "caching_sha2_password": ")",
                      mysql::MakeSha2Verifier("s3cret", 1000), R"("},
      {"user": "cert", "x509_subject": "/CN=cert", "admin": true}]})");
}

TEST(AuthenticatorTest, LookupVerifyCacheAndReload) {
  auto table = ParseUsers(UsersJson("pw1"));
  ASSERT_THAT(table, IsOk());
  GatewayAuthenticator auth(std::move(*table), RateLimiterOptions());

  auto app = auth.Lookup("app", "127.0.0.1");
  ASSERT_THAT(app, IsOk());
  EXPECT_EQ(*app->native_stage2, mysql::NativeStage2("pw1"));
  EXPECT_FALSE(app->sha2);
  EXPECT_EQ(app->allowed_keyspaces, std::vector<std::string>{"ks"});
  EXPECT_FALSE(auth.Lookup("app", "10.0.0.1").ok());  // host
  EXPECT_FALSE(auth.Lookup("ghost", "127.0.0.1").ok());

  EXPECT_FALSE(app->certificate_only);
  EXPECT_FALSE(app->admin);
  auto cert = auth.Lookup("cert", "10.0.0.1");
  ASSERT_THAT(cert, IsOk());
  EXPECT_TRUE(cert->certificate_only);
  EXPECT_TRUE(cert->admin);
  EXPECT_EQ(cert->required_x509_subject, "/CN=cert");
  EXPECT_FALSE(cert->native_stage2.has_value());
  EXPECT_FALSE(cert->sha2);

  auto sha = auth.Lookup("sha", "10.0.0.1");
  ASSERT_THAT(sha, IsOk());
  EXPECT_TRUE(sha->sha2);
  EXPECT_FALSE(sha->sha2_cached_stage2.has_value());
  EXPECT_FALSE(auth.VerifyPassword("sha", "wrong"));
  EXPECT_TRUE(auth.VerifyPassword("sha", "s3cret"));
  sha = auth.Lookup("sha", "10.0.0.1");
  ASSERT_TRUE(sha->sha2_cached_stage2.has_value());
  EXPECT_EQ(*sha->sha2_cached_stage2, mysql::Sha2Stage2("s3cret"));

  // Reload: new native hash, cache emptied; a bad file keeps the old users.
  std::string path = std::string(getenv("TEST_TMPDIR")) + "/users.json";
  std::ofstream(path) << UsersJson("pw2");
  ASSERT_THAT(auth.Reload(path), IsOk());
  EXPECT_EQ(*auth.Lookup("app", "127.0.0.1")->native_stage2,
            mysql::NativeStage2("pw2"));
  EXPECT_FALSE(auth.Lookup("sha", "x")->sha2_cached_stage2.has_value());
  std::ofstream(path) << "{broken";
  EXPECT_FALSE(auth.Reload(path).ok());
  EXPECT_EQ(*auth.Lookup("app", "127.0.0.1")->native_stage2,
            mysql::NativeStage2("pw2"));
}

TEST(AuthenticatorTest, RateLimitsFailuresPerSource) {
  RateLimiterOptions limits;
  limits.free_failures = 2;
  limits.base_backoff = absl::Hours(1);
  GatewayAuthenticator auth(*ParseUsers(UsersJson("pw")), limits);
  for (int i = 0; i < 3; ++i) auth.RecordLogin("10.0.0.9", false);
  EXPECT_THAT(auth.CheckSource("10.0.0.9"), MysqlErrorIs(1129, "HY000"));
  EXPECT_THAT(auth.CheckSource("10.0.0.10"), IsOk());
}

}  // namespace
}  // namespace tessera::gateway
