// Reads on a replica target are balanced over every replica of a shard.
// Three real servers: the primary of the unsharded keyspace `ks` and two
// replicas (independent servers here, each with a row naming itself, so a
// result shows which one answered).
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/router/router_impl.h"
#include "lib/router/router_metrics.h"
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

TEST_F(ReplicaIntegrationTest, MetricsShowOneSeriesPerShardAndType) {
  auto s = router_->NewSession("ks@replica");
  ASSERT_TRUE(s.ok()) << s.status();
  auto* impl = dynamic_cast<router::RouterImpl*>(router_);
  ASSERT_NE(impl, nullptr);
  auto queries = [&] {
    const std::string m = router::RouterMetricsText(*impl);
    const std::string series =
        "tessera_router_backend_queries_total{keyspace=\"ks\",shard=\"-\","
        "tablet_type=\"replica\"} ";
    size_t at = m.find(series);
    EXPECT_NE(at, std::string::npos) << m;
    // The two replicas' pools are summed into one series, never repeated.
    EXPECT_EQ(m.find(series, at + 1), std::string::npos) << m;
    return at == std::string::npos ? -1
                                   : std::stoll(m.substr(at + series.size()));
  };
  const long long before = queries();
  for (int i = 0; i < 6; ++i) {
    ASSERT_THAT(router_->Execute(**s, "select name from t"), IsOk());
  }
  EXPECT_EQ(queries(), before + 6);
}

}  // namespace
}  // namespace tessera
