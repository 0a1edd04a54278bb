// The gateway end to end: real mariadbd behind it, libmariadb in front.
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

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
using ::testing::StartsWith;
using Rows = std::vector<std::vector<std::string>>;

class GatewayIntegrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    RateLimiterOptions limits;
    limits.free_failures = 20;
    limits.base_backoff = absl::Hours(1);
    auto env = StartGatewayTestEnv(limits, /*worker_threads=*/8,
                                   /*threads_per_io_context=*/1,
                                   [](GatewayOptions& o) {
                                     o.server.allow_local_infile = true;
                                     PickPassthrough(o);
                                   });
    ASSERT_TRUE(env.ok()) << env.status();
    env_ = env->release();
  }
  static void TearDownTestSuite() {
    delete env_;
    env_ = nullptr;
  }
  MYSQL* Connect(const char* user, const char* password, ClientOptions o = {}) {
    return ConnectClient(env_->port(), user, password, o, &error_);
  }
  static GatewayTestEnv* env_;
  std::string error_;
};

GatewayTestEnv* GatewayIntegrationTest::env_ = nullptr;

TEST_F(GatewayIntegrationTest, TextQueriesTypesAndErrors) {
  MYSQL* m = Connect("app", "app-pw", {.db = "other"});
  ASSERT_NE(m, nullptr) << error_;
  EXPECT_THAT(mysql_get_server_info(m), HasSubstr("MariaDB-tessera"));
  ASSERT_EQ(mysql_query(m,
                        "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY "
                        "KEY, d DECIMAL(10,2), s VARCHAR(20), b BLOB, "
                        "ts DATETIME(3))"),
            0)
      << mysql_error(m);
  ASSERT_EQ(mysql_query(m,
                        "INSERT INTO t (d, s, b, ts) VALUES (1.5, 'x', "
                        "NULL, '2024-01-02 03:04:05.678'), (-2, NULL, "
                        "x'00ff', NULL)"),
            0);
  EXPECT_EQ(mysql_affected_rows(m), 2u);
  EXPECT_EQ(mysql_insert_id(m), 1u);
  EXPECT_THAT(mysql_info(m), HasSubstr("Records: 2"));
  EXPECT_EQ(QueryRows(m, "SELECT id, d, s, b, ts FROM t ORDER BY id"),
            (Rows{{"1", "1.50", "x", "NULL", "2024-01-02 03:04:05.678"},
                  {"2", "-2.00", "NULL", std::string("\0\xff", 2), "NULL"}}));
  EXPECT_EQ(QueryRows(m, "SELECT * FROM missing"), (Rows{{"ERR 1146"}}));
  EXPECT_STREQ(mysql_sqlstate(m), "42S02");
  EXPECT_EQ(QueryRows(m, "SELEC 1"), (Rows{{"ERR 1064"}}));
  // Multi-statements, then a stored procedure with two result sets.
  ASSERT_EQ(mysql_query(m, "SELECT 1; SELECT 2, 3; DO 1"), 0);
  int results = 0;
  do {
    if (MYSQL_RES* r = mysql_store_result(m)) mysql_free_result(r);
    ++results;
  } while (mysql_next_result(m) == 0);
  EXPECT_EQ(results, 3);
  ASSERT_EQ(mysql_query(m,
                        "CREATE PROCEDURE two() BEGIN SELECT 'a'; SELECT "
                        "'b', 'c'; END"),
            0)
      << mysql_error(m);
  ASSERT_EQ(mysql_query(m, "CALL two()"), 0) << mysql_error(m);
  std::vector<unsigned> widths;
  do {
    if (MYSQL_RES* r = mysql_store_result(m)) {
      widths.push_back(mysql_num_fields(r));
      mysql_free_result(r);
    }
  } while (mysql_next_result(m) == 0);
  EXPECT_EQ(widths, (std::vector<unsigned>{1, 2}));
  // Transactions: the status flags travel back.
  ASSERT_EQ(mysql_query(m, "BEGIN"), 0);
  ASSERT_EQ(mysql_query(m, "INSERT INTO t (d) VALUES (7)"), 0);
  ASSERT_EQ(mysql_rollback(m), 0);
  EXPECT_EQ(QueryRows(m, "SELECT COUNT(*) FROM t"), (Rows{{"2"}}));
  mysql_close(m);
}

