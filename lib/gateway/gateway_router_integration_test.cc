// The gateway in router mode: two mariadbd shards behind a tessera::Router,
// the `mariadb` command-line client in front.
#include <atomic>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/gateway/gateway.h"
#include "lib/gateway/gateway_test_env.h"
#include "lib/testing/mariadb_fixture.h"
#include "lib/testing/sql_client.h"
#include "lib/vindex/hash.h"
#include "mariadb/mysql.h"
#include "tessera/router.h"

namespace tessera::gateway {
namespace {

constexpr char kVSchema[] = R"({"keyspaces": {
  "commerce": {"sharded": true,
    "vindexes": {"hash": {"type": "hash"}},
    "tables": {
      "customer": {"column_vindexes": [{"column": "id", "name": "hash"}]},
      "slow": {"column_vindexes": [{"column": "id", "name": "hash"}]}}}}})";

class GatewayRouterIntegrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    RouterGatewayOptions o;
    o.vschema_json = kVSchema;
    o.tables =
        "CREATE TABLE customer (id BIGINT PRIMARY KEY, name VARCHAR(20)); "
        "CREATE TABLE slow (id BIGINT PRIMARY KEY)";
    o.customize_gateway = [](GatewayOptions& g) {
      g.http_port = 0;
      g.server.allow_local_infile = true;
      // Long enough for every other statement here on a loaded machine.
      g.server.query_timeout = absl::Seconds(5);
    };
    auto env = StartRouterGatewayEnv(o);
    ASSERT_TRUE(env.ok()) << env.status();
    env_ = env->release();
    db_ = env_->db.get();
    gateway_ = env_->gateway.get();
  }
  static void TearDownTestSuite() { delete env_; }
  void SetUp() override { ASSERT_NE(env_, nullptr); }

  static MYSQL* Connect() {
    std::string error;
    MYSQL* c =
        ConnectClient(gateway_->port(), "root", "tessera",
                      {.db = "commerce", .multi_statements = false}, &error);
    if (c == nullptr) ADD_FAILURE() << error;
    return c;
  }

  static RouterGatewayEnv* env_;
  static testing::MariadbFixture* db_;
  static Gateway* gateway_;
};

RouterGatewayEnv* GatewayRouterIntegrationTest::env_ = nullptr;
testing::MariadbFixture* GatewayRouterIntegrationTest::db_ = nullptr;
Gateway* GatewayRouterIntegrationTest::gateway_ = nullptr;

