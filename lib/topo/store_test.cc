#include "lib/topo/store.h"

#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"
#include "lib/topo/cluster.h"
#include "lib/topo/keys.h"
#include "lib/topo/memory_conn.h"

namespace tessera::topo {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::IsOkAndHolds;
using ::tessera::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class StoreTest : public ::testing::Test {
 protected:
  void AddKeyspace(const std::string& name, bool sharded = true) {
    topodata::Keyspace ks;
    ks.set_name(name);
    ks.set_sharded(sharded);
    ASSERT_THAT(store_.CreateKeyspace(ks), IsOk());
  }
  std::unique_ptr<MemoryConn> conn_ = MemoryConn::New();
  Store store_{conn_.get()};
};

TEST_F(StoreTest, KeyspaceLifecycle) {
  AddKeyspace("commerce");
  AddKeyspace("customer");
  topodata::Keyspace dup;
  dup.set_name("commerce");
  EXPECT_THAT(store_.CreateKeyspace(dup),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(store_.ListKeyspaces(),
              IsOkAndHolds(ElementsAre("commerce", "customer")));
  auto ks = store_.GetKeyspace("customer");
  ASSERT_THAT(ks, IsOk());
  EXPECT_TRUE(ks->value.sharded());
  ks->value.set_durability_policy("semi_sync");
  ASSERT_THAT(store_.UpdateKeyspace(ks->value, ks->version), IsOk());
  EXPECT_THAT(store_.UpdateKeyspace(ks->value, ks->version),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(store_.GetKeyspace("customer")->value.durability_policy(),
            "semi_sync");
  ASSERT_THAT(store_.CreateShard("customer", "-80"), IsOk());
  EXPECT_THAT(store_.DeleteKeyspace("customer"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(store_.DeleteKeyspace("commerce"), IsOk());
  EXPECT_THAT(store_.GetKeyspace("commerce"),
              StatusIs(absl::StatusCode::kNotFound));
  topodata::Keyspace bad;
  bad.set_name("no/slash");
  EXPECT_THAT(store_.CreateKeyspace(bad),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(StoreTest, ShardsSortedByKeyRange) {
  AddKeyspace("ks");
  for (const char* s : {"c0-", "-40", "80-c0", "40-80"}) {
    ASSERT_THAT(store_.CreateShard("ks", s), IsOk()) << s;
  }
  EXPECT_THAT(store_.CreateShard("nope", "-80"),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store_.CreateShard("ks", "zz"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(store_.CreateShard("ks", "-40"),
              StatusIs(absl::StatusCode::kAlreadyExists));
  auto shards = store_.ListShards("ks");
  ASSERT_THAT(shards, IsOk());
  std::vector<std::string> names;
  for (const auto& s : *shards) names.push_back(s.name());
  EXPECT_THAT(names, ElementsAre("-40", "40-80", "80-c0", "c0-"));
  EXPECT_EQ((*shards)[2].key_range().start(), "\x80");
  EXPECT_EQ((*shards)[2].key_range().end(), "\xc0");
}

TEST_F(StoreTest, ConcurrentShardUpdatesAllLand) {
  AddKeyspace("ks");
  ASSERT_THAT(store_.CreateShard("ks", "-"), IsOk());
  auto bump = [&] {
    for (int i = 0; i < 25; ++i) {
      ASSERT_THAT(
          store_.UpdateShardFields("ks", "-",
                                   [](topodata::Shard& s) {
                                     s.set_primary_term_start_unix(
                                         s.primary_term_start_unix() + 1);
                                     return absl::OkStatus();
                                   }),
          IsOk());
    }
  };
  std::thread a(bump), b(bump);
  a.join();
  b.join();
  EXPECT_EQ(store_.GetShard("ks", "-")->value.primary_term_start_unix(), 50);
}

TEST_F(StoreTest, TabletsByCell) {
  for (auto [cell, uid] : std::vector<std::pair<std::string, int>>{
           {"zone1", 1}, {"zone1", 2}, {"zone1-x", 3}, {"zone2", 4}}) {
    topodata::Tablet t;
    t.mutable_alias()->set_cell(cell);
    t.mutable_alias()->set_uid(uid);
    t.set_hostname("127.0.0.1");
    t.set_mysql_port(3300 + uid);
    t.set_type(topodata::REPLICA);
    ASSERT_THAT(store_.CreateTablet(t), IsOk());
  }
  auto zone1 = store_.ListTablets("zone1");
  ASSERT_THAT(zone1, IsOk());
  ASSERT_EQ(zone1->size(), 2u);
  EXPECT_EQ((*zone1)[1].mysql_port(), 3302);
  EXPECT_EQ(store_.ListTablets("")->size(), 4u);
  auto alias = ParseTabletAlias("zone2-4");
  ASSERT_THAT(store_.GetTablet(*alias), IsOk());
  ASSERT_THAT(store_.DeleteTablet(*alias), IsOk());
  EXPECT_THAT(store_.GetTablet(*alias), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(StoreTest, VSchemaIsValidatedBeforeWriting) {
  AddKeyspace("ks");
  EXPECT_THAT(store_.SaveVSchema("ks", "{not json", BasicVSchemaCheck),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      store_.SaveVSchema("ks", R"({"sharded":true,"colour":1})",
                         BasicVSchemaCheck),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("colour")));
  EXPECT_THAT(store_.SaveVSchema("ks", "[1,2]", BasicVSchemaCheck),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(store_.GetVSchema("ks"), StatusIs(absl::StatusCode::kNotFound));
  const std::string good =
      R"({"sharded": true, "vindexes": {"hash": {"type": "hash"}},
          "tables": {"t": {"column_vindexes": [{"column": "id",
          "name": "hash"}]}}})";
  ASSERT_THAT(store_.SaveVSchema("ks", good, BasicVSchemaCheck), IsOk());
  EXPECT_EQ(store_.GetVSchema("ks")->value, good);
  auto reject_all = [](absl::string_view) {
    return absl::InvalidArgumentError("table t has no primary vindex");
  };
  EXPECT_THAT(store_.SaveVSchema("ks", "{}", reject_all),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("no primary vindex")));
  EXPECT_EQ(store_.GetVSchema("ks")->value, good);
  EXPECT_THAT(store_.SaveVSchema("missing", "{}", BasicVSchemaCheck),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(StoreTest, RoutingRulesRoundTrip) {
  EXPECT_THAT(store_.GetRoutingRules(), StatusIs(absl::StatusCode::kNotFound));
  topodata::RoutingRules rules;
  auto* r = rules.add_rules();
  r->set_from_table("orders");
  r->add_to_tables("commerce.orders");
  ASSERT_THAT(store_.SaveRoutingRules(rules), IsOk());
  auto got = store_.GetRoutingRules();
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(got->value.rules(0).to_tables(0), "commerce.orders");
}

TEST_F(StoreTest, CorruptRecordIsDataLoss) {
  ASSERT_THAT(conn_->Create(KeyspaceKey("ks"), "\xff\xff\xff"), IsOk());
  EXPECT_THAT(store_.GetKeyspace("ks"), StatusIs(absl::StatusCode::kDataLoss));
}

ClusterSpec TwoShardSpec() {
  ClusterSpec spec;
  spec.cell = "local";
  spec.keyspace = "commerce";
  spec.sharded = true;
  spec.vschema_json = R"({"sharded": true})";
  int uid = 100;
  for (const char* name : {"-80", "80-"}) {
    ClusterShard shard;
    shard.name = name;
    shard.tablets.push_back({static_cast<uint32_t>(uid), "127.0.0.1",
                             3306 + uid, 0, topodata::PRIMARY});
    shard.tablets.push_back({static_cast<uint32_t>(uid + 1), "127.0.0.1",
                             3307 + uid, 0, topodata::REPLICA});
    spec.shards.push_back(shard);
    uid += 10;
  }
  return spec;
}

TEST_F(StoreTest, RegisterClusterWritesEverythingIdempotently) {
  ClusterSpec spec = TwoShardSpec();
  ASSERT_THAT(RegisterCluster(store_, spec, BasicVSchemaCheck), IsOk());
  ASSERT_THAT(RegisterCluster(store_, spec, BasicVSchemaCheck), IsOk());
  auto shard = store_.GetShard("commerce", "80-");
  ASSERT_THAT(shard, IsOk());
  EXPECT_TRUE(shard->value.is_primary_serving());
  EXPECT_EQ(TabletAliasString(shard->value.primary_alias()), "local-110");
  auto tablet = store_.GetTablet(shard->value.primary_alias());
  ASSERT_THAT(tablet, IsOk());
  EXPECT_EQ(tablet->value.mysql_port(), 3416);
  EXPECT_EQ(tablet->value.shard(), "80-");
  EXPECT_EQ(store_.ListTablets("local")->size(), 4u);
  auto srv = store_.GetSrvKeyspace("local", "commerce");
  ASSERT_THAT(srv, IsOk());
  ASSERT_EQ(srv->value.partitions_size(), 3);
  EXPECT_EQ(srv->value.partitions(0).served_type(), topodata::PRIMARY);
  ASSERT_EQ(srv->value.partitions(0).shard_references_size(), 2);
  EXPECT_EQ(srv->value.partitions(0).shard_references(1).name(), "80-");
  EXPECT_EQ(store_.GetVSchema("commerce")->value, R"({"sharded": true})");
  EXPECT_THAT(conn_->LockOwner(KeyspaceLockPath("commerce")),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(StoreTest, RegisterClusterRejectsBadSpecs) {
  ClusterSpec two_primaries = TwoShardSpec();
  two_primaries.shards[0].tablets[1].type = topodata::PRIMARY;
  ClusterSpec no_shards = TwoShardSpec();
  no_shards.shards.clear();
  ClusterSpec bad_shard = TwoShardSpec();
  bad_shard.shards[0].name = "x";
  ClusterSpec bad_vschema = TwoShardSpec();
  bad_vschema.vschema_json = "{";
  for (const ClusterSpec* s :
       {&two_primaries, &no_shards, &bad_shard, &bad_vschema}) {
    EXPECT_THAT(RegisterCluster(store_, *s, BasicVSchemaCheck),
                StatusIs(absl::StatusCode::kInvalidArgument));
  }
}

}  // namespace
}  // namespace tessera::topo