TEST_F(GatewayIntegrationTest, PreparedStatementsAllTypesAndNulls) {
  MYSQL* m = Connect("app", "app-pw", {.db = "other"});
  ASSERT_NE(m, nullptr) << error_;
  ASSERT_EQ(mysql_query(m,
                        "CREATE TABLE p (id INT PRIMARY KEY, ti TINYINT, "
                        "su SMALLINT UNSIGNED, bi BIGINT, f FLOAT, db "
                        "DOUBLE, de DECIMAL(12,3), vc VARCHAR(30), bl "
                        "BLOB, da DATE, dt DATETIME(6), tm TIME, yr YEAR)"),
            0)
      << mysql_error(m);
  MYSQL_STMT* ins = mysql_stmt_init(m);
  const char* insert_sql =
      "INSERT INTO p VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  ASSERT_EQ(mysql_stmt_prepare(ins, insert_sql, strlen(insert_sql)), 0)
      << mysql_stmt_error(ins);
  ASSERT_EQ(mysql_stmt_param_count(ins), 13u);
  int id = 1;
  signed char ti = -5;
  unsigned short su = 65535;
  long long bi = -1234567890123LL;
  float f = 0.25f;
  double db = 1e100;
  char de[] = "-123456.789", vc[] = "quote ' and \\ back", bl[] = "\x00\x01z";
  unsigned long de_len = strlen(de), vc_len = strlen(vc), bl_len = 3;
  MYSQL_TIME da{}, dt{}, tm{};
  da.year = 2023, da.month = 12, da.day = 31;
  da.time_type = MYSQL_TIMESTAMP_DATE;
  dt.year = 2000, dt.month = 1, dt.day = 1, dt.hour = 0, dt.minute = 0;
  dt.second = 1, dt.second_part = 500;
  dt.time_type = MYSQL_TIMESTAMP_DATETIME;
  tm.neg = 1, tm.hour = 100, tm.minute = 2, tm.second = 3;
  tm.time_type = MYSQL_TIMESTAMP_TIME;
  short yr = 2155;
  MYSQL_BIND in[13];
  memset(in, 0, sizeof(in));
  void* bufs[13] = {&id, &ti, &su, &bi, &f,  &db, de,
                    vc,  bl,  &da, &dt, &tm, &yr};
  enum_field_types types[13] = {
      MYSQL_TYPE_LONG,       MYSQL_TYPE_TINY,     MYSQL_TYPE_SHORT,
      MYSQL_TYPE_LONGLONG,   MYSQL_TYPE_FLOAT,    MYSQL_TYPE_DOUBLE,
      MYSQL_TYPE_NEWDECIMAL, MYSQL_TYPE_STRING,   MYSQL_TYPE_BLOB,
      MYSQL_TYPE_DATE,       MYSQL_TYPE_DATETIME, MYSQL_TYPE_TIME,
      MYSQL_TYPE_SHORT};
  for (int i = 0; i < 13; ++i) {
    in[i].buffer_type = types[i];
    in[i].buffer = bufs[i];
  }
  in[2].is_unsigned = 1;
  in[6].length = &de_len;
  in[7].length = &vc_len;
  in[8].length = &bl_len;
  ASSERT_EQ(mysql_stmt_bind_param(ins, in), 0);
  ASSERT_EQ(mysql_stmt_execute(ins), 0) << mysql_stmt_error(ins);
  EXPECT_EQ(mysql_stmt_affected_rows(ins), 1u);
  // Second row: every column but the key NULL.
  my_bool null_flag = 1;
  id = 2;
  for (int i = 1; i < 13; ++i) in[i].is_null = &null_flag;
  ASSERT_EQ(mysql_stmt_bind_param(ins, in), 0);
  ASSERT_EQ(mysql_stmt_execute(ins), 0) << mysql_stmt_error(ins);
  mysql_stmt_close(ins);

  EXPECT_EQ(QueryRows(m, "SELECT * FROM p ORDER BY id"),
            (Rows{{"1", "-5", "65535", "-1234567890123", "0.25", "1e100",
                   "-123456.789", vc, std::string("\0\x01z", 3), "2023-12-31",
                   "2000-01-01 00:00:01.000500", "-100:02:03", "2155"},
                  {"2", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL",
                   "NULL", "NULL", "NULL", "NULL", "NULL"}}));

  // Read back through the binary protocol.
  MYSQL_STMT* sel = mysql_stmt_init(m);
  const char* select_sql = "SELECT * FROM p WHERE id = ?";
  ASSERT_EQ(mysql_stmt_prepare(sel, select_sql, strlen(select_sql)), 0)
      << mysql_stmt_error(sel);
  ASSERT_EQ(mysql_stmt_field_count(sel), 13u);
  MYSQL_BIND key;
  memset(&key, 0, sizeof(key));
  key.buffer_type = MYSQL_TYPE_LONG;
  key.buffer = &id;
  ASSERT_EQ(mysql_stmt_bind_param(sel, &key), 0);
  int o_id = 0;
  signed char o_ti = 0;
  unsigned short o_su = 0;
  long long o_bi = 0;
  float o_f = 0;
  double o_db = 0;
  char o_de[32], o_vc[64], o_bl[16];
  MYSQL_TIME o_da{}, o_dt{}, o_tm{};
  short o_yr = 0;
  void* obufs[13] = {&o_id, &o_ti, &o_su, &o_bi, &o_f,  &o_db, o_de,
                     o_vc,  o_bl,  &o_da, &o_dt, &o_tm, &o_yr};
  unsigned long lens[13];
  my_bool nulls[13];
  MYSQL_BIND out[13];
  memset(out, 0, sizeof(out));
  for (int i = 0; i < 13; ++i) {
    out[i].buffer_type = types[i];
    out[i].buffer = obufs[i];
    out[i].buffer_length = i == 7 ? sizeof(o_vc) : 16;
    out[i].length = &lens[i];
    out[i].is_null = &nulls[i];
  }
  out[6].buffer_length = sizeof(o_de);
  out[2].is_unsigned = 1;
  for (int row = 1; row <= 2; ++row) {
    id = row;
    ASSERT_EQ(mysql_stmt_execute(sel), 0) << mysql_stmt_error(sel);
    ASSERT_EQ(mysql_stmt_bind_result(sel, out), 0);
    ASSERT_EQ(mysql_stmt_store_result(sel), 0) << mysql_stmt_error(sel);
    ASSERT_EQ(mysql_stmt_fetch(sel), 0) << mysql_stmt_error(sel);
    EXPECT_EQ(o_id, row);
    if (row == 1) {
      EXPECT_EQ(o_ti, -5);
      EXPECT_EQ(o_su, 65535);
      EXPECT_EQ(o_bi, -1234567890123LL);
      EXPECT_FLOAT_EQ(o_f, 0.25f);
      EXPECT_DOUBLE_EQ(o_db, 1e100);
      EXPECT_EQ(std::string(o_de, lens[6]), "-123456.789");
      EXPECT_EQ(std::string(o_vc, lens[7]), vc);
      EXPECT_EQ(std::string(o_bl, lens[8]), std::string("\0\x01z", 3));
      EXPECT_EQ(o_da.year, 2023u);
      EXPECT_EQ(o_da.day, 31u);
      EXPECT_EQ(o_dt.second, 1u);
      EXPECT_EQ(o_dt.second_part, 500u);
      EXPECT_EQ(o_tm.neg, 1);
      EXPECT_EQ(o_tm.hour, 100u);
      EXPECT_EQ(o_yr, 2155);
      for (int i = 0; i < 13; ++i) EXPECT_FALSE(nulls[i]) << i;
    } else {
      for (int i = 1; i < 13; ++i) EXPECT_TRUE(nulls[i]) << i;
    }
    EXPECT_EQ(mysql_stmt_fetch(sel), MYSQL_NO_DATA);
    mysql_stmt_free_result(sel);
  }
  // A backend error on execute comes back as the statement's error.
  MYSQL_STMT* dup = mysql_stmt_init(m);
  const char* dup_sql = "INSERT INTO p (id) VALUES (?)";
  ASSERT_EQ(mysql_stmt_prepare(dup, dup_sql, strlen(dup_sql)), 0);
  id = 1;
  ASSERT_EQ(mysql_stmt_bind_param(dup, &key), 0);
  EXPECT_NE(mysql_stmt_execute(dup), 0);
  EXPECT_EQ(mysql_stmt_errno(dup), 1062u);
  mysql_stmt_close(dup);
  mysql_stmt_close(sel);
  mysql_close(m);
}

