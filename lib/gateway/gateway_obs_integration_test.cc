// Observability, KILL/PROCESSLIST/CONNECTION_ID and limits through the
// gateway's passthrough with a real mariadbd behind it.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/gateway/gateway_test_env.h"

namespace tessera::gateway {
namespace {

// The same tests run against both passthrough modes (the *_relay_* targets
// define TESSERA_TEST_RELAY).
void PickPassthrough(GatewayOptions& o) {
#ifdef TESSERA_TEST_RELAY
  o.passthrough = PassthroughMode::kRelay;
#else
  (void)o;
#endif
}

using ::testing::HasSubstr;
using ::testing::Not;
using Rows = std::vector<std::vector<std::string>>;

class GatewayObsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto env = StartGatewayTestEnv({}, 8, 1, [](GatewayOptions& o) {
      o.http_port = 0;
      o.slow_query_threshold = absl::Milliseconds(150);
      o.server.query_timeout = absl::Seconds(2);
      o.backend.max_result_rows = 1000;
      PickPassthrough(o);
    });
    ASSERT_TRUE(env.ok()) << env.status();
    env_ = env->release();
  }
  static void TearDownTestSuite() {
    delete env_;
    env_ = nullptr;
  }
  MYSQL* Connect() {
    return ConnectClient(env_->port(), "app", "app-pw", {.db = "other"},
                         &error_);
  }
  std::string Http(const std::string& path, int* code) {
    return RunCommand(absl::StrCat("curl -s -o - -w '\\n%{http_code}' "
                                   "http://127.0.0.1:",
                                   env_->gateway->http_port(), path),
                      code);
  }
  static GatewayTestEnv* env_;
  std::string error_;
};

GatewayTestEnv* GatewayObsTest::env_ = nullptr;

TEST_F(GatewayObsTest, MetricsHealthzAndRedactedQueryz) {
  MYSQL* m = Connect();
  ASSERT_NE(m, nullptr) << error_;
  EXPECT_EQ(QueryRows(m, "SELECT 1"), (Rows{{"1"}}));
  EXPECT_EQ(QueryRows(m, "SELECT * FROM no_such_table"), (Rows{{"ERR 1146"}}));
  EXPECT_EQ(QueryRows(m, "SELECT SLEEP(0.3), 'top-secret' AS s"),
            (Rows{{"0", "top-secret"}}));
  mysql_close(m);
  int code = 0;
  std::string metrics = Http("/metrics", &code);
  EXPECT_THAT(metrics, HasSubstr("tessera_gateway_queries_total{command="
                                 "\"query\",type=\"select\",result=\"ok\"}"));
  EXPECT_THAT(metrics,
              HasSubstr("tessera_gateway_errors_total{errno=\"1146\"} 1"));
  EXPECT_THAT(metrics, HasSubstr("tessera_gateway_connections_accepted_total"));
  EXPECT_THAT(metrics, HasSubstr("\n200"));
  std::string health = Http("/healthz", &code);
  EXPECT_EQ(health, "ok\n\n200");
  std::string queryz = Http("/debug/queryz", &code);
  EXPECT_THAT(queryz, HasSubstr("SELECT SLEEP ( ? ) , ? AS s"));
  EXPECT_THAT(queryz, Not(HasSubstr("top-secret")));
  EXPECT_THAT(Http("/nope", &code), HasSubstr("\n404"));
}

