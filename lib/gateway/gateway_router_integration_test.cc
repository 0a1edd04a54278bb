// The gateway in router mode: two mariadbd shards behind a tessera::Router,
// the `mariadb` command-line client in front.
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/gateway/gateway.h"
#include "lib/gateway/gateway_test_env.h"
#include "lib/router/mysql_session.h"
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
      "customer": {"column_vindexes": [{"column": "id", "name": "hash"}]}}}}})";

TEST(GatewayRouterIntegrationTest, MariadbClientThroughTheRouter) {
  auto db = testing::MariadbFixture::Start({.shards = 2});
  ASSERT_TRUE(db.ok()) << db.status();
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(testing::Exec((*db)->primary(i),
                              "CREATE DATABASE commerce; CREATE TABLE "
                              "commerce.customer (id BIGINT PRIMARY KEY, "
                              "name VARCHAR(20))")
                    .ok());
  }
  RouterOptions ro;
  ro.vschema_json = kVSchema;
  ro.user = (*db)->primary(0).user;
  ro.password = (*db)->primary(0).password;
  ro.shards = {{"commerce", "-80", "127.0.0.1", (*db)->primary(0).port},
               {"commerce", "80-", "127.0.0.1", (*db)->primary(1).port}};
  auto router = Router::Create(ro);
  ASSERT_TRUE(router.ok()) << router.status();
  auto sessions = router::NewRouterSessionFactory(router->get());

  std::string dir = absl::StrCat(getenv("TEST_TMPDIR"), "/router_gw");
  ASSERT_EQ(system(("mkdir -p " + dir).c_str()), 0);
  std::ofstream(dir + "/users.json")
      << "{\"users\": [" << UserEntryJson("root", "tessera", 1000) << "]}";
  GatewayOptions o;
  o.server.port = 0;
  o.server.io_threads = 2;
  o.users_file = dir + "/users.json";
  o.factory = sessions.get();
  auto gateway = Gateway::Start(std::move(o));
  ASSERT_TRUE(gateway.ok()) << gateway.status();

  std::string cli =
      absl::StrCat("mariadb -h127.0.0.1 -P", (*gateway)->port(),
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
          (*db)->primary(i),
          absl::StrCat("SELECT COUNT(*) FROM customer WHERE id = ", id),
          "commerce");
      ASSERT_TRUE(rows.ok()) << rows.status();
      EXPECT_EQ(*(*rows)[0][0], i == shard ? "1" : "0")
          << "id " << id << " shard " << i;
    }
  }

  // libmariadb: a prepared SELECT announces its columns at prepare time
  // (else execute fails with 2014), and BEGIN shows in the status flags.
  MYSQL* c = mysql_init(nullptr);
  ASSERT_NE(mysql_real_connect(c, "127.0.0.1", "root", "tessera", "commerce",
                               (*gateway)->port(), nullptr, 0),
            nullptr)
      << mysql_error(c);
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
  (*gateway)->Stop();
}

}  // namespace
}  // namespace tessera::gateway
