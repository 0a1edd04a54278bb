#include "lib/router/mysql_session_track.h"

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tessera::router {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

TEST(MysqlSessionTrackTest, SetStatements) {
  struct Case {
    const char* sql;
    std::vector<std::pair<std::string, std::string>> vars;
  };
  const Case cases[] = {
      {"set autocommit=0", {{"autocommit", "OFF"}}},
      {"SET @@session.autocommit = ON", {{"autocommit", "ON"}}},
      {"set time_zone = '+01:00'", {{"time_zone", "+01:00"}}},
      {"set session sql_mode='strict_trans_tables'",
       {{"sql_mode", "STRICT_TRANS_TABLES"}}},
      {"set @@sql_mode = 'it''s'", {{"sql_mode", "IT'S"}}},
      {"set names utf8mb4",
       {{"character_set_client", "utf8mb4"},
        {"character_set_connection", "utf8mb4"},
        {"character_set_results", "utf8mb4"}}},
      {"set names 'utf8' collate 'utf8_bin'",
       {{"character_set_client", "utf8mb3"},
        {"character_set_connection", "utf8mb3"},
        {"character_set_results", "utf8mb3"}}},
      {"set collation_connection = 'UTF8MB4_BIN'",
       {{"collation_connection", "utf8mb4_bin"}}},
      {"set character set utf8mb4",
       {{"character_set_client", "utf8mb4"},
        {"character_set_results", "utf8mb4"},
        {"character_set_connection", "utf8mb4"}}},
      {"set character_set_results = utf8",
       {{"character_set_results", "utf8mb3"}}},
      {"set wait_timeout = 100, lock_wait_timeout = -1",
       {{"wait_timeout", "100"}, {"lock_wait_timeout", "-1"}}},
      {"set sql_mode = default", {}},
      {"set max_statement_time = 1 + 1", {}},
      {"set @user = 1", {}},
      {"set session transaction isolation level read committed", {}},
      {"  /* c */ SET\ttime_zone = 'UTC'", {{"time_zone", "UTC"}}},
  };
  for (const Case& c : cases) {
    mysql::SessionStateChanges out;
    TrackStatement(c.sql, &out);
    EXPECT_EQ(out.system_variables, c.vars) << c.sql;
    EXPECT_TRUE(out.state_changed) << c.sql;
    EXPECT_FALSE(out.schema.has_value()) << c.sql;
  }
}

TEST(MysqlSessionTrackTest, OtherStatementsChangeNothing) {
  for (const char* sql : {"select 1", "insert into t values (1)", "use ks",
                          "begin", "not even sql", "settle", "set", "",
                          "/* c */ select 1", "(select 1)"}) {
    mysql::SessionStateChanges out;
    TrackStatement(sql, &out);
    EXPECT_TRUE(out.empty()) << sql;
  }
}

TEST(MysqlSessionTrackTest, LaterValuesWin) {
  mysql::SessionStateChanges out;
  TrackStatement("set autocommit = 0, time_zone = 'UTC'", &out);
  TrackStatement("set autocommit = 1", &out);
  EXPECT_THAT(out.system_variables,
              ElementsAre(Pair("time_zone", "UTC"), Pair("autocommit", "ON")));
}

}  // namespace
}  // namespace tessera::router
