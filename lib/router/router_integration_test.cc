// The router against real MariaDB shards, compared with one MariaDB server
// holding all the data: results must be equal (as multisets, or in order
// when ORDER BY fixes it).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/mariadb_fixture.h"
#include "lib/testing/rows.h"
#include "lib/testing/status_matchers.h"
#include "tessera/router.h"

namespace tessera {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::MariadbFixture;
using ::tessera::testing::MysqlErrorIs;

constexpr char kVSchema[] = R"({"keyspaces": {
  "commerce": {"sharded": true,
    "vindexes": {"hash": {"type": "hash"}},
    "tables": {
      "customer": {"column_vindexes": [{"column": "id", "name": "hash"}]},
      "corder": {"column_vindexes": [{"column": "customer_id", "name": "hash"}]},
      "product": {"type": "reference"}}},
  "lookup": {"sharded": false, "tables": {"settings": {}}}}})";

constexpr char kSchema[] =
    "CREATE TABLE customer (id BIGINT PRIMARY KEY, name VARCHAR(40), "
    "country VARCHAR(10), score DECIMAL(10,2));"
    "CREATE TABLE corder (id BIGINT PRIMARY KEY, customer_id BIGINT, "
    "total INT, note VARCHAR(20));"
    "CREATE TABLE product (id INT PRIMARY KEY, title VARCHAR(20));";

// Servers: 0 and 1 are commerce -80 and 80-, 2 is lookup, 3 is the
// reference server holding everything.
class RouterIntegrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto db = MariadbFixture::Start({.shards = 4});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = db->release();
    for (int i : {0, 1, 3}) {
      ASSERT_THAT(Exec(db_->primary(i), absl::StrCat("CREATE DATABASE commerce;"
                                                     "USE commerce;",
                                                     kSchema)),
                  IsOk());
    }
    ASSERT_THAT(Exec(db_->primary(2),
                     "CREATE DATABASE lookup; CREATE TABLE lookup.settings "
                     "(k VARCHAR(10) PRIMARY KEY, v INT)"),
                IsOk());
    RouterOptions o;
    o.vschema_json = kVSchema;
    o.password = "tessera";
    o.shards = {{"commerce", "-80", "127.0.0.1", db_->primary(0).port},
                {"commerce", "80-", "127.0.0.1", db_->primary(1).port},
                {"lookup", "-", "127.0.0.1", db_->primary(2).port}};
    auto r = Router::Create(o);
    ASSERT_TRUE(r.ok()) << r.status();
    router_ = r->release();
  }
  static void TearDownTestSuite() {
    delete router_;
    delete db_;
  }

  // Runs through the router and (unless `router_only`) on the reference
  // server too.
  static void Both(const std::string& sql) {
    auto s = router_->NewSession("commerce");
    ASSERT_TRUE(s.ok());
    auto r = router_->Execute(**s, sql);
    ASSERT_TRUE(r.ok()) << sql << ": " << r.status();
    ASSERT_THAT(Exec(db_->primary(3), sql, "commerce"), IsOk()) << sql;
  }

  static std::vector<std::string> RouterRows(const std::string& sql) {
    auto s = router_->NewSession("commerce");
    auto r = router_->Execute(**s, sql);
    EXPECT_TRUE(r.ok()) << sql << ": " << r.status();
    if (!r.ok()) return {};
    return testing::RowStrings(*r);
  }

  static std::vector<std::string> ReferenceRows(const std::string& sql) {
    auto rows = testing::Query(db_->primary(3), sql, "commerce");
    EXPECT_TRUE(rows.ok()) << sql << ": " << rows.status();
    if (!rows.ok()) return {};
    return testing::RowStrings(*rows);
  }

  static MariadbFixture* db_;
  static Router* router_;
};

MariadbFixture* RouterIntegrationTest::db_ = nullptr;
Router* RouterIntegrationTest::router_ = nullptr;

