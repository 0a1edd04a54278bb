// Session-state tracking and TLS to the backends, against real mariadbd
// servers configured with a certificate: the gateway in passthrough mode
// (one backend) and in router mode (two shards), with libmariadb clients
// reading the trackers (mysql_session_track_get_first/next).
//
// The gateway's backend account `tls_user` is created REQUIRE SSL, so every
// statement that works through a gateway proves that its backend hop is
// encrypted.
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/gateway/gateway.h"
#include "lib/gateway/gateway_test_env.h"
#include "lib/router/mysql_session.h"
#include "lib/testing/mariadb_fixture.h"
#include "lib/testing/sql_client.h"
#include "mariadb/mysql.h"
#include "tessera/router.h"

namespace tessera::gateway {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;
using Rows = std::vector<std::vector<std::string>>;

constexpr char kVSchema[] = R"({"keyspaces": {
  "commerce": {"sharded": true,
    "vindexes": {"hash": {"type": "hash"}},
    "tables": {
      "customer": {"column_vindexes": [{"column": "id", "name": "hash"}]}}}}})";

bool MakeCert(const std::string& dir, const std::string& name) {
  std::string cmd = absl::StrCat(
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
      "-addext subjectAltName=IP:127.0.0.1 -keyout ",
      dir, "/", name, "-key.pem -out ", dir, "/", name,
      "-cert.pem >/dev/null 2>&1");
  return std::system(cmd.c_str()) == 0;
}

// The tracker entries of `type` in the client's last OK packet.
std::vector<std::string> Tracked(MYSQL* m, enum enum_session_state_type type) {
  std::vector<std::string> out;
  const char* data = nullptr;
  size_t length = 0;
  if (mysql_session_track_get_first(m, type, &data, &length) != 0) return out;
  do {
    out.emplace_back(data, length);
  } while (mysql_session_track_get_next(m, type, &data, &length) == 0);
  return out;
}

// The value the last OK packet reports for system variable `name`.
std::string TrackedVar(MYSQL* m, const std::string& name) {
  std::vector<std::string> vars = Tracked(m, SESSION_TRACK_SYSTEM_VARIABLES);
  for (size_t i = 0; i + 1 < vars.size(); i += 2) {
    if (vars[i] == name) return vars[i + 1];
  }
  return "<not tracked>";
}

class GatewaySessionIntegrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(absl::StrCat(getenv("TEST_TMPDIR"), "/gwsession"));
    ASSERT_EQ(system(("mkdir -p " + *dir_).c_str()), 0);
    ASSERT_TRUE(MakeCert(*dir_, "server"));
    ASSERT_TRUE(MakeCert(*dir_, "other"));
    // A client certificate for the gateway, signed by the servers' own
    // (self-signed) certificate, which the servers trust as their CA.
    const std::string sign = absl::StrCat(
        "cd ", *dir_, " && openssl req -newkey rsa:2048 -nodes ",
        "-subj /O=Tessera/CN=gateway -keyout gw-key.pem -out gw.csr ",
        ">/dev/null 2>&1 && openssl x509 -req -in gw.csr -CA server-cert.pem ",
        "-CAkey server-key.pem -CAcreateserial -days 2 -out gw-cert.pem ",
        ">/dev/null 2>&1");
    ASSERT_EQ(std::system(sign.c_str()), 0) << sign;
    testing::MariadbOptions mo;
    mo.shards = 2;
    mo.extra_config = {absl::StrCat("ssl-ca=", *dir_, "/server-cert.pem"),
                       absl::StrCat("ssl-cert=", *dir_, "/server-cert.pem"),
                       absl::StrCat("ssl-key=", *dir_, "/server-key.pem")};
    auto db = testing::MariadbFixture::Start(mo);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = db->release();
    for (int i = 0; i < 2; ++i) {
      absl::Status s = testing::Exec(
          db_->primary(i),
          "CREATE USER tls_user@'%' IDENTIFIED BY 'tls-pw' REQUIRE SSL; "
          "GRANT ALL ON *.* TO tls_user@'%'; "
          "CREATE USER x509_user@'%' IDENTIFIED BY 'x509-pw' "
          "REQUIRE SUBJECT '/O=Tessera/CN=gateway'; "
          "GRANT ALL ON *.* TO x509_user@'%'; CREATE DATABASE commerce; "
          "CREATE TABLE commerce.customer (id BIGINT PRIMARY KEY, "
          "name VARCHAR(20))");
      ASSERT_TRUE(s.ok()) << s;
    }
    std::ofstream(*dir_ + "/users.json")
        << "{\"users\": [" << UserEntryJson("app", "app-pw", 1000) << "]}";
  }
  static void TearDownTestSuite() {
    delete db_;
    delete dir_;
  }

  static BackendTlsOptions Tls(const std::string& ca) {
    BackendTlsOptions tls;
    tls.enabled = true;
    tls.ca_file = *dir_ + "/" + ca + "-cert.pem";
    return tls;
  }

  // A passthrough gateway in front of shard 0 as `user` (tls_user by
  // default).
  static std::unique_ptr<Gateway> Passthrough(
      BackendTlsOptions tls, const std::string& user = "tls_user",
      const std::string& password = "tls-pw") {
    GatewayOptions o;
    o.server.port = 0;
    o.server.io_threads = 1;
    o.users_file = *dir_ + "/users.json";
    o.backend.host = "127.0.0.1";
    o.backend.port = db_->primary(0).port;
    o.backend.user = user;
    o.backend.password = password;
    o.backend.tls = std::move(tls);
    auto gateway = Gateway::Start(std::move(o));
    EXPECT_TRUE(gateway.ok()) << gateway.status();
    return gateway.ok() ? std::move(*gateway) : nullptr;
  }

  // A router over both shards as tls_user, and a gateway serving it.
  struct RouterGateway {
    std::unique_ptr<Router> router;
    std::unique_ptr<mysql::SessionFactory> sessions;
    std::unique_ptr<Gateway> gateway;
  };
  static RouterGateway RouterMode(BackendTlsOptions tls,
                                  const std::string& user = "tls_user",
                                  const std::string& password = "tls-pw") {
    RouterGateway out;
    RouterOptions ro;
    ro.vschema_json = kVSchema;
    ro.user = user;
    ro.password = password;
    ro.tls = std::move(tls);
    ro.shards = {{"commerce", "-80", "127.0.0.1", db_->primary(0).port},
                 {"commerce", "80-", "127.0.0.1", db_->primary(1).port}};
    auto router = Router::Create(ro);
    EXPECT_TRUE(router.ok()) << router.status();
    if (!router.ok()) return out;
    out.router = std::move(*router);
    out.sessions = router::NewRouterSessionFactory(out.router.get());
    GatewayOptions o;
    o.server.port = 0;
    o.server.io_threads = 1;
    o.users_file = *dir_ + "/users.json";
    o.factory = out.sessions.get();
    auto gateway = Gateway::Start(std::move(o));
    EXPECT_TRUE(gateway.ok()) << gateway.status();
    if (gateway.ok()) out.gateway = std::move(*gateway);
    return out;
  }

  MYSQL* Connect(const Gateway& g, const char* db = nullptr) {
    ClientOptions o;
    o.db = db;
    return ConnectClient(g.port(), "app", "app-pw", o, &error_);
  }

  static testing::MariadbFixture* db_;
  static std::string* dir_;
  std::string error_;
};
testing::MariadbFixture* GatewaySessionIntegrationTest::db_ = nullptr;
std::string* GatewaySessionIntegrationTest::dir_ = nullptr;

TEST_F(GatewaySessionIntegrationTest, PassthroughBackendHopIsTls) {
  auto g = Passthrough(Tls("server"));
  ASSERT_NE(g, nullptr);
  MYSQL* m = Connect(*g);
  ASSERT_NE(m, nullptr) << error_;
  Rows rows = QueryRows(m, "SHOW SESSION STATUS LIKE 'Ssl_version'");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_THAT(rows[0][1], StartsWith("TLS"));
  // The KILL QUERY side connection uses TLS as well (tls_user needs it).
  EXPECT_EQ(QueryRows(m, "SELECT 1"), (Rows{{"1"}}));
  mysql_close(m);
  g->Stop();
}