TEST_F(GatewayRouterIntegrationTest, MariadbClientThroughTheRouter) {
  testing::MariadbFixture* db = db_;
  Gateway* gateway = gateway_;
  std::string cli =
      absl::StrCat("mariadb -h127.0.0.1 -P", gateway->port(),
                   " -uroot -ptessera --skip-ssl --batch commerce -e ");
  int rc = 0;
  std::string out = RunCommand(
      cli +
          "\"INSERT INTO customer (id, name) VALUES (1, 'ann'), (2, 'bo'), "
          "(3, 'cy'), (4, 'di'), (5, 'ed'), (6, 'flo')\" 2>&1",
      &rc);
  ASSERT_EQ(rc, 0) << out;
  out = RunCommand(
      cli + "\"SELECT id, name FROM customer ORDER BY id DESC\" 2>&1", &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(out, "id\tname\n6\tflo\n5\ted\n4\tdi\n3\tcy\n2\tbo\n1\tann\n");
  out =
      RunCommand(cli + "\"SELECT name FROM customer WHERE id = 4\" 2>&1", &rc);
  EXPECT_EQ(out, "name\ndi\n");

  // Each row is on the shard its keyspace id says, and only there.
  for (int id = 1; id <= 6; ++id) {
    std::string ksid = vindex::VitessHash(id);
    int shard = static_cast<uint8_t>(ksid[0]) < 0x80 ? 0 : 1;
    for (int i = 0; i < 2; ++i) {
      auto rows = testing::Query(
          db->primary(i),
          absl::StrCat("SELECT COUNT(*) FROM customer WHERE id = ", id),
          "commerce");
      ASSERT_TRUE(rows.ok()) << rows.status();
      EXPECT_EQ(*(*rows)[0][0], i == shard ? "1" : "0")
          << "id " << id << " shard " << i;
    }
  }

  // libmariadb: a prepared SELECT announces its columns at prepare time
  // (else execute fails with 2014), and BEGIN shows in the status flags.
  MYSQL* c = Connect();
  ASSERT_NE(c, nullptr);
  MYSQL_STMT* stmt = mysql_stmt_init(c);
  const char kSelect[] = "SELECT id, name FROM customer WHERE id = ?";
  ASSERT_EQ(mysql_stmt_prepare(stmt, kSelect, sizeof(kSelect) - 1), 0)
      << mysql_stmt_error(stmt);
  EXPECT_EQ(mysql_stmt_field_count(stmt), 2u);
  long long id = 5;
  MYSQL_BIND param{};
  param.buffer_type = MYSQL_TYPE_LONGLONG;
  param.buffer = &id;
  ASSERT_EQ(mysql_stmt_bind_param(stmt, &param), 0);
  ASSERT_EQ(mysql_stmt_execute(stmt), 0) << mysql_stmt_error(stmt);
  long long got_id = 0;
  char name[32] = {};
  unsigned long name_len = 0;
  MYSQL_BIND cols[2]{};
  cols[0].buffer_type = MYSQL_TYPE_LONGLONG;
  cols[0].buffer = &got_id;
  cols[1].buffer_type = MYSQL_TYPE_STRING;
  cols[1].buffer = name;
  cols[1].buffer_length = sizeof(name);
  cols[1].length = &name_len;
  ASSERT_EQ(mysql_stmt_bind_result(stmt, cols), 0);
  ASSERT_EQ(mysql_stmt_fetch(stmt), 0) << mysql_stmt_error(stmt);
  EXPECT_EQ(got_id, 5);
  EXPECT_EQ(std::string(name, name_len), "ed");
  EXPECT_EQ(mysql_stmt_fetch(stmt), MYSQL_NO_DATA);
  mysql_stmt_close(stmt);
  const char kBad[] = "SELECT nosuch FROM customer WHERE id = ?";
  stmt = mysql_stmt_init(c);
  EXPECT_NE(mysql_stmt_prepare(stmt, kBad, sizeof(kBad) - 1), 0);
  EXPECT_EQ(mysql_stmt_errno(stmt), 1054u);
  mysql_stmt_close(stmt);
  ASSERT_EQ(mysql_query(c, "BEGIN"), 0) << mysql_error(c);
  unsigned int status = 0;
  mariadb_get_infov(c, MARIADB_CONNECTION_SERVER_STATUS, &status);
  EXPECT_NE(status & SERVER_STATUS_IN_TRANS, 0u);
  ASSERT_EQ(mysql_query(c, "DELETE FROM customer WHERE id = 6"), 0);
  ASSERT_EQ(mysql_query(c, "ROLLBACK"), 0) << mysql_error(c);
  mariadb_get_infov(c, MARIADB_CONNECTION_SERVER_STATUS, &status);
  EXPECT_EQ(status & SERVER_STATUS_IN_TRANS, 0u);
  mysql_close(c);
  out = RunCommand(cli + "\"SELECT COUNT(*) FROM customer\" 2>&1", &rc);
  EXPECT_EQ(out, "COUNT(*)\n6\n");
}

// Runs a slow scatter SELECT on `b`, waits until both shards run it, kills
// it from `a` with KILL QUERY and returns the errno `b` got (0 if it was
// not killed). Afterwards no shard runs it any more.
unsigned KillScatter(testing::MariadbFixture* db, MYSQL* a, MYSQL* b) {
  std::atomic<unsigned> b_errno{0};
  std::thread runner([&] {
    // 4 rows x 20 s on two shards unless killed.
    mysql_query(b, "SELECT COUNT(*) FROM slow WHERE SLEEP(20) = 0");
    b_errno = mysql_errno(b);
    if (MYSQL_RES* r = mysql_store_result(b)) mysql_free_result(r);
  });
  // Wait until both shards run it (the router sent its shard queries).
  bool running = false;
  for (int i = 0; i < 1000 && !running; ++i) {
    running = BackendQueriesRunning(db->primary(0), "SLEEP(20)") == 1 &&
              BackendQueriesRunning(db->primary(1), "SLEEP(20)") == 1;
    if (!running) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(running);
  const std::string kill = absl::StrCat("KILL QUERY ", mysql_thread_id(b));
  EXPECT_EQ(mysql_query(a, kill.c_str()), 0) << mysql_error(a);
  runner.join();
  EXPECT_EQ(BackendQueriesRunning(db->primary(0), "SLEEP(20)"), 0);
  EXPECT_EQ(BackendQueriesRunning(db->primary(1), "SLEEP(20)"), 0);
  return b_errno.load();
}

// KILL QUERY on the gateway kills the statement's queries on every shard
// it reached; the client gets 1317 and its session goes on.
TEST_F(GatewayRouterIntegrationTest, KillQueryInterruptsShardQueries) {
  MYSQL* a = Connect();
  MYSQL* b = Connect();
  ASSERT_TRUE(a && b);
  ASSERT_EQ(mysql_query(a, "INSERT INTO slow (id) VALUES (1), (2), (3), (4)"),
            0)
      << mysql_error(a);
  const std::string b_id = std::to_string(mysql_thread_id(b));
  std::atomic<unsigned> b_errno{0};
  EXPECT_EQ(KillScatter(db_, a, b), 1317u);
  EXPECT_STREQ(mysql_sqlstate(b), "70100");
  // The session and the pooled shard connections work on.
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(mysql_query(b, "SELECT COUNT(*) FROM slow"), 0) << mysql_error(b);
    MYSQL_RES* r = mysql_store_result(b);
    ASSERT_NE(r, nullptr);
    MYSQL_ROW row = mysql_fetch_row(r);
    EXPECT_STREQ(row[0], "4");
    mysql_free_result(r);
  }
  // Inside a transaction too: the transaction's shard connection is killed.
  ASSERT_EQ(mysql_query(b, "BEGIN"), 0) << mysql_error(b);
  std::thread txn_runner([&] {
    mysql_query(b, "SELECT id FROM slow WHERE id = 1 AND SLEEP(20) = 0");
    b_errno = mysql_errno(b);
    if (MYSQL_RES* r = mysql_store_result(b)) mysql_free_result(r);
  });
  bool running = false;
  for (int i = 0; i < 1000 && !running; ++i) {
    running = BackendQueriesRunning(db_->primary(0), "SLEEP(20)") +
                  BackendQueriesRunning(db_->primary(1), "SLEEP(20)") ==
              1;
    if (!running) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(running);
  EXPECT_EQ(mysql_query(a, ("KILL QUERY " + b_id).c_str()), 0)
      << mysql_error(a);
  txn_runner.join();
  EXPECT_EQ(b_errno.load(), 1317u);
  EXPECT_EQ(mysql_query(b, "ROLLBACK"), 0) << mysql_error(b);
  // KILL QUERY of an idle session changes nothing.
  EXPECT_EQ(mysql_query(a, ("KILL QUERY " + b_id).c_str()), 0);
  EXPECT_EQ(mysql_query(b, "SELECT id FROM slow WHERE id = 2"), 0)
      << mysql_error(b);
  if (MYSQL_RES* r = mysql_store_result(b)) mysql_free_result(r);
  // After COM_RESET_CONNECTION (a new router session behind the same
  // canceller) and COM_CHANGE_USER (a new session), KILL QUERY still works.
  ASSERT_EQ(mysql_reset_connection(b), 0) << mysql_error(b);
  EXPECT_EQ(KillScatter(db_, a, b), 1317u);
  ASSERT_EQ(mysql_change_user(b, "root", "tessera", "commerce"), 0)
      << mysql_error(b);
  EXPECT_EQ(KillScatter(db_, a, b), 1317u);
  mysql_close(a);
  mysql_close(b);
}

// The gateway's query timeout interrupts a router statement on its shards.
TEST_F(GatewayRouterIntegrationTest, QueryTimeoutKillsShardQueries) {
  MYSQL* c = Connect();
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(mysql_query(c, "INSERT INTO slow (id) VALUES (11), (12), (13)"), 0)
      << mysql_error(c);
  EXPECT_NE(mysql_query(c, "SELECT COUNT(*) FROM slow WHERE SLEEP(30) = 0"), 0);
  EXPECT_EQ(mysql_errno(c), 1969u) << mysql_error(c);
  EXPECT_EQ(BackendQueriesRunning(db_->primary(0), "SLEEP(30)"), 0);
  EXPECT_EQ(BackendQueriesRunning(db_->primary(1), "SLEEP(30)"), 0);
  ASSERT_EQ(mysql_query(c, "DELETE FROM slow WHERE id > 10"), 0)
      << mysql_error(c);
  mysql_close(c);
}

// A server-side cursor over a scatter SELECT through the router.
TEST_F(GatewayRouterIntegrationTest, CursorFetchThroughTheRouter) {
  MYSQL* c = Connect();
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(mysql_query(c,
                        "INSERT INTO slow (id) VALUES (21), (22), (23), "
                        "(24), (25)"),
            0)
      << mysql_error(c);
  MYSQL_STMT* s = mysql_stmt_init(c);
  const char kSql[] = "SELECT id FROM slow WHERE id > ? ORDER BY id";
  ASSERT_EQ(mysql_stmt_prepare(s, kSql, sizeof(kSql) - 1), 0)
      << mysql_stmt_error(s);
  unsigned long type = CURSOR_TYPE_READ_ONLY, prefetch = 2;
  mysql_stmt_attr_set(s, STMT_ATTR_CURSOR_TYPE, &type);
  mysql_stmt_attr_set(s, STMT_ATTR_PREFETCH_ROWS, &prefetch);
  long long above = 20, id = 0;
  MYSQL_BIND param{}, col{};
  param.buffer_type = MYSQL_TYPE_LONGLONG;
  param.buffer = &above;
  col.buffer_type = MYSQL_TYPE_LONGLONG;
  col.buffer = &id;
  ASSERT_EQ(mysql_stmt_bind_param(s, &param), 0);
  ASSERT_EQ(mysql_stmt_execute(s), 0) << mysql_stmt_error(s);
  ASSERT_EQ(mysql_stmt_bind_result(s, &col), 0);
  std::vector<long long> got;
  while (mysql_stmt_fetch(s) == 0) got.push_back(id);
  EXPECT_EQ(got, (std::vector<long long>{21, 22, 23, 24, 25}));
  mysql_stmt_close(s);
  ASSERT_EQ(mysql_query(c, "DELETE FROM slow WHERE id > 20"), 0)
      << mysql_error(c);
  mysql_close(c);
}

// LOAD DATA LOCAL INFILE through the router: the rows go to their shards
// (lib/gateway/gateway_load_data_integration_test.cc covers the details).
TEST_F(GatewayRouterIntegrationTest, LoadDataLocalInfileRoutesRows) {
  const std::string csv = absl::StrCat(getenv("TEST_TMPDIR"), "/rows.csv");
  std::ofstream(csv) << "100\n101\n";
  MYSQL* c = env_->Connect(/*local_infile=*/true);
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(
      mysql_query(
          c, ("LOAD DATA LOCAL INFILE '" + csv + "' INTO TABLE slow").c_str()),
      0)
      << mysql_error(c);
  EXPECT_EQ(mysql_affected_rows(c), 2u);
  ASSERT_EQ(mysql_query(c, "SELECT COUNT(*) FROM slow WHERE id >= 100"), 0)
      << mysql_error(c);
  MYSQL_RES* r = mysql_store_result(c);
  ASSERT_NE(r, nullptr);
  EXPECT_STREQ(mysql_fetch_row(r)[0], "2");
  mysql_free_result(r);
  ASSERT_EQ(mysql_query(c, "DELETE FROM slow WHERE id >= 100"), 0)
      << mysql_error(c);
  mysql_close(c);
}

// The value of the sample `name{labels}` in Prometheus text, or -1.
double Sample(const std::string& text, const std::string& series) {
  size_t at = text.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + series.size() + 2));
}

