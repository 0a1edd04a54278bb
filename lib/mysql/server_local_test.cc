// KILL, SHOW PROCESSLIST, CONNECTION_ID(), COM_FIELD_LIST, the query
// timeout, graceful shutdown and the observer, against the real libmariadb
// client with the in-memory session.
#include <atomic>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/mysql/server_test_base.h"

namespace tessera::mysql {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using Rows_t = std::vector<std::vector<std::string>>;

class RecordingObserver : public ServerObserver {
 public:
  void OnCommand(const CommandEvent& e) override {
    absl::MutexLock lock(&mu_);
    events_.push_back({std::string(e.sql), e.error_code, e.rows});
  }
  struct Event {
    std::string sql;
    uint16_t error_code;
    uint64_t rows;
  };
  std::vector<Event> events() {
    absl::MutexLock lock(&mu_);
    return events_;
  }

 private:
  absl::Mutex mu_;
  std::vector<Event> events_;
};

class ServerLocalTest : public ServerTestBase {
 protected:
  // The processlist rows of `m` whose Info is `info` (bounded wait).
  bool WaitForInfo(MYSQL* m, const std::string& info) {
    for (int i = 0; i < 500; ++i) {
      for (const auto& row : Rows(m, "SHOW FULL PROCESSLIST")) {
        if (row.size() == 9 && row[7] == info) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
};

TEST_F(ServerLocalTest, ConnectionIdAgreesWithThreadId) {
  StartServer();
  MYSQL* m = Connect("app", "secret");
  ASSERT_NE(m, nullptr) << error_;
  std::string id = std::to_string(mysql_thread_id(m));
  EXPECT_EQ(Rows(m, "SELECT CONNECTION_ID()"), (Rows_t{{id}}));
  ASSERT_EQ(mysql_query(m, "select connection_id() as cid"), 0);
  MYSQL_RES* res = mysql_store_result(m);
  ASSERT_NE(res, nullptr);
  EXPECT_STREQ(mysql_fetch_field(res)->name, "cid");
  mysql_free_result(res);
  // Inside other statements the session sees the literal id.
  EXPECT_EQ(Rows(m, "echo CONNECTION_ID()"), (Rows_t{{id}}));
  mysql_close(m);
}

TEST_F(ServerLocalTest, ProcessListShowsOwnUsersConnections) {
  StartServer();
  MYSQL* a = Connect("app", "secret");
  MYSQL* b = Connect("app", "secret");
  MYSQL* other = Connect("both", "pw");
  ASSERT_TRUE(a && b && other) << error_;
  Rows_t rows = Rows(a, "SHOW PROCESSLIST");
  std::vector<std::string> ids;
  for (const auto& r : rows) {
    ASSERT_EQ(r.size(), 9u);
    EXPECT_EQ(r[1], "app");
    EXPECT_EQ(r[2], "127.0.0.1");
    ids.push_back(r[0]);
  }
  EXPECT_THAT(ids, ElementsAre(std::to_string(mysql_thread_id(a)),
                               std::to_string(mysql_thread_id(b))));
  EXPECT_EQ(rows[0][4], "Query");
  EXPECT_EQ(rows[0][7], "SHOW PROCESSLIST");
  EXPECT_EQ(rows[1][4], "Sleep");
  mysql_close(a);
  mysql_close(b);
  mysql_close(other);
}

TEST_F(ServerLocalTest, KillQueryInterruptsTheRunningStatement) {
  StartServer();
  MYSQL* a = Connect("app", "secret");
  MYSQL* b = Connect("app", "secret");
  ASSERT_TRUE(a && b) << error_;
  std::atomic<unsigned> sleep_errno{0};
  std::thread runner([&] {
    mysql_query(b, "sleep 20000");
    sleep_errno = mysql_errno(b);
    if (MYSQL_RES* r = mysql_store_result(b)) mysql_free_result(r);
  });
  ASSERT_TRUE(WaitForInfo(a, "sleep 20000"));
  std::string kill = "KILL QUERY " + std::to_string(mysql_thread_id(b));
  EXPECT_EQ(mysql_query(a, kill.c_str()), 0) << mysql_error(a);
  runner.join();
  EXPECT_EQ(sleep_errno.load(), 1317u);
  // The killed query's connection keeps working.
  EXPECT_EQ(Rows(b, "select rows 1"), (Rows_t{{"1"}}));
  EXPECT_EQ(server_->stats().killed, 1u);
  mysql_close(a);
  mysql_close(b);
}

// A fetch from a streamed cursor is a running command: KILL QUERY stops it
// between rows (the fake cursor ignores the canceller), with 1317, and the
// connection goes on.
TEST_F(ServerLocalTest, KillQueryStopsAStreamedFetch) {
  StartServer();
  MYSQL* a = Connect("app", "secret");
  MYSQL* b = Connect("app", "secret");
  ASSERT_TRUE(a && b) << error_;
  MYSQL_STMT* s = mysql_stmt_init(b);
  const char kSql[] = "stream slowly";
  ASSERT_EQ(mysql_stmt_prepare(s, kSql, sizeof(kSql) - 1), 0);
  unsigned long type = CURSOR_TYPE_READ_ONLY, prefetch = 1000000;
  mysql_stmt_attr_set(s, STMT_ATTR_CURSOR_TYPE, &type);
  mysql_stmt_attr_set(s, STMT_ATTR_PREFETCH_ROWS, &prefetch);
  ASSERT_EQ(mysql_stmt_execute(s), 0) << mysql_stmt_error(s);
  long long n = 0;
  MYSQL_BIND col{};
  col.buffer_type = MYSQL_TYPE_LONGLONG;
  col.buffer = &n;
  mysql_stmt_bind_result(s, &col);
  std::atomic<int> rc{0};
  std::atomic<unsigned> fetch_errno{0};
  std::thread fetcher([&] {
    rc = mysql_stmt_fetch(s);
    fetch_errno = mysql_stmt_errno(s);
  });
  ASSERT_TRUE(WaitForInfo(a, kSql));
  EXPECT_THAT(
      Rows(a, "SHOW PROCESSLIST"),
      Contains(ElementsAre(std::to_string(mysql_thread_id(b)), "app",
                           "127.0.0.1", ::testing::_, "Fetch", ::testing::_,
                           "executing", kSql, ::testing::_)));
  std::string kill = "KILL QUERY " + std::to_string(mysql_thread_id(b));
  EXPECT_EQ(mysql_query(a, kill.c_str()), 0) << mysql_error(a);
  fetcher.join();
  EXPECT_EQ(rc.load(), 1);
  EXPECT_EQ(fetch_errno.load(), 1317u);
  mysql_stmt_close(s);
  EXPECT_EQ(Rows(b, "select rows 1"), (Rows_t{{"1"}}));
  mysql_close(a);
  mysql_close(b);
}

TEST_F(ServerLocalTest, KillConnectionAndItsErrors) {
  StartServer();
  MYSQL* a = Connect("app", "secret");
  MYSQL* b = Connect("app", "secret");
  MYSQL* other = Connect("both", "pw");
  ASSERT_TRUE(a && b && other) << error_;
  std::string other_id = std::to_string(mysql_thread_id(other));
  EXPECT_EQ(Rows(a, "KILL " + other_id), (Rows_t{{"ERR 1095"}}));
  EXPECT_EQ(Rows(a, "KILL 999999"), (Rows_t{{"ERR 1094"}}));
  EXPECT_EQ(Rows(a, "KILL QUERY ID 5"), (Rows_t{{"ERR 1235"}}));
  EXPECT_EQ(Rows(a, "select rows 1; KILL 5"), (Rows_t{{"ERR 1235"}}));
  // mysql_kill() sends KILL as a statement.
  EXPECT_EQ(mysql_kill(a, mysql_thread_id(b)), 0) << mysql_error(a);
  unsigned int opt = 0;  // no reconnect
  mysql_options(b, MYSQL_OPT_RECONNECT, &opt);
  EXPECT_NE(mysql_query(b, "select rows 1"), 0);
  // Killing itself: 1927, then the connection is closed.
  std::string self = "KILL " + std::to_string(mysql_thread_id(a));
  EXPECT_EQ(Rows(a, self), (Rows_t{{"ERR 1927"}}));
  EXPECT_NE(mysql_query(a, "select rows 1"), 0);
  EXPECT_EQ(Rows(other, "select rows 1"), (Rows_t{{"1"}}));
  mysql_close(a);
  mysql_close(b);
  mysql_close(other);
}

TEST_F(ServerLocalTest, AdminSeesAndKillsEveryUsersConnections) {
  StartServer();
  MYSQL* admin = Connect("admin", "secret");
  MYSQL* app = Connect("app", "secret");
  MYSQL* both = Connect("both", "pw");
  ASSERT_TRUE(admin && app && both) << error_;
  std::vector<std::string> users;
  for (const auto& r : Rows(admin, "SHOW PROCESSLIST")) users.push_back(r[1]);
  EXPECT_THAT(users, ElementsAre("admin", "app", "both"));
  // Others still see only their own user's connections ...
  users.clear();
  for (const auto& r : Rows(app, "SHOW PROCESSLIST")) users.push_back(r[1]);
  EXPECT_THAT(users, ElementsAre("app"));
  // ... and cannot kill the admin's.
  std::string admin_id = std::to_string(mysql_thread_id(admin));
  EXPECT_EQ(Rows(app, "KILL QUERY " + admin_id), (Rows_t{{"ERR 1095"}}));
  // The admin kills another user's running statement, then its connection.
  std::atomic<unsigned> sleep_errno{0};
  std::thread runner([&] {
    mysql_query(both, "sleep 20000");
    sleep_errno = mysql_errno(both);
    if (MYSQL_RES* r = mysql_store_result(both)) mysql_free_result(r);
  });
  ASSERT_TRUE(WaitForInfo(admin, "sleep 20000"));
  std::string both_id = std::to_string(mysql_thread_id(both));
  EXPECT_EQ(mysql_query(admin, ("KILL QUERY " + both_id).c_str()), 0)
      << mysql_error(admin);
  runner.join();
  EXPECT_EQ(sleep_errno.load(), 1317u);
  std::string app_id = std::to_string(mysql_thread_id(app));
  EXPECT_EQ(mysql_query(admin, ("KILL " + app_id).c_str()), 0)
      << mysql_error(admin);
  unsigned int opt = 0;  // no reconnect
  mysql_options(app, MYSQL_OPT_RECONNECT, &opt);
  EXPECT_NE(mysql_query(app, "select rows 1"), 0);
  mysql_close(admin);
  mysql_close(app);
  mysql_close(both);
}

TEST_F(ServerLocalTest, FieldList) {
  StartServer();
  MYSQL* m = Connect("app", "secret");
  ASSERT_NE(m, nullptr) << error_;
  MYSQL_RES* res = mysql_list_fields(m, "t", nullptr);
  ASSERT_NE(res, nullptr) << mysql_error(m);
  std::vector<std::string> names;
  while (MYSQL_FIELD* f = mysql_fetch_field(res)) names.push_back(f->name);
  mysql_free_result(res);
  EXPECT_THAT(names, ElementsAre("id", "name", "note"));
  res = mysql_list_fields(m, "t", "n%");
  ASSERT_NE(res, nullptr) << mysql_error(m);
  names.clear();
  while (MYSQL_FIELD* f = mysql_fetch_field(res)) names.push_back(f->name);
  mysql_free_result(res);
  EXPECT_THAT(names, ElementsAre("name", "note"));
  EXPECT_EQ(mysql_list_fields(m, "missing", nullptr), nullptr);
  EXPECT_NE(mysql_errno(m), 0u);
  EXPECT_EQ(Rows(m, "select rows 2"), (Rows_t{{"1"}, {"2"}}));
  mysql_close(m);
}

// LOAD DATA LOCAL INFILE: refused unless enabled; when enabled the
// client's file reaches the session (the fake counts its lines), a file
// over the limit is refused and the connection stays in sync.
TEST_F(ServerLocalTest, LoadDataLocalInfile) {
  const std::string dir = getenv("TEST_TMPDIR");
  const std::string small = dir + "/small.csv", big = dir + "/big.csv";
  std::ofstream(small) << "1,a\n2,b\n3,c\n";
  std::ofstream(big) << std::string(3000, 'x') << "\n";
  const std::string load_small =
      "LOAD DATA LOCAL INFILE '" + small + "' INTO TABLE t";
  ConnectOptions co;
  co.local_infile = true;
  {
    StartServer();  // off by default
    MYSQL* m = Connect("app", "secret", co);
    ASSERT_NE(m, nullptr) << error_;
    EXPECT_NE(mysql_query(m, load_small.c_str()), 0);
    EXPECT_EQ(mysql_errno(m), 1148u) << mysql_error(m);
    EXPECT_EQ(Rows(m, "select rows 1"), (Rows_t{{"1"}}));
    mysql_close(m);
    server_->Stop();
  }
  ServerOptions o;
  o.allow_local_infile = true;
  o.max_local_infile_bytes = 1000;
  StartServer(o);
  MYSQL* m = Connect("app", "secret", co);
  ASSERT_NE(m, nullptr) << error_;
  ASSERT_EQ(mysql_query(m, load_small.c_str()), 0) << mysql_error(m);
  EXPECT_EQ(mysql_affected_rows(m), 3u);
  EXPECT_STREQ(mysql_info(m), "Records: 3");
  EXPECT_NE(
      mysql_query(
          m, ("LOAD DATA LOCAL INFILE '" + big + "' INTO TABLE t").c_str()),
      0);
  EXPECT_EQ(mysql_errno(m), 1153u) << mysql_error(m);
  EXPECT_EQ(Rows(m, "select rows 2"), (Rows_t{{"1"}, {"2"}}));
  // Never inside a multi-statement.
  EXPECT_EQ(Rows(m, "select rows 1; " + load_small), (Rows_t{{"ERR 1235"}}));
  ASSERT_EQ(mysql_query(m, load_small.c_str()), 0) << mysql_error(m);
  EXPECT_EQ(mysql_affected_rows(m), 3u);
  mysql_close(m);
}

TEST_F(ServerLocalTest, QueryTimeoutCancelsWith1969) {
  ServerOptions o;
  o.query_timeout = absl::Milliseconds(200);
  StartServer(o);
  MYSQL* m = Connect("app", "secret");
  ASSERT_NE(m, nullptr) << error_;
  EXPECT_EQ(Rows(m, "sleep 20000"), (Rows_t{{"ERR 1969"}}));
  EXPECT_STREQ(mysql_sqlstate(m), "70100");
  EXPECT_EQ(Rows(m, "sleep 1"), (Rows_t{{"1"}}));
  EXPECT_EQ(server_->stats().timed_out, 1u);
  mysql_close(m);
}

TEST_F(ServerLocalTest, GracefulShutdownAnswersRunningCommands) {
  StartServer();
  MYSQL* idle = Connect("app", "secret");
  MYSQL* busy = Connect("app", "secret");
  MYSQL* watcher = Connect("app", "secret");
  ASSERT_TRUE(idle && busy && watcher) << error_;
  Rows_t busy_rows;
  std::thread runner([&] { busy_rows = Rows(busy, "sleep 1500"); });
  ASSERT_TRUE(WaitForInfo(watcher, "sleep 1500"));
  server_->Stop();
  runner.join();
  EXPECT_EQ(busy_rows, (Rows_t{{"1500"}}));  // answered, not cut
  EXPECT_TRUE(server_->stats().draining);
  EXPECT_EQ(server_->stats().connections_open, 0);
  unsigned int opt = 0;
  mysql_options(idle, MYSQL_OPT_RECONNECT, &opt);
  EXPECT_NE(mysql_query(idle, "select rows 1"), 0);
  EXPECT_EQ(Connect("app", "secret"), nullptr);  // no longer accepting
  mysql_close(idle);
  mysql_close(busy);
  mysql_close(watcher);
}

TEST_F(ServerLocalTest, AdaptiveHandOffStillAnswersEverything) {
  ServerOptions o;
  o.inline_threshold = absl::Milliseconds(50);
  StartServer(o);
  MYSQL* m = Connect("app", "secret");
  ASSERT_NE(m, nullptr) << error_;
  // Fast calls move the connection inline, a slow one back to the workers,
  // and both paths give the same answers.
  for (int i = 0; i < 40; ++i) {
    ASSERT_EQ(Rows(m, "select rows 2"), (Rows_t{{"1"}, {"2"}}));
    if (i == 20) {
      ASSERT_EQ(Rows(m, "sleep 100"), (Rows_t{{"100"}}));
    }
  }
  MYSQL_STMT* stmt = mysql_stmt_init(m);
  ASSERT_EQ(mysql_stmt_prepare(stmt, "select rows 2", 13), 0);
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(mysql_stmt_execute(stmt), 0) << mysql_stmt_error(stmt);
    ASSERT_EQ(mysql_stmt_store_result(stmt), 0);
    EXPECT_EQ(mysql_stmt_num_rows(stmt), 2u);
    mysql_stmt_free_result(stmt);
  }
  mysql_stmt_close(stmt);
  mysql_close(m);
}

TEST_F(ServerLocalTest, BackendClientErrorsBecomeServerErrors) {
  StartServer();
  MYSQL* m = Connect("app", "secret");
  ASSERT_NE(m, nullptr) << error_;
  EXPECT_EQ(Rows(m, "backend down"), (Rows_t{{"ERR 1429"}}));
  EXPECT_STREQ(mysql_sqlstate(m), "HY000");
  EXPECT_EQ(Rows(m, "backend gone"), (Rows_t{{"ERR 1105"}}));
  EXPECT_THAT(mysql_error(m), ::testing::HasSubstr("client error 2013"));
  EXPECT_EQ(Rows(m, "select rows 1"), (Rows_t{{"1"}}));
  mysql_close(m);
}

TEST_F(ServerLocalTest, ObserverSeesEveryQuery) {
  RecordingObserver observer;
  ServerOptions o;
  o.observer = &observer;
  StartServer(o);
  MYSQL* m = Connect("app", "secret");
  ASSERT_NE(m, nullptr) << error_;
  Rows(m, "select rows 3");
  Rows(m, "fail");
  Rows(m, "SELECT CONNECTION_ID()");
  mysql_close(m);
  auto events = observer.events();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].sql, "select rows 3");
  EXPECT_EQ(events[0].rows, 3u);
  EXPECT_EQ(events[0].error_code, 0);
  EXPECT_EQ(events[1].error_code, 1146);
  EXPECT_EQ(events[2].sql, "SELECT CONNECTION_ID()");
}

}  // namespace
}  // namespace tessera::mysql