TEST_F(GatewayIntegrationTest, PacketsOver16MiB) {
  MYSQL* m = Connect("app", "app-pw", {.db = "other"});
  ASSERT_NE(m, nullptr) << error_;
  ASSERT_EQ(mysql_query(m,
                        "CREATE TABLE big (id INT PRIMARY KEY, v "
                        "LONGBLOB)"),
            0);
  std::string blob(17 << 20, 'q');
  blob[12345] = 'Z';
  std::string sql = "INSERT INTO big VALUES (1, '" + blob + "')";
  ASSERT_EQ(mysql_real_query(m, sql.data(), sql.size()), 0) << mysql_error(m);
  Rows rows = QueryRows(m, "SELECT v FROM big WHERE id = 1");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows[0][0] == blob) << "size " << rows[0][0].size();
  EXPECT_EQ(QueryRows(m, "SELECT LENGTH(v), LOCATE('Z', v) FROM big"),
            (Rows{{std::to_string(blob.size()), "12346"}}));
  mysql_close(m);
}

TEST_F(GatewayIntegrationTest, AuthTlsAndRestrictions) {
  // Wrong password, unknown user, host restriction: all 1045.
  for (auto [user, pw] : {std::pair{"app", "nope"}, std::pair{"ghost", "x"},
                          std::pair{"elsewhere", "x"}}) {
    EXPECT_EQ(Connect(user, pw), nullptr) << user;
    EXPECT_THAT(error_, StartsWith("1045 ")) << user;
  }
  // Keyspace restriction on the default database.
  EXPECT_EQ(Connect("limited", "lim-pw", {.db = "other"}), nullptr);
  EXPECT_THAT(error_, StartsWith("1044 "));
  MYSQL* lim = Connect("limited", "lim-pw", {.db = "allowed"});
  ASSERT_NE(lim, nullptr) << error_;
  EXPECT_NE(mysql_select_db(lim, "other"), 0);
  EXPECT_EQ(mysql_errno(lim), 1044u);
  EXPECT_EQ(QueryRows(lim, "SELECT DATABASE()"), (Rows{{"allowed"}}));
  mysql_close(lim);

  // TLS, then caching_sha2_password: full path over TLS, fast path after.
  MYSQL* tls = Connect("app", "app-pw", {.tls = true});
  ASSERT_NE(tls, nullptr) << error_;
  EXPECT_NE(mysql_get_ssl_cipher(tls), nullptr);
  EXPECT_EQ(QueryRows(tls, "SELECT 40 + 2"), (Rows{{"42"}}));
  mysql_close(tls);
  MYSQL* sha = Connect("shauser", "sha-pw", {.tls = true});
  ASSERT_NE(sha, nullptr) << error_;
  mysql_close(sha);
  sha = Connect("shauser", "sha-pw", {.plugin = "caching_sha2_password"});
  ASSERT_NE(sha, nullptr) << error_;
  EXPECT_EQ(mysql_get_ssl_cipher(sha), nullptr);
  mysql_close(sha);

  // Compression through to the backend, COM_CHANGE_USER, reset, ping.
  MYSQL* c = Connect("app", "app-pw", {.compress = true});
  ASSERT_NE(c, nullptr) << error_;
  EXPECT_EQ(QueryRows(c, "SELECT REPEAT('ab', 5000) = REPEAT('ab', 5000)"),
            (Rows{{"1"}}));
  ASSERT_EQ(mysql_query(c, "SET @x = 5"), 0);
  EXPECT_EQ(mysql_reset_connection(c), 0);
  EXPECT_EQ(QueryRows(c, "SELECT @x"), (Rows{{"NULL"}}));
  EXPECT_EQ(mysql_change_user(c, "limited", "lim-pw", "allowed"), 0)
      << mysql_error(c);
  EXPECT_EQ(QueryRows(c, "SELECT DATABASE()"), (Rows{{"allowed"}}));
  EXPECT_EQ(mysql_ping(c), 0);
  mysql_close(c);
}

