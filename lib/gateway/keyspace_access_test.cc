#include "lib/gateway/keyspace_access.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"

namespace tessera::gateway {
namespace {

using ::tessera::testing::MysqlErrorIs;

TEST(KeyspaceAccessTest, ParsesUseStatements) {
  std::string db;
  EXPECT_TRUE(ParseUseStatement("  use other ;", &db));
  EXPECT_EQ(db, "other");
  EXPECT_TRUE(ParseUseStatement("USE `we``ird`", &db));
  EXPECT_EQ(db, "we`ird");
  EXPECT_TRUE(ParseUseStatement("use\tx;;", &db));
  EXPECT_EQ(db, "x");
  EXPECT_FALSE(ParseUseStatement("user()", &db));
  EXPECT_FALSE(ParseUseStatement("SELECT 1", &db));
  EXPECT_FALSE(ParseUseStatement("use", &db));
}

TEST(KeyspaceAccessTest, AllowsListedOrUnrestricted) {
  const std::vector<std::string> some = {"a", "b"};
  EXPECT_TRUE(KeyspaceAllowed(some, "a"));
  EXPECT_TRUE(KeyspaceAllowed(some, ""));
  EXPECT_FALSE(KeyspaceAllowed(some, "c"));
  EXPECT_TRUE(KeyspaceAllowed({}, "c"));
}

TEST(KeyspaceAccessTest, ChecksUseStatements) {
  const std::vector<std::string> some = {"a"};
  EXPECT_TRUE(CheckUseStatement("USE a", "u", some).ok());
  EXPECT_TRUE(CheckUseStatement("SELECT * FROM c.t", "u", some).ok());
  EXPECT_TRUE(CheckUseStatement("USE c", "u", {}).ok());
  absl::Status s = CheckUseStatement("use `c`", "u", some);
  EXPECT_THAT(s, MysqlErrorIs(1044, "42000"));
  EXPECT_EQ(s.message(), "Access denied for user 'u' to database 'c'");
}

}  // namespace
}  // namespace tessera::gateway
