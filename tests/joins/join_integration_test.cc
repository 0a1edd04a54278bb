// Cross-shard joins, subqueries and derived tables through the router over
// two commerce shards and an unsharded keyspace, compared with one MariaDB
// holding all the data: equal as multisets, or in order when ORDER BY fixes
// it. Queries the router cannot answer exactly must fail with 1235.
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
    "vindexes": {"hash": {"type": "hash"}, "xx": {"type": "xxhash"}},
    "tables": {
      "customer": {"column_vindexes": [{"column": "id", "name": "hash"}]},
      "corder": {"column_vindexes": [{"column": "customer_id", "name": "hash"}]},
      "order_line": {"column_vindexes": [{"column": "order_id", "name": "xx"}]},
      "product": {"type": "reference"}}},
  "main": {"sharded": false, "tables": {"country": {}}}}})";

constexpr char kCommerce[] =
    "CREATE TABLE customer (id BIGINT PRIMARY KEY, name VARCHAR(20) COLLATE "
    "utf8mb4_general_ci, country CHAR(2), score INT);"
    "CREATE TABLE corder (id BIGINT PRIMARY KEY, customer_id BIGINT, "
    "total DECIMAL(10,2), status VARCHAR(10) COLLATE utf8mb4_general_ci);"
    "CREATE TABLE order_line (order_id BIGINT, line_no INT, sku VARCHAR(10), "
    "qty INT, PRIMARY KEY (order_id, line_no));"
    "CREATE TABLE product (sku VARCHAR(10) PRIMARY KEY, title VARCHAR(20) "
    "COLLATE utf8mb4_general_ci, price DECIMAL(8,2));";
constexpr char kMain[] =
    "CREATE TABLE country (code CHAR(2) PRIMARY KEY, name VARCHAR(20), "
    "continent VARCHAR(10))";

// Servers: 0 and 1 are commerce -80 and 80-, 2 is main, 3 holds everything.
class JoinIntegrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto db = MariadbFixture::Start({.shards = 4});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = db->release();
    for (int i : {0, 1, 3}) {
      ASSERT_THAT(Exec(db_->primary(i), absl::StrCat("CREATE DATABASE commerce;"
                                                     "USE commerce;",
                                                     kCommerce)),
                  IsOk());
    }
    for (int i : {2, 3}) {
      ASSERT_THAT(Exec(db_->primary(i), absl::StrCat("CREATE DATABASE main;"
                                                     "USE main;",
                                                     kMain)),
                  IsOk());
    }
    RouterOptions o;
    o.vschema_json = kVSchema;
    o.password = "tessera";
    o.shards = {{"commerce", "-80", "127.0.0.1", db_->primary(0).port},
                {"commerce", "80-", "127.0.0.1", db_->primary(1).port},
                {"main", "-", "127.0.0.1", db_->primary(2).port}};
    auto r = Router::Create(o);
    ASSERT_TRUE(r.ok()) << r.status();
    router_ = r->release();
    LoadData();
  }
  static void TearDownTestSuite() {
    delete router_;
    delete db_;
  }

  static void Both(const std::string& sql) {
    auto s = router_->NewSession("commerce");
    ASSERT_TRUE(s.ok());
    ASSERT_THAT(router_->Execute(**s, sql).status(), IsOk()) << sql;
    ASSERT_THAT(Exec(db_->primary(3), sql, "commerce"), IsOk()) << sql;
  }
  static void Everywhere(const std::vector<int>& servers, const char* db,
                         const std::string& sql) {
    for (int i : servers) ASSERT_THAT(Exec(db_->primary(i), sql, db), IsOk());
  }

  static void LoadData() {
    const char* names[] = {"alice", "Bob", "carol", "ALICE", "dave",
                           "Émile", "bob", "zoe",   "Carol", "eve"};
    const char* countries[] = {"FR", "us", "DE", "jp", nullptr, "XX"};
    for (int i = 1; i <= 40; ++i) {
      const char* c = countries[i % 6];
      Both(absl::StrCat(
          "INSERT INTO customer (id, name, country, score) VALUES (", i, ", '",
          names[i % 10], "', ", c ? absl::StrCat("'", c, "'") : "NULL", ", ",
          i % 7 == 0 ? "NULL" : absl::StrCat((i * 37) % 100), ")"));
    }
    for (int i = 1; i <= 70; ++i) {
      // Customers 41..45 do not exist: orders without a customer.
      Both(absl::StrCat(
          "INSERT INTO corder (id, customer_id, total, status) VALUES (",
          100 + i, ", ", (i * 7) % 45 + 1, ", ", (i * 13) % 97, ".", i % 10,
          "5, '", i % 4 == 0 ? "PAID" : (i % 3 ? "paid" : "new"), "')"));
    }
    for (int i = 1; i <= 90; ++i) {
      // Orders 171.. do not exist; some orders have no lines.
      Both(absl::StrCat(
          "INSERT INTO order_line (order_id, line_no, sku, qty) VALUES (",
          100 + (i * 11) % 80, ", ", i, ", ",
          i % 9 == 0 ? "NULL" : absl::StrCat("'sku", i % 12, "'"), ", ",
          i % 5 - 1, ")"));
    }
    for (int i = 0; i < 10; ++i) {
      Everywhere({0, 1, 3}, "commerce",
                 absl::StrCat("INSERT INTO product VALUES ('sku", i, "', '",
                              names[i], "', ", i * 3, ".5)"));
    }
    Everywhere({2, 3}, "main",
               "INSERT INTO country VALUES ('fr', 'France', 'Europe'), "
               "('US', 'United States', 'America'), ('de', 'Germany', "
               "'Europe'), ('JP', 'Japan', 'Asia'), ('br', 'Brazil', "
               "'America')");
  }

  static absl::StatusOr<std::vector<std::string>> RouterRows(
      const std::string& sql) {
    auto s = router_->NewSession("commerce");
    if (!s.ok()) return s.status();
    auto r = router_->Execute(**s, sql);
    if (!r.ok()) return r.status();
    return testing::RowStrings(*r);
  }

  static std::vector<std::string> ReferenceRows(const std::string& sql) {
    auto rows = testing::Query(db_->primary(3), sql, "commerce");
    EXPECT_TRUE(rows.ok()) << sql << ": " << rows.status();
    if (!rows.ok()) return {};
    return testing::RowStrings(*rows);
  }

  // Both answers, equal as multisets (or in order).
  static void Compare(const std::vector<const char*>& queries, bool ordered) {
    for (const char* sql : queries) {
      SCOPED_TRACE(sql);
      auto got = RouterRows(sql);
      ASSERT_TRUE(got.ok()) << got.status();
      auto want = ReferenceRows(sql);
      if (!ordered) {
        std::sort(got->begin(), got->end());
        std::sort(want.begin(), want.end());
      }
      EXPECT_EQ(*got, want);
      // NULLs in a NOT IN list, or "nobody": empty on purpose.
      std::string q = sql;
      EXPECT_FALSE(want.empty() && q.find("IS NULL") == std::string::npos &&
                   q.find("nobody") == std::string::npos &&
                   q.find("NOT IN (SELECT score") == std::string::npos)
          << "a query that returns nothing tests little";
    }
  }

  static MariadbFixture* db_;
  static Router* router_;
};