TEST_F(GatewayIntegrationTest, FailedLoginsAreRateLimitedPerSource) {
  for (int i = 0; i < 21; ++i) {
    ASSERT_EQ(Connect("app", "wrong", {.bind_address = "127.0.0.2"}), nullptr);
  }
  // Now even the right password is refused from 127.0.0.2 ...
  EXPECT_EQ(Connect("app", "app-pw", {.bind_address = "127.0.0.2"}), nullptr);
  EXPECT_THAT(error_, StartsWith("1129 "));
  // ... but not from another address: the user is not locked out.
  MYSQL* m = Connect("app", "app-pw", {.bind_address = "127.0.0.3"});
  ASSERT_NE(m, nullptr) << error_;
  mysql_close(m);
}

TEST_F(GatewayIntegrationTest, MariadbCommandLineClient) {
  int rc = 0;
  std::string base = absl::StrCat("mariadb -h127.0.0.1 -P", env_->port(),
                                  " -uapp -papp-pw --batch --skip-ssl ");
  std::string out = RunCommand(
      base + "-e \"SELECT 1 AS one, 'two' AS two; SELECT NULL\" 2>&1", &rc);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(out, "one\ttwo\n1\ttwo\nNULL\nNULL\n");
  out = RunCommand(
      base +
          "other -e \"CREATE TABLE cli (a INT); INSERT INTO cli VALUES "
          "(1),(2); UPDATE cli SET a = a + 1; SELECT SUM(a) FROM cli\" "
          "2>&1",
      &rc);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(out, "SUM(a)\n5\n");
  out = RunCommand(absl::StrCat("mariadb -h127.0.0.1 -P", env_->port(),
                                " -uapp -pbad --skip-ssl -e 'SELECT 1' 2>&1"),
                   &rc);
  EXPECT_NE(rc, 0);
  EXPECT_THAT(out, HasSubstr("ERROR 1045 (28000)"));
  out = RunCommand(absl::StrCat("mariadb -h127.0.0.1 -P", env_->port(),
                                " -uapp -papp-pw --ssl -e status 2>&1"),
                   &rc);
  EXPECT_EQ(rc, 0) << out;
  // The client's own report: the gateway hop is encrypted.
  EXPECT_THAT(out, HasSubstr("Cipher in use is"));
}