TEST_F(GatewaySessionIntegrationTest, PassthroughRefusesAnUnverifiedBackend) {
  // Signed by nobody the gateway trusts: the TLS handshake fails.
  auto g = Passthrough(Tls("other"));
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(Connect(*g), nullptr);
  EXPECT_THAT(error_, HasSubstr("client error 2026")) << error_;
  g->Stop();
  // Without TLS the backend refuses tls_user itself.
  g = Passthrough(BackendTlsOptions());
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(Connect(*g), nullptr);
  EXPECT_THAT(error_, StartsWith("1045")) << error_;
  g->Stop();
}

TEST_F(GatewaySessionIntegrationTest, RouterBackendHopIsTls) {
  RouterGateway rg = RouterMode(Tls("server"));
  ASSERT_NE(rg.gateway, nullptr);
  MYSQL* m = Connect(*rg.gateway, "commerce");
  ASSERT_NE(m, nullptr) << error_;
  EXPECT_EQ(QueryRows(m,
                      "INSERT INTO customer (id, name) VALUES (1, 'a'), "
                      "(2, 'b'), (3, 'c')"),
            Rows{});
  EXPECT_EQ(QueryRows(m, "SELECT id FROM customer ORDER BY id"),
            (Rows{{"1"}, {"2"}, {"3"}}));
  EXPECT_EQ(QueryRows(m, "DELETE FROM customer"), Rows{});
  mysql_close(m);
  rg.gateway->Stop();
  // A CA that did not sign the shards' certificate: every shard query
  // fails to connect.
  RouterGateway bad = RouterMode(Tls("other"));
  ASSERT_NE(bad.gateway, nullptr);
  m = Connect(*bad.gateway, "commerce");
  ASSERT_NE(m, nullptr) << error_;
  Rows rows = QueryRows(m, "SELECT id FROM customer");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_THAT(rows[0][0], StartsWith("ERR ")) << rows[0][0];
  mysql_close(m);
  bad.gateway->Stop();
}

TEST_F(GatewaySessionIntegrationTest, GatewayPresentsItsClientCertificate) {
  // x509_user requires the gateway's certificate subject.
  BackendTlsOptions tls = Tls("server");
  tls.cert_file = *dir_ + "/gw-cert.pem";
  tls.key_file = *dir_ + "/gw-key.pem";
  auto g = Passthrough(tls, "x509_user", "x509-pw");
  ASSERT_NE(g, nullptr);
  MYSQL* m = Connect(*g);
  ASSERT_NE(m, nullptr) << error_;
  EXPECT_EQ(QueryRows(m, "SELECT CURRENT_USER()"), (Rows{{"x509_user@%"}}));
  mysql_close(m);
  g->Stop();
  RouterGateway rg = RouterMode(tls, "x509_user", "x509-pw");
  ASSERT_NE(rg.gateway, nullptr);
  m = Connect(*rg.gateway, "commerce");
  ASSERT_NE(m, nullptr) << error_;
  EXPECT_EQ(QueryRows(m, "SELECT COUNT(*) FROM customer"), (Rows{{"0"}}));
  mysql_close(m);
  rg.gateway->Stop();
  // Without the certificate the backend refuses the account.
  g = Passthrough(Tls("server"), "x509_user", "x509-pw");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(Connect(*g), nullptr);
  EXPECT_THAT(error_, StartsWith("1045")) << error_;
  g->Stop();
}

