#include "lib/gateway/gateway.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/gateway/users.h"
#include "lib/mysql/scramble.h"
#include "lib/testing/status_matchers.h"

namespace tessera::gateway {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::StatusIs;

TEST(GatewayTest, ParseHostPort) {
  std::string host;
  int port = 0;
  ASSERT_THAT(ParseHostPort("127.0.0.1:15306", &host, &port), IsOk());
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 15306);
  ASSERT_THAT(ParseHostPort("[::1]:0", &host, &port), IsOk());
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 0);
  for (const char* bad : {"", "host", ":3306", "h:x", "h:70000"}) {
    EXPECT_FALSE(ParseHostPort(bad, &host, &port).ok()) << bad;
  }
}

TEST(GatewayTest, UserEntryParsesBack) {
  std::string entry = UserEntryJson("app", "pa\"ss", 1000);
  auto table = ParseUsers("{\"users\": [" + entry + "]}");
  ASSERT_THAT(table, IsOk());
  const User* u = table->Find("app", "1.2.3.4");
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(*u->native_stage2, mysql::NativeStage2("pa\"ss"));
  EXPECT_TRUE(mysql::CheckSha2Verifier(*u->sha2_verifier, "pa\"ss"));
}

TEST(GatewayTest, StartFailsOnMissingUsersFile) {
  GatewayOptions o;
  o.users_file = "/nonexistent/users.json";
  o.server.port = 0;
  EXPECT_THAT(Gateway::Start(o), StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace tessera::gateway
