// A router built from a topology (etcd and RocksDB) rather than a static
// configuration: it routes with the stored VSchema and serving graph, and
// applies changes it sees through the watch — a new table in the VSchema,
// a shard's primary moving to another server — without a restart.
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/base/status_macros.h"
#include "lib/router/router_impl.h"
#include "lib/router/router_metrics.h"
#include "lib/testing/etcd_fixture.h"
#include "lib/testing/mariadb_fixture.h"
#include "lib/testing/scratch_dir.h"
#include "lib/testing/sql_client.h"
#include "lib/testing/status_matchers.h"
#include "lib/topo/cluster.h"
#include "lib/topo/open.h"
#include "lib/topo/store.h"
#include "lib/vschema/vschema.h"
#include "tessera/router.h"

namespace tessera {
namespace {

using ::tessera::router::RouterImpl;
using ::tessera::testing::IsOk;
using ::tessera::testing::MariadbFixture;
using ::tessera::testing::MysqlErrorIs;
using ::testing::HasSubstr;

constexpr char kVSchema[] = R"({"sharded": true,
  "vindexes": {"hash": {"type": "hash"}},
  "tables": {"t": {"column_vindexes": [{"column": "id", "name": "hash"}]}}})";
constexpr char kVSchemaWithU[] = R"({"sharded": true,
  "vindexes": {"hash": {"type": "hash"}},
  "tables": {"t": {"column_vindexes": [{"column": "id", "name": "hash"}]},
             "u": {"column_vindexes": [{"column": "id", "name": "hash"}]}}})";

absl::Status Validate(absl::string_view json) {
  return vschema::ValidateVSchemaJson(json);
}

// Servers 0 and 1 are shards -80 and 80-; server 2 stands in for a new
// primary of 80- (same schema, its own rows).
class RouterTopoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto db = MariadbFixture::Start({.shards = 3});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = db->release();
    for (int i : {0, 1, 2}) {
      ASSERT_THAT(Exec(db_->primary(i),
                       absl::StrCat("CREATE DATABASE commerce; USE commerce; "
                                    "CREATE TABLE t (id BIGINT PRIMARY KEY, "
                                    "v VARCHAR(20)); CREATE TABLE u (id BIGINT "
                                    "PRIMARY KEY); INSERT INTO t VALUES (4, "
                                    "'server ",
                                    i, "')")),
                  IsOk());
    }
  }
  static void TearDownTestSuite() { delete db_; }

  static absl::Status Register(const std::string& url, int shard80_server,
                               const char* vschema) {
    TESSERA_ASSIGN_OR_RETURN(auto conn, topo::Open(url));
    topo::Store store(conn.get());
    topo::ClusterSpec spec;
    spec.keyspace = "commerce";
    spec.sharded = true;
    spec.vschema_json = vschema;
    spec.shards.push_back(
        {"-80",
         {{100, "127.0.0.1", db_->primary(0).port, 0, topodata::PRIMARY}}});
    // A failover: the old primary's tablet becomes a replica.
    topo::ClusterShard high{"80-", {}};
    for (int server : {1, 2}) {
      if (server != shard80_server && server == 2) continue;
      high.tablets.push_back(
          {static_cast<uint32_t>(100 + server), "127.0.0.1",
           db_->primary(server).port, 0,
           server == shard80_server ? topodata::PRIMARY : topodata::REPLICA});
    }
    spec.shards.push_back(high);
    return topo::RegisterCluster(store, spec, Validate);
  }

  // Runs `sql` in a new session until `done(result)` or 20 s pass.
  template <typename Pred>
  static bool Eventually(Router& r, const std::string& sql, Pred done) {
    absl::Time deadline = absl::Now() + absl::Seconds(20);
    while (absl::Now() < deadline) {
      auto s = r.NewSession("commerce");
      if (s.ok() && done(r.Execute(**s, sql))) return true;
      absl::SleepFor(absl::Milliseconds(50));
    }
    return false;
  }

  static MariadbFixture* db_;
};

MariadbFixture* RouterTopoTest::db_ = nullptr;

