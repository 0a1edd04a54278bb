// Session state tracking (CLIENT_SESSION_TRACK) against the real libmariadb
// client with the in-memory session: the OK packets carry the session's
// changed variables, the schema of COM_INIT_DB, and the state-change flag.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/mysql/messages.h"
#include "lib/mysql/result_writer.h"
#include "lib/mysql/server_test_base.h"
#include "lib/mysql/session_track.h"

namespace tessera::mysql {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using Rows_t = std::vector<std::vector<std::string>>;

class ServerTrackTest : public ServerTestBase {};

TEST_F(ServerTrackTest, SetReportsVariablesAndStateChange) {
  StartServer();
  MYSQL* m = Connect("app", "secret");
  ASSERT_NE(m, nullptr) << error_;
  ASSERT_EQ(mysql_query(m, "set time_zone=+01:00"), 0) << mysql_error(m);
  EXPECT_THAT(Tracked(m, SESSION_TRACK_SYSTEM_VARIABLES),
              ElementsAre("time_zone", "+01:00"));
  EXPECT_THAT(Tracked(m, SESSION_TRACK_STATE_CHANGE), ElementsAre("1"));
  EXPECT_THAT(Tracked(m, SESSION_TRACK_SCHEMA), IsEmpty());
  // A statement that changes nothing reports nothing.
  EXPECT_EQ(Rows(m, "select rows 1"), (Rows_t{{"1"}}));
  ASSERT_EQ(mysql_query(m, "insert"), 0);
  EXPECT_THAT(Tracked(m, SESSION_TRACK_SYSTEM_VARIABLES), IsEmpty());
  EXPECT_THAT(Tracked(m, SESSION_TRACK_STATE_CHANGE), IsEmpty());
  EXPECT_EQ(mysql_affected_rows(m), 3u);
  // Several statements: the changes arrive with the last OK packet, the
  // later value of a variable winning.
  ASSERT_EQ(mysql_query(m, "set a=1; set b=2; set a=3"), 0);
  std::vector<std::string> seen;
  do {
    for (const std::string& s : Tracked(m, SESSION_TRACK_SYSTEM_VARIABLES)) {
      seen.push_back(s);
    }
  } while (mysql_next_result(m) == 0);
  EXPECT_THAT(seen, ElementsAre("b", "2", "a", "3"));
  mysql_close(m);
}

TEST_F(ServerTrackTest, SchemaChangesUpdateTheClientsDatabase) {
  StartServer();
  MYSQL* m = Connect("app", "secret");
  ASSERT_NE(m, nullptr) << error_;
  ASSERT_EQ(mysql_query(m, "use shop"), 0) << mysql_error(m);
  EXPECT_THAT(Tracked(m, SESSION_TRACK_SCHEMA), ElementsAre("shop"));
  EXPECT_THAT(Tracked(m, SESSION_TRACK_STATE_CHANGE), ElementsAre("1"));
  // libmariadb takes its idea of the current database from the tracker.
  const char* db = nullptr;
  mariadb_get_infov(m, MARIADB_CONNECTION_SCHEMA, &db);
  ASSERT_NE(db, nullptr);
  EXPECT_STREQ(db, "shop");
  // COM_INIT_DB's OK carries the schema too (libmariadb does not parse it,
  // so this checks the connection stays in sync afterwards).
  ASSERT_EQ(mysql_select_db(m, "other"), 0) << mysql_error(m);
  EXPECT_EQ(Rows(m, "select rows 2").size(), 2u);
  mysql_close(m);
}

TEST(SessionTrackEncodingTest, OkPacketLayout) {
  SessionStateChanges c;
  c.SetVariable("autocommit", "OFF");
  c.schema = "ks";
  c.state_changed = true;
  OkInfo ok;
  ok.status_flags = 2;
  ok.session_state = EncodeSessionState(c);
  const std::string expected_state = std::string(
                                         "\x00\x0f\x0a"
                                         "autocommit\x03OFF",
                                         17) +
                                     std::string("\x01\x03\x02ks", 5) +
                                     std::string(
                                         "\x02\x01"
                                         "1",
                                         3);
  EXPECT_EQ(ok.session_state, expected_state);
  // header, affected rows, insert id, status | SESSION_STATE_CHANGED,
  // warnings, empty info, then the state block.
  std::string expected("\x00\x00\x00\x02\x40\x00\x00\x00", 8);
  expected.push_back(static_cast<char>(expected_state.size()));
  expected += expected_state;
  EXPECT_EQ(EncodeOk(ok), expected);
  EXPECT_EQ(EncodeSessionState(SessionStateChanges()), "");
  SessionStateChanges later;
  later.SetVariable("autocommit", "ON");
  c.Merge(later);
  EXPECT_EQ(c.system_variables.size(), 1u);
  EXPECT_EQ(c.system_variables[0].second, "ON");
}

}  // namespace
}  // namespace tessera::mysql