MariadbFixture* JoinIntegrationTest::db_ = nullptr;
Router* JoinIntegrationTest::router_ = nullptr;

TEST_F(JoinIntegrationTest, InnerJoinsAcrossShards) {
  Compare(
      {
          "SELECT o.id, l.line_no, l.sku FROM corder o JOIN order_line l ON "
          "l.order_id = o.id",
          "SELECT o.id, l.line_no FROM corder o JOIN order_line l ON "
          "l.order_id = o.id WHERE o.customer_id = 8",
          "SELECT c.name, l.qty FROM customer c JOIN corder o ON o.customer_id "
          "= c.id JOIN order_line l ON l.order_id = o.id WHERE l.qty > 0",
          "SELECT c.id, k.name FROM customer c JOIN main.country k ON k.code "
          "= c.country",
          "SELECT c.id, k.name FROM main.country k JOIN customer c ON "
          "c.country "
          "= k.code WHERE k.continent = 'europe'",
          "SELECT c1.id, c2.id FROM customer c1 JOIN customer c2 ON c2.name = "
          "c1.name AND c2.id > c1.id",
          "SELECT o.id, c.name FROM corder o, customer c WHERE c.id = o.id - "
          "100",
          "SELECT l.order_id, p.title, c.name FROM order_line l JOIN product p "
          "ON p.sku = l.sku JOIN customer c ON c.name = p.title WHERE c.id < "
          "12",
          "SELECT c.id, o.total - c.score, CONCAT(c.name, '/', o.status) FROM "
          "customer c JOIN corder o ON o.id = c.id + 100",
          "SELECT c.id FROM customer c JOIN corder o ON o.customer_id = c.id "
          "JOIN customer c2 ON c2.id = o.customer_id + 1 WHERE c2.score IS "
          "NOT NULL",
          "SELECT c.id, o.id FROM customer c STRAIGHT_JOIN corder o ON "
          "o.total > c.score AND o.customer_id = c.id + 2",
          "SELECT c.name, o.status FROM customer c JOIN corder o ON o.status "
          "= 'PAID' AND o.customer_id = c.id",
      },
      false);
}

