// Server-side cursors that stream from the backend: a result far larger
// than the gateway's result limit (100 rows here) is fetched through a
// libmariadb cursor in both modes, which a buffered cursor could not do
// (it would fail with 1104); other statements still run while a cursor is
// open (the passthrough then buffers the rest, within the limit).
#include <chrono>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/gateway/gateway.h"
#include "lib/gateway/gateway_test_env.h"
#include "lib/testing/mariadb_fixture.h"
#include "lib/testing/sql_client.h"
#include "mariadb/mysql.h"
#include "tessera/router.h"

namespace tessera::gateway {
namespace {

constexpr int kRows = 1000;
constexpr int kLimit = 100;

std::string InsertRows(int from, int to) {
  std::string sql = "INSERT INTO big (id, pad) VALUES ";
  for (int i = from; i <= to; ++i) {
    absl::StrAppend(&sql, i == from ? "" : ",", "(", i, ", REPEAT('x', 50))");
  }
  return sql;
}

// Fetches `SELECT id FROM big WHERE id > ? ORDER BY id` through a cursor
// with the given prefetch; returns the ids, or stops at a fetch error.
std::vector<long long> FetchAll(MYSQL* c, unsigned long prefetch,
                                std::string* error, MYSQL* side = nullptr) {
  std::vector<long long> got;
  MYSQL_STMT* s = mysql_stmt_init(c);
  const char kSql[] = "SELECT id FROM big WHERE id > ? ORDER BY id";
  if (mysql_stmt_prepare(s, kSql, sizeof(kSql) - 1) != 0) {
    *error = mysql_stmt_error(s);
    mysql_stmt_close(s);
    return got;
  }
  unsigned long type = CURSOR_TYPE_READ_ONLY;
  mysql_stmt_attr_set(s, STMT_ATTR_CURSOR_TYPE, &type);
  mysql_stmt_attr_set(s, STMT_ATTR_PREFETCH_ROWS, &prefetch);
  long long above = 0, id = 0;
  MYSQL_BIND param{}, col{};
  param.buffer_type = MYSQL_TYPE_LONGLONG;
  param.buffer = &above;
  col.buffer_type = MYSQL_TYPE_LONGLONG;
  col.buffer = &id;
  mysql_stmt_bind_param(s, &param);
  if (mysql_stmt_execute(s) != 0) {
    *error = absl::StrCat(mysql_stmt_errno(s), " ", mysql_stmt_error(s));
    mysql_stmt_close(s);
    return got;
  }
  mysql_stmt_bind_result(s, &col);
  int rc;
  while ((rc = mysql_stmt_fetch(s)) == 0 && got.size() <= kRows) {
    got.push_back(id);
    // A text query on the same connection while the cursor is open.
    if (side == c && got.size() == 10) {
      if (mysql_query(c, "SELECT 1") != 0) {
        *error = mysql_error(c);
      } else {
        mysql_free_result(mysql_store_result(c));
      }
    }
  }
  if (rc != MYSQL_NO_DATA && error->empty()) {
    *error = absl::StrCat(mysql_stmt_errno(s), " ", mysql_stmt_error(s));
  }
  mysql_stmt_close(s);
  return got;
}

std::vector<long long> Ids(int from, int to) {
  std::vector<long long> v;
  for (int i = from; i <= to; ++i) v.push_back(i);
  return v;
}

// ---- KILL QUERY of a fetch ------------------------------------------------

// Every row of this takes half a second on the backend: a fetch of all of
// them runs for minutes unless KILL QUERY reaches the backend. The rows are
// larger than the server's network buffer, so each is sent when it is made.
constexpr char kSlowSql[] =
    "SELECT id, SLEEP(0.5), REPEAT('x', 20000) FROM big WHERE id > ? "
    "ORDER BY id";

// The gateway's SHOW PROCESSLIST says connection `id` runs a fetch.
bool Fetching(MYSQL* observer, unsigned long id) {
  for (const auto& row : QueryRows(observer, "SHOW PROCESSLIST")) {
    if (row.size() > 4 && row[0] == std::to_string(id) && row[4] == "Fetch") {
      return true;
    }
  }
  return false;
}

// Opens a cursor on kSlowSql through `c` and fetches every row at once on
// another thread; `killer` sends KILL QUERY while that fetch runs, which
// must end it with 1317 and stop the backend queries (`backend_sleepers`
// counts them; `unblock` kills them directly if the gateway did not, so a
// failing test still ends). `c` stays usable.
void ExpectKillQueryStopsFetch(MYSQL* c, MYSQL* killer,
                               const std::function<int()>& backend_sleepers,
                               const std::function<void()>& unblock) {
  MYSQL_STMT* s = mysql_stmt_init(c);
  ASSERT_EQ(mysql_stmt_prepare(s, kSlowSql, sizeof(kSlowSql) - 1), 0)
      << mysql_stmt_error(s);
  unsigned long type = CURSOR_TYPE_READ_ONLY, prefetch = kRows;
  mysql_stmt_attr_set(s, STMT_ATTR_CURSOR_TYPE, &type);
  mysql_stmt_attr_set(s, STMT_ATTR_PREFETCH_ROWS, &prefetch);
  long long above = 0, id = 0, slept = 0;
  std::string pad(20000, '\0');
  MYSQL_BIND param{}, cols[3]{};
  param.buffer_type = MYSQL_TYPE_LONGLONG;
  param.buffer = &above;
  cols[0].buffer_type = cols[1].buffer_type = MYSQL_TYPE_LONGLONG;
  cols[0].buffer = &id;
  cols[1].buffer = &slept;
  cols[2].buffer_type = MYSQL_TYPE_STRING;
  cols[2].buffer = pad.data();
  cols[2].buffer_length = pad.size();
  mysql_stmt_bind_param(s, &param);
  ASSERT_EQ(mysql_stmt_execute(s), 0) << mysql_stmt_error(s);
  mysql_stmt_bind_result(s, cols);
  int rc = 0;
  unsigned fetch_errno = 0;
  std::thread fetcher([&] {
    rc = mysql_stmt_fetch(s);
    fetch_errno = mysql_stmt_errno(s);
  });
  const unsigned long cid = mysql_thread_id(c);
  bool fetching = false;
  for (int i = 0; i < 600 && !(fetching = Fetching(killer, cid)); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(fetching);
  EXPECT_EQ(QueryRows(killer, absl::StrCat("KILL QUERY ", cid)),
            std::vector<std::vector<std::string>>{});
  int sleepers = -1;
  for (int i = 0; i < 600 && (sleepers = backend_sleepers()) != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(sleepers, 0) << "KILL QUERY did not reach the backend";
  if (sleepers != 0) unblock();
  fetcher.join();
  EXPECT_EQ(rc, 1);
  EXPECT_EQ(fetch_errno, 1317u);
  mysql_stmt_close(s);
  EXPECT_EQ(QueryRows(c, "SELECT COUNT(*) FROM big"),
            (std::vector<std::vector<std::string>>{{"1000"}}));
}

// ---- passthrough ----------------------------------------------------------

class PassthroughCursorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto env = StartGatewayTestEnv({}, 8, 1, [](GatewayOptions& o) {
      o.passthrough = PassthroughMode::kSession;  // the relay forwards cursors
      o.backend.max_result_rows = kLimit;
    });
    ASSERT_TRUE(env.ok()) << env.status();
    env_ = env->release();
    ASSERT_TRUE(testing::Exec(env_->db->primary(0),
                              "CREATE TABLE allowed.big (id BIGINT PRIMARY "
                              "KEY, pad VARCHAR(60))")
                    .ok());
    ASSERT_TRUE(
        testing::Exec(env_->db->primary(0), InsertRows(1, kRows), "allowed")
            .ok());
  }
  static void TearDownTestSuite() { delete env_; }
  static MYSQL* Client() {
    std::string error;
    ClientOptions o;
    o.db = "allowed";
    MYSQL* c = ConnectClient(env_->port(), "app", "app-pw", o, &error);
    EXPECT_NE(c, nullptr) << error;
    return c;
  }
  static GatewayTestEnv* env_;
};

GatewayTestEnv* PassthroughCursorTest::env_ = nullptr;

TEST_F(PassthroughCursorTest, BufferedResultIsRefusedOverTheLimit) {
  MYSQL* c = Client();
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(QueryRows(c, "SELECT id FROM big"),
            (std::vector<std::vector<std::string>>{{"ERR 1104"}}));
  mysql_close(c);
}

TEST_F(PassthroughCursorTest, CursorStreamsMoreRowsThanTheLimit) {
  MYSQL* c = Client();
  ASSERT_NE(c, nullptr);
  for (unsigned long prefetch : {1ul, 7ul, 250ul}) {
    std::string error;
    EXPECT_EQ(FetchAll(c, prefetch, &error), Ids(1, kRows))
        << "prefetch " << prefetch;
    EXPECT_EQ(error, "") << "prefetch " << prefetch;
  }
  // The connection is in sync afterwards.
  EXPECT_EQ(QueryRows(c, "SELECT COUNT(*) FROM big"),
            (std::vector<std::vector<std::string>>{{"1000"}}));
  mysql_close(c);
}

// Another statement while the cursor is open: the rest must then be held,
// and 990 rows are over the limit: the next fetch says so (1104), and the
// connection goes on.
TEST_F(PassthroughCursorTest, OtherStatementWhileOpenBuffersWithinLimit) {
  MYSQL* c = Client();
  ASSERT_NE(c, nullptr);
  std::string error;
  std::vector<long long> got = FetchAll(c, 5, &error, c);
  EXPECT_EQ(got, Ids(1, 10));
  EXPECT_EQ(error.substr(0, 4), "1104") << error;
  EXPECT_EQ(QueryRows(c, "SELECT COUNT(*) FROM big"),
            (std::vector<std::vector<std::string>>{{"1000"}}));
  // Within the limit, the rest is served from the gateway.
  ASSERT_EQ(mysql_query(c, "DELETE FROM big WHERE id > 60"), 0)
      << mysql_error(c);
  error.clear();
  EXPECT_EQ(FetchAll(c, 5, &error, c), Ids(1, 60));
  EXPECT_EQ(error, "");
  ASSERT_TRUE(
      testing::Exec(env_->db->primary(0), InsertRows(61, kRows), "allowed")
          .ok());
  mysql_close(c);
}

TEST_F(PassthroughCursorTest, KillQueryStopsAFetch) {
  MYSQL* c = Client();
  MYSQL* killer = Client();
  ASSERT_NE(c, nullptr);
  ASSERT_NE(killer, nullptr);
  const testing::MariadbServer& backend = env_->db->primary(0);
  ExpectKillQueryStopsFetch(
      c, killer, [&] { return BackendQueriesRunning(backend, "SLEEP("); },
      [&] { KillBackendQueries(backend, "SLEEP("); });
  mysql_close(killer);
  mysql_close(c);
}

// ---- router ---------------------------------------------------------------

constexpr char kVSchema[] = R"({"keyspaces": {
  "commerce": {"sharded": true,
    "vindexes": {"hash": {"type": "hash"}},
    "tables": {"big": {"column_vindexes": [{"column": "id", "name": "hash"}]}}
  }}})";

class RouterCursorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    RouterGatewayOptions o;
    o.vschema_json = kVSchema;
    o.tables = "CREATE TABLE big (id BIGINT PRIMARY KEY, pad VARCHAR(60))";
    o.customize_router = [](RouterOptions& r) { r.max_result_rows = kLimit; };
    auto env = StartRouterGatewayEnv(o);
    ASSERT_TRUE(env.ok()) << env.status();
    env_ = env->release();
    MYSQL* c = Client();
    ASSERT_NE(c, nullptr);
    for (int from = 1; from <= kRows; from += 50) {
      ASSERT_EQ(mysql_query(c, InsertRows(from, from + 49).c_str()), 0)
          << mysql_error(c);
    }
    mysql_close(c);
  }
  static void TearDownTestSuite() { delete env_; }
  static MYSQL* Client() { return env_->Connect(); }
  static RouterGatewayEnv* env_;
};

RouterGatewayEnv* RouterCursorTest::env_ = nullptr;

TEST_F(RouterCursorTest, BufferedResultIsRefusedOverTheLimit) {
  MYSQL* c = Client();
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(QueryRows(c, "SELECT id FROM big"),
            (std::vector<std::vector<std::string>>{{"ERR 1104"}}));
  mysql_close(c);
}

// A scatter ORDER BY merge-sorts the shards' streams: the cursor pulls it
// row by row, other statements run on the same connection meanwhile.
TEST_F(RouterCursorTest, CursorStreamsMoreRowsThanTheLimit) {
  MYSQL* c = Client();
  ASSERT_NE(c, nullptr);
  for (unsigned long prefetch : {1ul, 7ul, 250ul}) {
    std::string error;
    EXPECT_EQ(FetchAll(c, prefetch, &error, c), Ids(1, kRows))
        << "prefetch " << prefetch;
    EXPECT_EQ(error, "") << "prefetch " << prefetch;
  }
  EXPECT_EQ(QueryRows(c, "SELECT COUNT(*) FROM big"),
            (std::vector<std::vector<std::string>>{{"1000"}}));
  mysql_close(c);
}

// A scatter cursor: the fetch's shard queries on both shards are killed.
TEST_F(RouterCursorTest, KillQueryStopsAFetch) {
  MYSQL* c = Client();
  MYSQL* killer = Client();
  ASSERT_NE(c, nullptr);
  ASSERT_NE(killer, nullptr);
  const testing::MariadbFixture& db = *env_->db;
  ExpectKillQueryStopsFetch(
      c, killer,
      [&] {
        return BackendQueriesRunning(db.primary(0), "SLEEP(") +
               BackendQueriesRunning(db.primary(1), "SLEEP(");
      },
      [&] {
        KillBackendQueries(db.primary(0), "SLEEP(");
        KillBackendQueries(db.primary(1), "SLEEP(");
      });
  mysql_close(killer);
  mysql_close(c);
}

}  // namespace
}  // namespace tessera::gateway