// The statements of the issue, with what both modes must report.
void CheckTracking(MYSQL* m) {
  ASSERT_EQ(mysql_query(m, "SET autocommit = 0"), 0) << mysql_error(m);
  EXPECT_EQ(TrackedVar(m, "autocommit"), "OFF");
  EXPECT_THAT(Tracked(m, SESSION_TRACK_STATE_CHANGE), ElementsAre("1"));
  ASSERT_EQ(mysql_query(m, "SET autocommit = 1"), 0) << mysql_error(m);
  EXPECT_EQ(TrackedVar(m, "autocommit"), "ON");
  ASSERT_EQ(mysql_query(m, "SET time_zone = '+01:00'"), 0) << mysql_error(m);
  EXPECT_EQ(TrackedVar(m, "time_zone"), "+01:00");
  ASSERT_EQ(mysql_query(m, "SET SESSION sql_mode = 'STRICT_ALL_TABLES'"), 0)
      << mysql_error(m);
  EXPECT_EQ(TrackedVar(m, "sql_mode"), "STRICT_ALL_TABLES");
  ASSERT_EQ(mysql_query(m, "SET NAMES utf8mb4"), 0) << mysql_error(m);
  EXPECT_EQ(TrackedVar(m, "character_set_client"), "utf8mb4");
  EXPECT_EQ(TrackedVar(m, "character_set_connection"), "utf8mb4");
  EXPECT_EQ(TrackedVar(m, "character_set_results"), "utf8mb4");
  ASSERT_EQ(mysql_query(m, "SET collation_connection = 'utf8mb4_bin'"), 0)
      << mysql_error(m);
  EXPECT_EQ(TrackedVar(m, "collation_connection"), "utf8mb4_bin");
  ASSERT_EQ(mysql_query(m, "SET character_set_results = utf8mb4"), 0)
      << mysql_error(m);
  EXPECT_EQ(TrackedVar(m, "character_set_results"), "utf8mb4");
  ASSERT_EQ(mysql_query(m, "SET max_statement_time = 30"), 0) << mysql_error(m);
  EXPECT_THAT(TrackedVar(m, "max_statement_time"), StartsWith("30"));
  // USE reports the schema, and libmariadb follows it.
  ASSERT_EQ(mysql_query(m, "USE commerce"), 0) << mysql_error(m);
  EXPECT_THAT(Tracked(m, SESSION_TRACK_SCHEMA), ElementsAre("commerce"));
  const char* db = nullptr;
  mariadb_get_infov(m, MARIADB_CONNECTION_SCHEMA, &db);
  ASSERT_NE(db, nullptr);
  EXPECT_STREQ(db, "commerce");
  // Statements that change nothing report nothing.
  EXPECT_EQ(QueryRows(m, "SELECT COUNT(*) FROM customer"), (Rows{{"0"}}));
  ASSERT_EQ(mysql_query(m, "DELETE FROM customer WHERE id = 42"), 0)
      << mysql_error(m);
  EXPECT_THAT(Tracked(m, SESSION_TRACK_SYSTEM_VARIABLES), IsEmpty());
  EXPECT_THAT(Tracked(m, SESSION_TRACK_STATE_CHANGE), IsEmpty());
  // COM_INIT_DB keeps the connection in sync (its OK carries the schema).
  ASSERT_EQ(mysql_select_db(m, "commerce"), 0) << mysql_error(m);
  EXPECT_EQ(QueryRows(m, "SELECT COUNT(*) FROM customer"), (Rows{{"0"}}));
}

TEST_F(GatewaySessionIntegrationTest, PassthroughTracksSessionState) {
  auto g = Passthrough(Tls("server"));
  ASSERT_NE(g, nullptr);
  MYSQL* m = Connect(*g);
  ASSERT_NE(m, nullptr) << error_;
  CheckTracking(m);
  // After COM_RESET_CONNECTION the backend still tracks.
  ASSERT_EQ(mysql_reset_connection(m), 0) << mysql_error(m);
  ASSERT_EQ(mysql_query(m, "SET time_zone = '+02:00'"), 0) << mysql_error(m);
  EXPECT_EQ(TrackedVar(m, "time_zone"), "+02:00");
  mysql_close(m);
  g->Stop();
}

TEST_F(GatewaySessionIntegrationTest, RouterTracksSessionState) {
  RouterGateway rg = RouterMode(Tls("server"));
  ASSERT_NE(rg.gateway, nullptr);
  MYSQL* m = Connect(*rg.gateway);
  ASSERT_NE(m, nullptr) << error_;
  CheckTracking(m);
  // Prepared statements report too.
  MYSQL_STMT* stmt = mysql_stmt_init(m);
  const std::string set = "SET time_zone = '+03:00'";
  ASSERT_EQ(mysql_stmt_prepare(stmt, set.data(), set.size()), 0)
      << mysql_stmt_error(stmt);
  ASSERT_EQ(mysql_stmt_execute(stmt), 0) << mysql_stmt_error(stmt);
  EXPECT_EQ(TrackedVar(m, "time_zone"), "+03:00");
  mysql_stmt_close(stmt);
  mysql_close(m);
  rg.gateway->Stop();
}

}  // namespace
}  // namespace tessera::gateway
