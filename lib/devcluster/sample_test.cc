// `tessera up`'s setup on a real local cluster: schema on every shard,
// topology records, and the router serving the sample VSchema over it.
#include "lib/devcluster/sample.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/scratch_dir.h"
#include "lib/testing/status_matchers.h"
#include "lib/topo/open.h"
#include "lib/topo/store.h"
#include "tessera/router.h"

namespace tessera::devcluster {
namespace {

using ::tessera::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(SampleTest, SetUpClusterTopologyAndRouter) {
  TESSERA_ASSERT_OK_AND_ASSIGN(auto dir, testing::ScratchDir::Create("dev"));
  localcluster::ClusterSpec spec;
  spec.dir = dir.path() + "/local";
  spec.keyspace = "commerce";
  spec.shards = 2;
  spec.replicas = 1;
  TESSERA_ASSERT_OK_AND_ASSIGN(auto cluster,
                               localcluster::LocalCluster::Up(spec));
  ASSERT_THAT(CreateSampleSchema(*cluster), IsOk());
  ASSERT_THAT(CreateSampleSchema(*cluster), IsOk());  // idempotent

  std::string url = absl::StrCat("rocksdb://", dir.path(), "/topo");
  ASSERT_THAT(RegisterInTopology(*cluster, url), IsOk());
  ASSERT_THAT(RegisterInTopology(*cluster, url), IsOk());  // idempotent
  {
    TESSERA_ASSERT_OK_AND_ASSIGN(auto conn, topo::Open(url));
    topo::Store store(conn.get());
    auto keyspaces = store.ListKeyspaces();
    ASSERT_THAT(keyspaces, IsOk());
    EXPECT_THAT(*keyspaces, ::testing::UnorderedElementsAre(
                                "commerce", "lookup", "sbtest"));
    auto shards = store.ListShards("commerce");
    ASSERT_THAT(shards, IsOk());
    EXPECT_EQ(shards->size(), 2u);
    auto vs = store.GetVSchema("commerce");
    ASSERT_THAT(vs, IsOk());
    EXPECT_THAT(vs->value, HasSubstr("customer"));
  }

  // The router over the shard map `tessera up` hands the gateway.
  RouterOptions o;
  o.vschema_json = SampleVSchemaJson("commerce");
  o.password = "tessera";
  for (absl::string_view part : absl::StrSplit(ShardsFlag(*cluster), ',')) {
    std::vector<std::string> kv = absl::StrSplit(part, '=');
    std::vector<std::string> ks = absl::StrSplit(kv[0], '/');
    std::vector<std::string> hp = absl::StrSplit(kv[1], ':');
    std::vector<std::string> shard_type = absl::StrSplit(ks[1], '@');
    o.shards.push_back({ks[0], shard_type[0], hp[0], std::stoi(hp[1]),
                        shard_type.size() > 1 ? shard_type[1] : "primary"});
  }
  // commerce and sbtest: 2 primaries and 2 replicas each; lookup.
  ASSERT_EQ(o.shards.size(), 9u);
  TESSERA_ASSERT_OK_AND_ASSIGN(auto router, Router::Create(o));
  TESSERA_ASSERT_OK_AND_ASSIGN(auto s, router->NewSession("commerce"));
  for (int i = 1; i <= 20; ++i) {
    ASSERT_THAT(
        router->Execute(*s, absl::StrCat("INSERT INTO customer (id, name) "
                                         "VALUES (",
                                         i, ", 'c", i, "')")),
        IsOk());
  }
  TESSERA_ASSERT_OK_AND_ASSIGN(
      Result r, router->Execute(*s, "SELECT COUNT(*), MAX(id) FROM customer"));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0].bytes(), "20");
  EXPECT_EQ(r.rows[0][1].bytes(), "20");
  // Both shards hold some of them.
  for (int i = 0; i < 2; ++i) {
    auto n = localcluster::Query(cluster->primary(i),
                                 "SELECT COUNT(*) FROM customer", "commerce");
    ASSERT_THAT(n, IsOk());
    EXPECT_NE(*(*n)[0][0], "0");
  }
  ASSERT_THAT(
      router->Execute(*s, "INSERT INTO lookup.settings VALUES ('a', 'b')"),
      IsOk());
  // A replica session reads from the replicas and refuses writes.
  TESSERA_ASSERT_OK_AND_ASSIGN(auto rs, router->NewSession("commerce@replica"));
  TESSERA_ASSERT_OK_AND_ASSIGN(Result port,
                               router->Execute(*rs, "SELECT @@port"));
  ASSERT_FALSE(port.rows.empty());
  std::vector<std::string> replica_ports;
  for (const auto& a : o.shards) {
    if (a.tablet_type == "replica")
      replica_ports.push_back(std::to_string(a.port));
  }
  EXPECT_THAT(replica_ports, ::testing::Contains(port.rows[0][0].bytes()));
  EXPECT_THAT(router->Execute(*rs, "INSERT INTO customer (id) VALUES (999)"),
              testing::MysqlErrorIs(1235, "42000"));
  // An id from the sequence, and the email lookup row the router keeps.
  TESSERA_ASSERT_OK_AND_ASSIGN(
      Result ins, router->Execute(*s,
                                  "INSERT INTO customer (name, email) VALUES "
                                  "('seq', 'seq@example.com')"));
  EXPECT_GE(ins.last_insert_id, 1000u);
  TESSERA_ASSERT_OK_AND_ASSIGN(
      Result by_email,
      router->Execute(*s,
                      "SELECT id, name FROM customer WHERE email = "
                      "'seq@example.com'"));
  ASSERT_EQ(by_email.rows.size(), 1u);
  EXPECT_EQ(by_email.rows[0][0].bytes(), std::to_string(ins.last_insert_id));
  auto lookup_rows = localcluster::Query(
      cluster->primary(0), "SELECT COUNT(*) FROM customer_email_idx", "lookup");
  ASSERT_THAT(lookup_rows, IsOk());
  EXPECT_EQ(*(*lookup_rows)[0][0], "1");
}

}  // namespace
}  // namespace tessera::devcluster
