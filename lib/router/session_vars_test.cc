#include "lib/router/session_vars.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"

namespace tessera::router {
namespace {

using ::tessera::testing::MysqlErrorIs;
using ::testing::ElementsAre;
using ::testing::Pair;

absl::StatusOr<SetEffects> Analyze(const char* sql) {
  auto stmt = sql::Parse(sql);
  if (!stmt.ok()) return stmt.status();
  return AnalyzeSet(*stmt);
}

TEST(SessionVarsTest, SystemVariables) {
  auto e = Analyze(
      "SET @@session.sql_mode = 'STRICT_ALL_TABLES', SESSION wait_timeout = "
      "60, max_join_size = DEFAULT, NAMES utf8mb4, "
      "character_set_results = NULL");
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_FALSE(e->autocommit.has_value());
  EXPECT_THAT(e->vars, ElementsAre(Pair("sql_mode", "'STRICT_ALL_TABLES'"),
                                   Pair("wait_timeout", "60"),
                                   Pair("max_join_size", "default")));
  SessionVars vars;
  vars.Apply(*e);
  EXPECT_EQ(vars.statement_vars(),
            "sql_mode='STRICT_ALL_TABLES', wait_timeout=60");
  auto again = Analyze("SET wait_timeout = DEFAULT, sql_mode = ''");
  ASSERT_TRUE(again.ok());
  vars.Apply(*again);
  EXPECT_EQ(vars.statement_vars(), "sql_mode=''");
}

TEST(SessionVarsTest, Autocommit) {
  auto e = Analyze("SET autocommit = OFF");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->autocommit, false);
  EXPECT_THAT(Analyze("SET autocommit = 7"), MysqlErrorIs(1231, "42000"));
}

TEST(SessionVarsTest, TransactionCharacteristics) {
  SessionVars vars;
  auto session =
      Analyze("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
  ASSERT_TRUE(session.ok()) << session.status();
  EXPECT_TRUE(session->transaction_session);
  vars.Apply(*session);
  auto once = Analyze("SET TRANSACTION READ ONLY");
  ASSERT_TRUE(once.ok());
  vars.Apply(*once);
  EXPECT_THAT(vars.TransactionStart("start transaction"),
              ElementsAre("set transaction read only", "start transaction"));
  EXPECT_THAT(vars.TransactionStart("start transaction"),
              ElementsAre("set transaction isolation level read committed",
                          "start transaction"));
}

TEST(SessionVarsTest, Refused) {
  for (const char* sql :
       {"SET @x = 1", "SET GLOBAL sql_mode = ''", "SET NAMES latin1",
        "SET sql_mode = 'ANSI_QUOTES'", "SET sql_mode = 'ansi'",
        "SET sql_mode = 'STRICT_TRANS_TABLES,PIPES_AS_CONCAT'",
        "SET sql_mode = 'high_not_precedence'", "SET sql_mode = 'oracle'",
        "SET sql_mode = concat(@@sql_mode, ',PIPES_AS_CONCAT')",
        "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_BACKSLASH_ESCAPES'",
        "SET character_set_client = latin1", "SET PASSWORD = 'x'",
        "SET GLOBAL TRANSACTION READ ONLY",
        "SET STATEMENT max_statement_time = 1 FOR SELECT 1", "SET ROLE r",
        "SET DEFAULT ROLE NONE"}) {
    EXPECT_THAT(Analyze(sql), MysqlErrorIs(1235, "42000")) << sql;
  }
}

}  // namespace
}  // namespace tessera::router