// LOAD DATA LOCAL INFILE through the passthrough: the `mariadb` client and
// libmariadb send a file that lands in the backend table; a LOAD DATA LOCAL
// hidden in an executable comment (which the gateway does not see) cannot
// make the gateway read a file of its own host.
TEST_F(GatewayIntegrationTest, LoadDataLocalInfile) {
  const std::string csv =
      absl::StrCat(getenv("TEST_TMPDIR"), "/load_data_local.csv");
  std::ofstream(csv) << "1,ann\n2,bo\n3,cy\n";
  MYSQL* m = Connect("app", "app-pw", {.db = "other", .local_infile = true});
  ASSERT_NE(m, nullptr) << error_;
  ASSERT_EQ(mysql_query(m, "CREATE TABLE loaded (a INT, b VARCHAR(10))"), 0)
      << mysql_error(m);
  const std::string load = "LOAD DATA LOCAL INFILE '" + csv +
                           "' INTO TABLE loaded FIELDS TERMINATED BY ','";
  ASSERT_EQ(mysql_query(m, load.c_str()), 0) << mysql_error(m);
  EXPECT_EQ(mysql_affected_rows(m), 3u);
  EXPECT_THAT(mysql_info(m), HasSubstr("Records: 3"));
  EXPECT_EQ(QueryRows(m, "SELECT a, b FROM loaded ORDER BY a"),
            (Rows{{"1", "ann"}, {"2", "bo"}, {"3", "cy"}}));
  EXPECT_NE(mysql_query(m, ("/*!" + load + " */").c_str()), 0);
  EXPECT_EQ(QueryRows(m, "SELECT COUNT(*) FROM loaded"), (Rows{{"3"}}));
  mysql_close(m);

  int rc = 0;
  std::string out = RunCommand(
      absl::StrCat("mariadb -h127.0.0.1 -P", env_->port(),
                   " -uapp -papp-pw --batch --skip-ssl --local-infile=1 "
                   "other -e \"",
                   load, "; SELECT SUM(a) FROM loaded\" 2>&1"),
      &rc);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(out, "SUM(a)\n12\n");
}