TEST_F(JoinIntegrationTest, LeftJoinsAcrossShards) {
  Compare(
      {
          "SELECT o.id, l.line_no FROM corder o LEFT JOIN order_line l ON "
          "l.order_id = o.id",
          "SELECT o.id FROM corder o LEFT JOIN order_line l ON l.order_id = "
          "o.id WHERE l.order_id IS NULL",
          "SELECT o.id, l.qty FROM corder o LEFT JOIN order_line l ON "
          "l.order_id = o.id AND l.qty > 1 WHERE o.status = 'paid'",
          "SELECT c.id, k.name FROM customer c LEFT JOIN main.country k ON "
          "k.code = c.country",
          "SELECT k.code, c.id FROM main.country k LEFT JOIN customer c ON "
          "c.country = k.code",
          "SELECT p.sku, c.id FROM product p LEFT JOIN customer c ON c.name = "
          "p.title",
          "SELECT l.order_id, l.line_no, o.status FROM order_line l LEFT JOIN "
          "corder o ON o.id = l.order_id WHERE o.id IS NULL OR o.status = "
          "'new'",
          "SELECT o.id, c.name FROM customer c RIGHT JOIN corder o ON c.id = "
          "o.customer_id",
          "SELECT o.id, l.line_no, p.title FROM corder o LEFT JOIN order_line "
          "l ON l.order_id = o.id LEFT JOIN product p ON p.sku = l.sku",
          "SELECT o.id, l.qty + 1 FROM corder o LEFT JOIN order_line l ON "
          "l.order_id = o.id JOIN customer c ON c.id = o.customer_id WHERE "
          "l.sku IS NULL",
      },
      false);
}

TEST_F(JoinIntegrationTest, OrderLimitDistinctAggregatesOverJoins) {
  Compare(
      {
          "SELECT o.id, l.line_no FROM corder o JOIN order_line l ON "
          "l.order_id = o.id ORDER BY l.qty DESC, o.id, l.line_no LIMIT 7",
          "SELECT c.name, o.id FROM customer c JOIN corder o ON "
          "o.customer_id = c.id + 1 ORDER BY c.name, o.id",
          "SELECT o.status, l.sku FROM corder o JOIN order_line l ON "
          "l.order_id = o.id ORDER BY 1, 2 DESC, o.id, l.line_no LIMIT 5 "
          "OFFSET 3",
      },
      true);
  Compare(
      {
          "SELECT DISTINCT o.status FROM corder o JOIN order_line l ON "
          "l.order_id = o.id",
          "SELECT o.status, COUNT(*), SUM(l.qty), AVG(l.qty), MIN(l.sku), "
          "MAX(l.sku) FROM corder o JOIN order_line l ON l.order_id = o.id "
          "GROUP BY o.status",
          "SELECT COUNT(*), COUNT(l.sku), COUNT(DISTINCT l.sku) FROM corder o "
          "LEFT JOIN order_line l ON l.order_id = o.id",
          "SELECT k.continent, COUNT(*) FROM customer c JOIN main.country k ON "
          "k.code = c.country GROUP BY k.continent HAVING COUNT(*) > 2",
          "SELECT c.id, SUM(o.total) AS s FROM customer c JOIN corder o ON "
          "o.customer_id = c.id JOIN order_line l ON l.order_id = o.id GROUP "
          "BY c.id",
          "SELECT COUNT(*) FROM corder o JOIN order_line l ON l.order_id = "
          "o.id WHERE o.status = 'nobody'",
      },
      false);
  Compare(
      {
          "SELECT o.status, COUNT(*) AS n FROM corder o JOIN order_line l ON "
          "l.order_id = o.id GROUP BY o.status ORDER BY n DESC, o.status",
      },
      true);
}

TEST_F(JoinIntegrationTest, UncorrelatedSubqueriesArePulledOut) {
  Compare(
      {
          "SELECT id, name FROM customer WHERE id IN (SELECT customer_id FROM "
          "corder WHERE status = 'new')",
          "SELECT id FROM customer WHERE id NOT IN (SELECT customer_id FROM "
          "corder WHERE status = 'new')",
          "SELECT id FROM customer WHERE score NOT IN (SELECT qty FROM "
          "order_line WHERE qty > 100) AND id < 9",
          "SELECT id FROM customer WHERE id IN (SELECT customer_id FROM corder "
          "WHERE status = 'nobody') OR id = 3",
          "SELECT id FROM customer WHERE score NOT IN (SELECT score FROM "
          "customer WHERE id < 9)",
          "SELECT id, score FROM customer WHERE score > (SELECT AVG(score) "
          "FROM customer)",
          "SELECT id FROM customer WHERE score = (SELECT MAX(qty) FROM "
          "order_line WHERE qty > 100) OR id = 2",
          "SELECT id FROM customer WHERE EXISTS (SELECT 1 FROM corder WHERE "
          "total > 90) AND id < 5",
          "SELECT id FROM customer WHERE NOT EXISTS (SELECT 1 FROM corder "
          "WHERE total > 1000) AND id < 5",
          "SELECT id, (SELECT COUNT(*) FROM order_line) FROM customer WHERE "
          "id < 4",
          "SELECT name FROM customer WHERE country IN (SELECT UPPER(code) FROM "
          "main.country WHERE continent = 'Europe')",
          "SELECT code FROM main.country WHERE code IN (SELECT country FROM "
          "customer)",
          "SELECT o.id, l.qty FROM corder o JOIN order_line l ON l.order_id = "
          "o.id WHERE o.customer_id IN (SELECT id FROM customer WHERE score > "
          "50)",
          "SELECT status, COUNT(*) FROM corder WHERE customer_id IN (SELECT "
          "id FROM customer WHERE country = 'fr') GROUP BY status",
      },
      false);
  auto s = router_->NewSession("commerce");
  ASSERT_TRUE(s.ok());
  EXPECT_THAT(router_
                  ->Execute(**s,
                            "SELECT id FROM customer WHERE id = "
                            "(SELECT customer_id FROM corder)")
                  .status(),
              MysqlErrorIs(1242, "21000"));
}