TEST_F(RouterIntegrationTest, ShardedResultsEqualOneServer) {
  const char* names[] = {"alice", "Bob", "carol", "ALICE", "dave",
                         "Émile", "bob", "zoe",   "Carol", "eve"};
  const char* countries[] = {"fr", "us", "FR", "de", nullptr};
  std::vector<std::string> inserts;
  for (int i = 1; i <= 60; ++i) {
    const char* c = countries[i % 5];
    inserts.push_back(absl::StrCat(
        "INSERT INTO customer (id, name, country, score) VALUES (", i, ", '",
        names[i % 10], "', ", c ? absl::StrCat("'", c, "'") : "NULL", ", ",
        (i * 37) % 1000 - 200, ".", i % 100, ")"));
    inserts.push_back(absl::StrCat(
        "INSERT INTO corder (id, customer_id, total, note) VALUES (", 1000 + i,
        ", ", (i % 20) + 1, ", ", (i * 13) % 97, ", '", names[(i * 3) % 10],
        "')"));
  }
  inserts.push_back(
      "INSERT INTO customer (id, name) VALUES (-5, 'neg'), "
      "(9223372036854775807, 'max')");
  for (const auto& sql : inserts) Both(sql);

  // Rows really are spread over both shards.
  auto n0 = testing::Query(db_->primary(0), "SELECT COUNT(*) FROM customer",
                           "commerce");
  auto n1 = testing::Query(db_->primary(1), "SELECT COUNT(*) FROM customer",
                           "commerce");
  ASSERT_TRUE(n0.ok() && n1.ok());
  EXPECT_GT(std::stoi(*(*n0)[0][0]), 0);
  EXPECT_GT(std::stoi(*(*n1)[0][0]), 0);
  EXPECT_EQ(std::stoi(*(*n0)[0][0]) + std::stoi(*(*n1)[0][0]), 62);

  const char* unordered[] = {
      "SELECT * FROM customer",
      "SELECT id, name FROM customer WHERE id = 7",
      "SELECT id, name FROM customer WHERE id = 9223372036854775807",
      "SELECT * FROM customer WHERE id = NULL",
      "SELECT name FROM customer WHERE country = 'fr'",
      "SELECT COUNT(*), SUM(score), MIN(name), MAX(name), AVG(score) FROM "
      "customer",
      "SELECT country, COUNT(*), SUM(score), AVG(score) FROM customer GROUP BY "
      "country",
      "SELECT name, COUNT(*) FROM customer GROUP BY name",
      "SELECT COUNT(DISTINCT name) FROM customer",
      "SELECT DISTINCT country FROM customer",
      "SELECT country, COUNT(*) AS n FROM customer GROUP BY country HAVING "
      "COUNT(*) > 11",
      "SELECT c.id, o.total FROM customer c JOIN corder o ON c.id = "
      "o.customer_id WHERE c.id = 3",
      "SELECT c.name, o.total FROM customer c JOIN corder o ON c.id = "
      "o.customer_id",
      "SELECT c.id, o.id FROM customer c LEFT JOIN corder o ON c.id = "
      "o.customer_id",
      "SELECT id FROM customer UNION ALL SELECT customer_id FROM corder",
      "SELECT COUNT(*) FROM customer WHERE name = 'nobody'",
  };
  for (const char* sql : unordered) {
    SCOPED_TRACE(sql);
    auto got = RouterRows(sql);
    auto want = ReferenceRows(sql);
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    EXPECT_EQ(got, want);
  }
  const char* ordered[] = {
      "SELECT id, name FROM customer ORDER BY id",
      "SELECT id, name FROM customer ORDER BY name, id DESC",
      "SELECT id, name FROM customer ORDER BY name DESC, id LIMIT 7",
      "SELECT id FROM customer ORDER BY id LIMIT 5 OFFSET 10",
      "SELECT * FROM customer ORDER BY score, id LIMIT 3",
      "SELECT country, COUNT(*) FROM customer GROUP BY country ORDER BY "
      "COUNT(*) DESC, country",
      "SELECT name, SUM(score) s FROM customer GROUP BY name ORDER BY s, name "
      "LIMIT 4",
  };
  for (const char* sql : ordered) {
    SCOPED_TRACE(sql);
    EXPECT_EQ(RouterRows(sql), ReferenceRows(sql));
  }
}