// CLIENT_SESSION_TRACK through the passthrough (libmariadb asks for it):
// the backend's trackers reach the client, also after a reset.
std::string TrackedVariable(MYSQL* m, const std::string& name) {
  const char* data = nullptr;
  size_t length = 0;
  if (mysql_session_track_get_first(m, SESSION_TRACK_SYSTEM_VARIABLES, &data,
                                    &length) != 0) {
    return "(none)";
  }
  std::vector<std::string> items;
  do {
    items.emplace_back(data, length);
  } while (mysql_session_track_get_next(m, SESSION_TRACK_SYSTEM_VARIABLES,
                                        &data, &length) == 0);
  for (size_t i = 0; i + 1 < items.size(); i += 2) {
    if (items[i] == name) return items[i + 1];
  }
  return "(absent)";
}

TEST_F(GatewayIntegrationTest, SessionStateTracking) {
  MYSQL* m = Connect("app", "app-pw", {.db = "other"});
  ASSERT_NE(m, nullptr) << error_;
  ASSERT_EQ(mysql_query(m, "SET time_zone = '+01:00'"), 0) << mysql_error(m);
  EXPECT_EQ(TrackedVariable(m, "time_zone"), "+01:00");
  ASSERT_EQ(mysql_query(m, "USE allowed"), 0) << mysql_error(m);
  const char* schema = nullptr;
  size_t length = 0;
  ASSERT_EQ(
      mysql_session_track_get_first(m, SESSION_TRACK_SCHEMA, &schema, &length),
      0);
  EXPECT_EQ(std::string(schema, length), "allowed");
  EXPECT_EQ(QueryRows(m, "SELECT DATABASE()"), (Rows{{"allowed"}}));
  ASSERT_EQ(mysql_reset_connection(m), 0) << mysql_error(m);
  ASSERT_EQ(mysql_query(m, "SET time_zone = '+02:00'"), 0) << mysql_error(m);
  EXPECT_EQ(TrackedVariable(m, "time_zone"), "+02:00");
  mysql_close(m);
}