TEST_F(JoinIntegrationTest, CorrelatedSubqueriesOnTheVindexMerge) {
  Compare(
      {
          "SELECT c.id, c.name FROM customer c WHERE EXISTS (SELECT 1 FROM "
          "corder o WHERE o.customer_id = c.id AND o.status = 'new')",
          "SELECT c.id FROM customer c WHERE NOT EXISTS (SELECT 1 FROM corder "
          "o WHERE o.customer_id = c.id AND o.status = 'new')",
          "SELECT c.id FROM customer c WHERE c.score < (SELECT SUM(o.total) "
          "FROM corder o WHERE o.customer_id = c.id)",
          "SELECT c.id, c.name FROM customer c WHERE EXISTS (SELECT 1 FROM "
          "corder o WHERE o.customer_id = c.id) ORDER BY c.name, c.id LIMIT 6",
          "SELECT c.country, COUNT(*) FROM customer c WHERE EXISTS (SELECT 1 "
          "FROM corder o WHERE o.customer_id = c.id) GROUP BY c.country",
          "SELECT o.id FROM corder o WHERE o.total > (SELECT AVG(o2.total) "
          "FROM corder o2 WHERE o2.customer_id = o.customer_id)",
      },
      false);
}

TEST_F(JoinIntegrationTest, DerivedTables) {
  Compare(
      {
          "SELECT COUNT(*) FROM (SELECT customer_id FROM corder GROUP BY "
          "customer_id HAVING COUNT(*) >= 2) t",
          "SELECT t.customer_id, t.n FROM (SELECT customer_id, COUNT(*) AS n "
          "FROM corder GROUP BY customer_id) t WHERE t.n >= 2",
          "SELECT d.id FROM (SELECT id FROM customer WHERE id = 7) d",
          "SELECT t.status, t.c FROM (SELECT status, COUNT(*) AS c FROM corder "
          "GROUP BY status) t WHERE t.c > 1",
          "SELECT MAX(t.s) FROM (SELECT customer_id, SUM(total) AS s FROM "
          "corder GROUP BY customer_id) t",
          "SELECT * FROM (SELECT order_id, COUNT(*) AS n FROM order_line GROUP "
          "BY order_id) x",
      },
      false);
  Compare(
      {
          "SELECT d.id, d.total FROM (SELECT id, total FROM corder ORDER BY "
          "total DESC, id LIMIT 5) d",
          "SELECT t.status, t.c FROM (SELECT status, COUNT(*) AS c FROM corder "
          "GROUP BY status) t ORDER BY t.c DESC, t.status",
      },
      true);
}

TEST_F(JoinIntegrationTest, RefusesWhatItCannotAnswerExactly) {
  const char* refused[] = {
      "SELECT * FROM corder o JOIN order_line l ON l.order_id = o.id",
      "SELECT o.id, COALESCE(l.qty, 0) FROM corder o LEFT JOIN order_line l "
      "ON l.order_id = o.id",
      "SELECT o.id FROM corder o LEFT JOIN order_line l ON l.order_id = o.id "
      "WHERE IFNULL(l.qty, 0) = 0",
      "SELECT id FROM corder o JOIN order_line l ON l.order_id = o.id",
      "SELECT id FROM customer WHERE id = ANY (SELECT customer_id FROM "
      "corder)",
      "SELECT id FROM customer c WHERE EXISTS (SELECT 1 FROM order_line l "
      "WHERE l.qty = c.score)",
  };
  for (const char* sql : refused) {
    SCOPED_TRACE(sql);
    EXPECT_THAT(RouterRows(sql).status(), MysqlErrorIs(1235, "42000"));
  }
}

}  // namespace
}  // namespace tessera