TEST_F(GatewayRouterIntegrationTest, PerShardBackendMetrics) {
  const std::string metrics_cmd = absl::StrCat(
      "curl -s http://127.0.0.1:", gateway_->http_port(), "/metrics");
  const std::string low =
      "{keyspace=\"commerce\",shard=\"-80\",tablet_type=\"primary\"}";
  const std::string high =
      "{keyspace=\"commerce\",shard=\"80-\",tablet_type=\"primary\"}";
  int rc = 0;
  std::string before = RunCommand(metrics_cmd, &rc);
  ASSERT_EQ(rc, 0);
  MYSQL* c = Connect();
  ASSERT_NE(c, nullptr);
  // A scatter reaches both shards; an unknown column fails on one.
  ASSERT_EQ(mysql_query(c, "SELECT COUNT(*) FROM customer"), 0);
  if (MYSQL_RES* r = mysql_store_result(c)) mysql_free_result(r);
  EXPECT_NE(mysql_query(c, "SELECT nosuch FROM customer WHERE id = 1"), 0);
  mysql_close(c);
  std::string after = RunCommand(metrics_cmd, &rc);
  ASSERT_EQ(rc, 0);
  for (const std::string& shard : {low, high}) {
    EXPECT_GE(
        Sample(after, "tessera_router_backend_queries_total" + shard),
        Sample(before, "tessera_router_backend_queries_total" + shard) + 1)
        << after;
    EXPECT_GE(
        Sample(after, "tessera_router_backend_latency_seconds_count" + shard),
        1);
    EXPECT_GE(Sample(after, "tessera_router_backend_connections_open" + shard),
              1);
  }
  const std::string ksid = vindex::VitessHash(1);
  const std::string& one = static_cast<uint8_t>(ksid[0]) < 0x80 ? low : high;
  EXPECT_EQ(Sample(after, "tessera_router_backend_errors_total" + one),
            Sample(before, "tessera_router_backend_errors_total" + one) + 1);
  EXPECT_EQ(Sample(after, "tessera_router_topology_generation"), 0);
  EXPECT_NE(after.find("tessera_router_plan_cache_hits_total"),
            std::string::npos);
}

}  // namespace
}  // namespace tessera::gateway