// Relay specifics: a server-side cursor is the backend's own (fetched in
// batches through the relay), a result far larger than the relay's flush
// threshold streams through, `USE` honours keyspace restrictions, and the
// prepared statement limit counts the backend's statements.
TEST_F(GatewayIntegrationTest, CursorsBigResultsAndRestrictions) {
  MYSQL* m = Connect("app", "app-pw", {.db = "other"});
  ASSERT_NE(m, nullptr) << error_;
  MYSQL_STMT* stmt = mysql_stmt_init(m);
  const std::string sql = "SELECT seq, REPEAT('x', 100) FROM seq_1_to_5000";
  ASSERT_EQ(mysql_stmt_prepare(stmt, sql.data(), sql.size()), 0)
      << mysql_stmt_error(stmt);
  unsigned long cursor = CURSOR_TYPE_READ_ONLY, prefetch = 64;
  mysql_stmt_attr_set(stmt, STMT_ATTR_CURSOR_TYPE, &cursor);
  mysql_stmt_attr_set(stmt, STMT_ATTR_PREFETCH_ROWS, &prefetch);
  ASSERT_EQ(mysql_stmt_execute(stmt), 0) << mysql_stmt_error(stmt);
  long long seq = 0;
  char text[128];
  unsigned long text_len = 0;
  MYSQL_BIND out[2];
  memset(out, 0, sizeof(out));
  out[0].buffer_type = MYSQL_TYPE_LONGLONG;
  out[0].buffer = &seq;
  out[1].buffer_type = MYSQL_TYPE_STRING;
  out[1].buffer = text;
  out[1].buffer_length = sizeof(text);
  out[1].length = &text_len;
  ASSERT_EQ(mysql_stmt_bind_result(stmt, out), 0);
  long long sum = 0, rows = 0;
  while (mysql_stmt_fetch(stmt) == 0) {
    sum += seq;
    ++rows;
    ASSERT_EQ(text_len, 100u);
  }
  EXPECT_EQ(rows, 5000);
  EXPECT_EQ(sum, 5000LL * 5001 / 2);
  mysql_stmt_close(stmt);
  // About 4 MB of text rows.
  Rows big = QueryRows(m, "SELECT seq, REPEAT('y', 200) FROM seq_1_to_20000");
  ASSERT_EQ(big.size(), 20000u);
  EXPECT_EQ(big.back()[0], "20000");
  EXPECT_EQ(QueryRows(m, "SELECT 5"), (Rows{{"5"}}));
  mysql_close(m);

  MYSQL* lim = Connect("limited", "lim-pw", {.db = "allowed"});
  ASSERT_NE(lim, nullptr) << error_;
  // `USE` as a statement is checked like COM_INIT_DB, in both modes.
  for (const char* use : {"USE other", "  use `other` ;"}) {
    EXPECT_NE(mysql_query(lim, use), 0) << use;
    EXPECT_EQ(mysql_errno(lim), 1044u) << use;
    EXPECT_EQ(QueryRows(lim, "SELECT DATABASE()"), (Rows{{"allowed"}}));
  }
  EXPECT_EQ(QueryRows(lim, "USE allowed"), Rows{});
  EXPECT_EQ(QueryRows(lim, "SELECT DATABASE()"), (Rows{{"allowed"}}));
  mysql_close(lim);
}

TEST_F(GatewayIntegrationTest, PyMySQL) {
  int rc = 0;
  RunCommand("python3 -c 'import pymysql' 2>/dev/null", &rc);
  if (rc != 0) GTEST_SKIP() << "python3-pymysql not installed";
  std::string script = absl::StrCat(R"(
import pymysql
c = pymysql.connect(host='127.0.0.1', port=)",
                                    env_->port(), R"(,
                    user='app', password='app-pw', database='other')
cur = c.cursor()
cur.execute('CREATE TABLE py (id INT PRIMARY KEY, name VARCHAR(20), amount DECIMAL(8,2), at DATETIME)')
cur.executemany('INSERT INTO py VALUES (%s, %s, %s, %s)',
                [(1, "o'neil", '12.50', '2024-05-06 07:08:09'), (2, None, None, None)])
c.commit()
cur.execute('SELECT id, name, amount, at FROM py WHERE id IN (%s, %s) ORDER BY id', (1, 2))
for row in cur.fetchall():
    print(row)
try:
    cur.execute('SELECT * FROM nowhere')
except pymysql.err.ProgrammingError as e:
    print('error', e.args[0])
)");
  std::string path = env_->dir + "/client.py";
  FILE* f = fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  fputs(script.c_str(), f);
  fclose(f);
  std::string out = RunCommand("python3 " + path + " 2>&1", &rc);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(out,
            "(1, \"o'neil\", Decimal('12.50'), datetime.datetime(2024, 5, 6, "
            "7, 8, 9))\n(2, None, None, None)\nerror 1146\n");
}

}  // namespace
}  // namespace tessera::gateway
