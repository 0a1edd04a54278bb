// Reads on a replica target are balanced over every replica of a shard.
// Three real servers: the primary of the unsharded keyspace `ks` and two
// replicas (independent servers here, each with a row naming itself, so a
// result shows which one answered).
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/testing/mariadb_fixture.h"
#include "lib/testing/sql_client.h"
#include "lib/testing/status_matchers.h"
#include "tessera/router.h"

namespace tessera {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::MariadbFixture;
using ::tessera::testing::MysqlErrorIs;

constexpr char kVSchema[] =
    R"({"keyspaces": {"ks": {"sharded": false, "tables": {"t": {}}}}})";

class ReplicaIntegrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto db = MariadbFixture::Start({.shards = 3});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = db->release();
    const char* names[] = {"primary", "r1", "r2"};
    for (int i = 0; i < 3; ++i) {
      ASSERT_THAT(testing::Exec(db_->primary(i),
                                absl::StrCat("CREATE DATABASE ks; USE ks; "
                                             "CREATE TABLE t (name "
                                             "VARCHAR(10)); INSERT INTO t "
                                             "VALUES ('",
                                             names[i], "')")),
                  IsOk());
    }
    RouterOptions o;
    o.vschema_json = kVSchema;
    o.password = "tessera";
    o.shards = {{"ks", "-", "127.0.0.1", db_->primary(0).port},
                {"ks", "-", "127.0.0.1", db_->primary(1).port, "replica"},
                {"ks", "-", "127.0.0.1", db_->primary(2).port, "replica"}};
    auto r = Router::Create(o);
    ASSERT_TRUE(r.ok()) << r.status();
    router_ = r->release();
  }
  static void TearDownTestSuite() {
    delete router_;
    delete db_;
  }

  static MariadbFixture* db_;
  static Router* router_;
};

MariadbFixture* ReplicaIntegrationTest::db_ = nullptr;
Router* ReplicaIntegrationTest::router_ = nullptr;

TEST_F(ReplicaIntegrationTest, ReadsAreSpreadOverTheReplicas) {
  auto s = router_->NewSession("ks@replica");
  ASSERT_TRUE(s.ok()) << s.status();
  std::set<std::string> answered;
  for (int i = 0; i < 20; ++i) {
    auto r = router_->Execute(**s, "select name from t");
    ASSERT_THAT(r, IsOk());
    ASSERT_EQ(r->rows.size(), 1u);
    answered.insert(r->rows[0][0].bytes());
  }
  EXPECT_EQ(answered, (std::set<std::string>{"r1", "r2"}));
  // The primary target still reads the primary only.
  auto p = router_->NewSession("ks");
  ASSERT_TRUE(p.ok());
  for (int i = 0; i < 4; ++i) {
    auto r = router_->Execute(**p, "select name from t");
    ASSERT_THAT(r, IsOk());
    ASSERT_EQ(r->rows.size(), 1u);
    EXPECT_EQ(r->rows[0][0].bytes(), "primary");
  }
  EXPECT_THAT(router_->Execute(**s, "insert into t values ('x')"),
              MysqlErrorIs(1235, "42000"));
}

}  // namespace
}  // namespace tessera