TEST_F(RouterIntegrationTest, UnshardedKeyspaceDmlAndUse) {
  auto s = router_->NewSession("lookup");
  ASSERT_TRUE(s.ok());
  ASSERT_THAT(
      router_->Execute(**s, "INSERT INTO settings VALUES ('a', 1), ('b', 2)"),
      IsOk());
  auto r = router_->Execute(**s, "SELECT v FROM settings WHERE k = ?",
                            {BindValue::String("b")});
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->rows[0][0].bytes(), "2");
  ASSERT_THAT(router_->Execute(**s, "USE commerce"), IsOk());
  EXPECT_EQ((*s)->target(), "commerce");
  EXPECT_THAT(router_->Execute(**s, "USE nosuch"), MysqlErrorIs(1049, "42000"));
}

TEST_F(RouterIntegrationTest, UpdatesAndDeletesRouteByVindex) {
  Both("INSERT INTO customer (id, name) VALUES (500, 'u1'), (501, 'u2')");
  Both("UPDATE customer SET name = 'changed' WHERE id = 500");
  Both("DELETE FROM customer WHERE name = 'u2'");
  EXPECT_EQ(
      RouterRows("SELECT id, name FROM customer WHERE id >= 500 ORDER BY id"),
      ReferenceRows(
          "SELECT id, name FROM customer WHERE id >= 500 ORDER BY id"));
  auto s = router_->NewSession("commerce");
  EXPECT_THAT(
      router_->Execute(**s, "UPDATE customer SET id = 7 WHERE id = 500"),
      MysqlErrorIs(1235, "42000"));
}

// The text of the warnings of every shard a statement reached, merged.
TEST_F(RouterIntegrationTest, ShowWarningsCollectsTheShardsText) {
  auto s = router_->NewSession("commerce");
  ASSERT_TRUE(s.ok());
  // Every customer name is text: CAST warns once per row, on its shard.
  auto rows =
      router_->Execute(**s, "SELECT COUNT(*) FROM customer WHERE id <= 20");
  ASSERT_TRUE(rows.ok()) << rows.status();
  std::string n = rows->rows[0][0].bytes();
  auto r = router_->Execute(
      **s,
      "SELECT CAST(CONCAT(name, 'x') AS SIGNED) FROM customer WHERE id <= 20");
  ASSERT_TRUE(r.ok()) << r.status();
  auto w = router_->Execute(**s, "SHOW WARNINGS");
  ASSERT_TRUE(w.ok()) << w.status();
  EXPECT_EQ(std::to_string(w->rows.size()), n);
  for (const Row& row : w->rows) {
    EXPECT_EQ(row[1].bytes(), "1292");
    EXPECT_THAT(row[2].bytes(),
                ::testing::StartsWith("Truncated incorrect INTEGER value"));
  }
  // Inside a transaction (buffered answers) too.
  ASSERT_TRUE(router_->Execute(**s, "BEGIN").ok());
  r = router_->Execute(
      **s,
      "SELECT CAST(CONCAT(name, 'x') AS SIGNED) FROM customer WHERE id <= 20");
  ASSERT_TRUE(r.ok()) << r.status();
  w = router_->Execute(**s, "SHOW WARNINGS");
  ASSERT_TRUE(w.ok()) << w.status();
  EXPECT_EQ(std::to_string(w->rows.size()), n);
  ASSERT_TRUE(router_->Execute(**s, "ROLLBACK").ok());
}

// SHOW WARNINGS is the session's, never a pooled connection's.
TEST_F(RouterIntegrationTest, ShowWarningsIsPerSession) {
  auto s = router_->NewSession("commerce");
  ASSERT_TRUE(s.ok());
  auto r = router_->Execute(**s, "SELECT CAST('12abc' AS SIGNED)");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->warnings, 1);
  auto w = router_->Execute(**s, "SHOW WARNINGS");
  ASSERT_TRUE(w.ok()) << w.status();
  ASSERT_EQ(w->rows.size(), 1u);
  EXPECT_EQ(w->rows[0][0].bytes(), "Warning");
  EXPECT_EQ(w->rows[0][1].bytes(), "1292");
  EXPECT_EQ(w->rows[0][2].bytes(),
            "Truncated incorrect INTEGER value: '12abc'");
  ASSERT_EQ((*s)->warnings().size(), 1u);
  EXPECT_EQ((*s)->warnings()[0].code, 1292);
  auto n = router_->Execute(**s, "SHOW COUNT(*) WARNINGS");
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(n->rows[0][0].bytes(), "1");
  auto other = router_->NewSession("commerce");
  auto none = router_->Execute(**other, "SHOW WARNINGS");
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->rows.empty());
  ASSERT_TRUE(router_->Execute(**s, "SELECT 1").ok());
  w = router_->Execute(**s, "SHOW WARNINGS");
  ASSERT_TRUE(w.ok());
  EXPECT_TRUE(w->rows.empty());
}