TEST_F(RouterTopoTest, EtcdTopologyChangesApplyLive) {
  auto etcd = testing::EtcdFixture::Start(1);
  ASSERT_TRUE(etcd.ok()) << etcd.status();
  std::string url = absl::StrCat("etcd://", (*etcd)->endpoints(), "/tessera");
  ASSERT_THAT(Register(url, 1, kVSchema), IsOk());

  RouterOptions o;
  o.topo_url = url;
  o.password = "tessera";
  auto r = Router::Create(o);
  ASSERT_TRUE(r.ok()) << r.status();
  Router& router = **r;
  auto s = router.NewSession("commerce");
  ASSERT_TRUE(s.ok());
  auto res = router.Execute(**s, "SELECT v FROM t WHERE id = 4");
  ASSERT_TRUE(res.ok()) << res.status();
  ASSERT_EQ(res->rows.size(), 1u);
  EXPECT_EQ(res->rows[0][0].bytes(), "server 1");
  EXPECT_THAT(router.Execute(**s, "SELECT * FROM u"),
              MysqlErrorIs(1146, "42S02"));

  // A table added to the VSchema becomes routable.
  ASSERT_THAT(Register(url, 1, kVSchemaWithU), IsOk());
  EXPECT_TRUE(
      Eventually(router, "SELECT COUNT(*) FROM u",
                 [](const absl::StatusOr<Result>& r) { return r.ok(); }));

  // Routing rules saved in the topology apply: `alias_t` reads commerce.t.
  {
    auto conn = topo::Open(url);
    ASSERT_TRUE(conn.ok()) << conn.status();
    topo::Store store(conn->get());
    topodata::RoutingRules rules;
    topodata::RoutingRule* rule = rules.add_rules();
    rule->set_from_table("alias_t");
    rule->add_to_tables("commerce.t");
    ASSERT_THAT(store.SaveRoutingRules(rules), IsOk());
  }
  EXPECT_TRUE(Eventually(router, "SELECT alias_t.v FROM alias_t WHERE id = 4",
                         [](const absl::StatusOr<Result>& r) {
                           return r.ok() && r->rows.size() == 1 &&
                                  r->rows[0][0].bytes() == "server 1";
                         }));

  // The primary of 80- moves to server 2: reads follow it.
  ASSERT_THAT(Register(url, 2, kVSchemaWithU), IsOk());
  EXPECT_TRUE(Eventually(router, "SELECT v FROM t WHERE id = 4",
                         [](const absl::StatusOr<Result>& r) {
                           return r.ok() && r->rows.size() == 1 &&
                                  r->rows[0][0].bytes() == "server 2";
                         }));
}

TEST_F(RouterTopoTest, RocksdbTopology) {
  auto dir = testing::ScratchDir::Create("router-topo");
  ASSERT_TRUE(dir.ok()) << dir.status();
  std::string url = absl::StrCat("rocksdb://", dir->path(), "/topo");
  ASSERT_THAT(Register(url, 1, kVSchema), IsOk());  // closes the store
  RouterOptions o;
  o.topo_url = url;
  o.password = "tessera";
  auto r = Router::Create(o);
  ASSERT_TRUE(r.ok()) << r.status();
  auto s = (*r)->NewSession("commerce");
  ASSERT_TRUE(s.ok());
  auto res = (*r)->Execute(**s, "SELECT v FROM t WHERE id = 4");
  ASSERT_TRUE(res.ok()) << res.status();
  ASSERT_EQ(res->rows.size(), 1u);
  EXPECT_EQ(res->rows[0][0].bytes(), "server 1");

  // /metrics: topology freshness and the shard that answered.
  auto* impl = dynamic_cast<router::RouterImpl*>(r->get());
  ASSERT_NE(impl, nullptr);
  const std::string m = router::RouterMetricsText(*impl);
  EXPECT_THAT(m, HasSubstr("\ntessera_router_topology_connected 1\n"));
  EXPECT_THAT(m, HasSubstr("\ntessera_router_topology_staleness_seconds "));
  EXPECT_THAT(m, HasSubstr("\ntessera_router_topology_seen_generation "));
  const RouterImpl::TopologyHealth h = impl->topology_health();
  EXPECT_TRUE(h.enabled);
  EXPECT_EQ(h.applied_generation, h.seen_generation);
  EXPECT_THAT(m, HasSubstr(absl::StrCat("\ntessera_router_topology_generation ",
                                        h.applied_generation, "\n")));
  EXPECT_THAT(m,
              HasSubstr("\ntessera_router_backend_queries_total{keyspace="
                        "\"commerce\",shard=\"80-\",tablet_type=\"primary\"} "
                        "1\n"));
}

TEST_F(RouterTopoTest, BadOptionsAreRefused) {
  RouterOptions o;
  o.topo_url = "etcd://127.0.0.1:1/x?timeout_ms=300";
  o.vschema_json = "{}";
  EXPECT_FALSE(Router::Create(o).ok());
  o.vschema_json.clear();
  EXPECT_FALSE(Router::Create(o).ok());  // unreachable
}

}  // namespace
}  // namespace tessera