TEST_F(GatewayObsTest, ConnectionIdProcessListAndKillQuery) {
  MYSQL* a = Connect();
  MYSQL* b = Connect();
  ASSERT_TRUE(a && b) << error_;
  std::string b_id = std::to_string(mysql_thread_id(b));
  EXPECT_EQ(QueryRows(b, "SELECT CONNECTION_ID()"), (Rows{{b_id}}));
  // Inside a statement the backend sees the gateway's id as a literal.
  EXPECT_EQ(QueryRows(b, "SELECT CONNECTION_ID() + 0"), (Rows{{b_id}}));
  std::atomic<unsigned> sleep_errno{0};
  std::thread runner([&] {
    mysql_query(b, "SELECT SLEEP(1.5)");
    sleep_errno = mysql_errno(b);
    if (MYSQL_RES* r = mysql_store_result(b)) mysql_free_result(r);
  });
  bool seen = false;
  for (int i = 0; i < 500 && !seen; ++i) {
    for (const auto& row : QueryRows(a, "SHOW FULL PROCESSLIST")) {
      if (row.size() == 9 && row[0] == b_id && row[7] == "SELECT SLEEP(1.5)") {
        seen = true;
      }
    }
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(seen);
  EXPECT_EQ(mysql_query(a, ("KILL QUERY " + b_id).c_str()), 0)
      << mysql_error(a);
  runner.join();
  // MariaDB reports a killed SLEEP() as the value 1, other statements as
  // 1317; either way the statement ended early and the session lives on.
  EXPECT_TRUE(sleep_errno.load() == 0 || sleep_errno.load() == 1317u);
  EXPECT_EQ(QueryRows(b, "SELECT 2"), (Rows{{"2"}}));
  mysql_close(a);
  mysql_close(b);
}

TEST_F(GatewayObsTest, QueryTimeoutAndMaxRows) {
  MYSQL* m = Connect();
  ASSERT_NE(m, nullptr) << error_;
  // A statement that is not SLEEP() so that KILL QUERY makes it fail.
  EXPECT_EQ(QueryRows(m,
                      "SELECT COUNT(*) FROM seq_1_to_1000000000 a "
                      "WHERE SLEEP(0) = 0"),
            (Rows{{"ERR 1969"}}));
  EXPECT_STREQ(mysql_sqlstate(m), "70100");
  EXPECT_EQ(QueryRows(m, "SELECT COUNT(*) FROM seq_1_to_1000"),
            (Rows{{"1000"}}));
  EXPECT_EQ(QueryRows(m, "SELECT seq FROM seq_1_to_1000").size(), 1000u);
  EXPECT_EQ(QueryRows(m, "SELECT seq FROM seq_1_to_1001"),
            (Rows{{"ERR 1104"}}));
  // The backend connection is in sync after the discarded rest.
  EXPECT_EQ(QueryRows(m, "SELECT 3"), (Rows{{"3"}}));
  EXPECT_GE(env_->gateway->stats().timed_out, 1u);
  mysql_close(m);
}

TEST_F(GatewayObsTest, FieldList) {
  MYSQL* m = Connect();
  ASSERT_NE(m, nullptr) << error_;
  ASSERT_EQ(mysql_query(m,
                        "CREATE TABLE fl (id INT PRIMARY KEY, name "
                        "VARCHAR(10), nick VARCHAR(5))"),
            0)
      << mysql_error(m);
  MYSQL_RES* res = mysql_list_fields(m, "fl", "n%");
  ASSERT_NE(res, nullptr) << mysql_error(m);
  std::vector<std::string> names;
  while (MYSQL_FIELD* f = mysql_fetch_field(res)) names.push_back(f->name);
  mysql_free_result(res);
  EXPECT_EQ(names, (std::vector<std::string>{"name", "nick"}));
  EXPECT_EQ(mysql_list_fields(m, "missing", nullptr), nullptr);
  EXPECT_EQ(mysql_errno(m), 1146u);
  mysql_close(m);
}

// Last: it stops the suite's gateway. While a statement is in flight during
// Stop(), /healthz says 503 and the statement still gets its answer.
TEST_F(GatewayObsTest, HealthzIsUnavailableWhileDraining) {
  MYSQL* m = Connect();
  ASSERT_NE(m, nullptr) << error_;
  Rows answer;
  std::thread runner([&] { answer = QueryRows(m, "SELECT SLEEP(1.5), 7"); });
  MYSQL* watcher = Connect();
  ASSERT_NE(watcher, nullptr) << error_;
  bool running = false;
  for (int i = 0; i < 500 && !running; ++i) {
    for (const auto& row : QueryRows(watcher, "SHOW FULL PROCESSLIST")) {
      if (row.size() == 9 && row[7] == "SELECT SLEEP(1.5), 7") running = true;
    }
    if (!running) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(running);
  std::thread stopper([&] { env_->gateway->Stop(); });
  bool saw_503 = false;
  int code = 0;
  for (int i = 0; i < 100 && !saw_503; ++i) {
    saw_503 = absl::EndsWith(Http("/healthz", &code), "draining\n\n503");
    if (!saw_503) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  runner.join();
  stopper.join();
  EXPECT_TRUE(saw_503);
  EXPECT_EQ(answer, (Rows{{"0", "7"}}));
  mysql_close(m);
  mysql_close(watcher);
}

}  // namespace
}  // namespace tessera::gateway