TEST_F(RouterIntegrationTest, SetAndShowAreAnsweredByTheRouter) {
  auto s = router_->NewSession("commerce");
  ASSERT_TRUE(s.ok());
  EXPECT_THAT(router_->Execute(**s, "SET NAMES utf8mb4"), IsOk());
  EXPECT_THAT(router_->Execute(**s, "SET @@session.autocommit = ON"), IsOk());
  EXPECT_THAT(router_->Execute(**s, "SET autocommit = 0"), IsOk());
  EXPECT_FALSE((*s)->autocommit());
  EXPECT_THAT(router_->Execute(**s, "SET autocommit = 1"), IsOk());
  EXPECT_THAT(router_->Execute(**s, "SET sql_mode = ''"), IsOk());
  EXPECT_THAT(router_->Execute(**s, "SET @user_var = 1"),
              MysqlErrorIs(1235, "42000"));
  auto dbs = router_->Execute(**s, "SHOW DATABASES");
  ASSERT_TRUE(dbs.ok()) << dbs.status();
  ASSERT_EQ(dbs->rows.size(), 2u);
  EXPECT_EQ(dbs->rows[0][0].bytes(), "commerce");
  EXPECT_EQ(dbs->rows[1][0].bytes(), "lookup");
  EXPECT_THAT(router_->Execute(**s, "SHOW DATABASES LIKE 'c%'"),
              MysqlErrorIs(1235, "42000"));
  // A pattern that merely mentions "databases" is a shard's SHOW TABLES.
  auto tables = router_->Execute(**s, "SHOW TABLES LIKE '%databases%'");
  ASSERT_TRUE(tables.ok()) << tables.status();
  EXPECT_TRUE(tables->rows.empty());
}

TEST_F(RouterIntegrationTest, ExplainFormatTessera) {
  auto s = router_->NewSession("commerce");
  ASSERT_TRUE(s.ok());
  auto r = router_->Execute(
      **s, "EXPLAIN FORMAT=tessera SELECT name FROM customer WHERE id = 4");
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_THAT(r->rows[0][0].bytes(),
              ::testing::HasSubstr("\"variant\":\"EqualUnique\""));
  EXPECT_THAT(router_->Execute(**s,
                               "EXPLAIN FORMAT=tessera SELECT * FROM "
                               "customer c JOIN corder o ON c.name = o.note"),
              MysqlErrorIs(1235, "42000"));
}

TEST_F(RouterIntegrationTest, RefusalsAndErrorsAreMysqlErrors) {
  auto s = router_->NewSession("commerce");
  ASSERT_TRUE(s.ok());
  EXPECT_THAT(router_->Execute(**s,
                               "SELECT * FROM customer c JOIN corder o ON "
                               "c.name = o.note"),
              MysqlErrorIs(1235, "42000"));
  EXPECT_THAT(router_->Execute(**s, "SELEC 1"), MysqlErrorIs(1064, "42000"));
  EXPECT_THAT(router_->Execute(**s, "SELECT * FROM nosuch"),
              MysqlErrorIs(1146, "42S02"));
  EXPECT_THAT(router_->Execute(**s, "SELECT nosuchcol FROM customer"),
              MysqlErrorIs(1054, "42S22"));
  EXPECT_THAT(router_->Execute(**s, "XA START 'x'"),
              MysqlErrorIs(1235, "42000"));
  EXPECT_THAT(router_->Execute(**s, "SELECT ?", {}),
              MysqlErrorIs(1210, "HY000"));
  EXPECT_FALSE(router_->NewSession("nosuch").ok());
}

}  // namespace
}  // namespace tessera
