#include "lib/gateway/users.h"

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/mysql/scramble.h"
#include "lib/testing/status_matchers.h"

namespace tessera::gateway {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(UsersTest, ParsesHashesKeyspacesAndHosts) {
  std::string sha2 = mysql::MakeSha2Verifier("pw", 1000);
  std::string json = absl::StrCat(R"({"users": [
    {"user": "app", "native_password": ")",
                                  mysql::NativeHashText("pw"), R"(",
     "keyspaces": ["commerce", "customer"], "hosts": ["10.0.0.0/8"]},
    {"user": "ops", "caching_sha2_password": ")",
                                  sha2, R"("},
    {"user": "anon", "native_password": ""},
    {"user": "cert", "native_password": "", "x509_subject": "/O=T/CN=cert"},
    {"user": "certonly", "x509_subject": "/CN=c", "admin": true}]})");
  auto table = ParseUsers(json);
  ASSERT_THAT(table, IsOk());
  EXPECT_EQ(table->size(), 5u);
  EXPECT_EQ(table->FindByName("cert")->x509_subject, "/O=T/CN=cert");
  EXPECT_FALSE(table->FindByName("cert")->admin);
  const User* certonly = table->FindByName("certonly");
  EXPECT_FALSE(certonly->native_stage2.has_value());
  EXPECT_FALSE(certonly->sha2_verifier.has_value());
  EXPECT_EQ(certonly->x509_subject, "/CN=c");
  EXPECT_TRUE(certonly->admin);
  EXPECT_FALSE(table->FindByName("anon")->x509_subject.has_value());
  const User* app = table->Find("app", "10.1.2.3");
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(*app->native_stage2, mysql::NativeStage2("pw"));
  EXPECT_FALSE(app->sha2_verifier.has_value());
  EXPECT_THAT(app->keyspaces, ElementsAre("commerce", "customer"));
  EXPECT_EQ(table->Find("app", "192.168.1.1"), nullptr);  // host refused
  EXPECT_NE(table->FindByName("app"), nullptr);
  const User* ops = table->Find("ops", "192.168.1.1");
  ASSERT_NE(ops, nullptr);
  EXPECT_EQ(*ops->sha2_verifier, sha2);
  EXPECT_EQ(*table->Find("anon", "::1")->native_stage2, "");
  EXPECT_EQ(table->Find("nobody", "127.0.0.1"), nullptr);
}

TEST(UsersTest, RejectsBadFiles) {
  struct Case {
    const char* json;
    const char* message;
  };
  const Case cases[] = {
      {"not json", "not valid JSON"},
      {R"({"people": []})", "expected"},
      {R"({"users": [{"native_password": ""}]})", "non-empty \"user\""},
      {R"({"users": [{"user": "a"}]})", "needs native_password"},
      {R"({"users": [{"user": "a", "keyspaces": []}]})", "or x509_subject"},
      {R"({"users": [{"user": "a", "native_password": "", "admin": 1}]})",
       "admin must be a boolean"},
      {R"({"users": [{"user": "a", "native_password": "*12"}]})", "40 hex"},
      {R"({"users": [{"user": "a", "native_password": "", "hosts": "x"}]})",
       "must be a list"},
      {R"({"users": [{"user": "a", "native_password": "",
                     "x509_subject": "CN=a"}]})",
       "x509_subject must be"},
      {R"({"users": [{"user": "a", "caching_sha2_password": "plain"}]})",
       "pbkdf2"},
      {R"({"users": [{"user": "a", "native_password": ""},
                     {"user": "a", "native_password": ""}]})",
       "listed twice"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(ParseUsers(c.json), StatusIs(absl::StatusCode::kInvalidArgument,
                                             HasSubstr(c.message)))
        << c.json;
  }
  EXPECT_THAT(LoadUsersFile("/nonexistent/users.json"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST(UsersTest, HostPatterns) {
  struct Case {
    const char* pattern;
    const char* address;
    bool match;
  };
  const Case cases[] = {
      {"%", "1.2.3.4", true},
      {"127.0.0.1", "127.0.0.1", true},
      {"127.0.0.1", "127.0.0.2", false},
      {"localhost", "::1", true},
      {"10.0.0.0/8", "10.255.0.1", true},
      {"10.0.0.0/8", "11.0.0.1", false},
      {"192.168.1.0/24", "192.168.1.77", true},
      {"0.0.0.0/0", "8.8.8.8", true},
      {"10.0.0.0/33", "10.0.0.1", false},
      {"10.0.0.0/8", "::1", false},
      {"::1", "::1", true},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(HostMatches(c.pattern, c.address), c.match)
        << c.pattern << " " << c.address;
  }
}

}  // namespace
}  // namespace tessera::gateway
