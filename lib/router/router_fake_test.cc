// The router over an in-process fake backend (fake_backend.h): routing,
// plan caching and what needs reserved connections, without servers.
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/engine/test_util.h"
#include "lib/router/fake_backend.h"
#include "lib/testing/status_matchers.h"

namespace tessera::router {
namespace {

using engine::testutil::IntF;
using engine::testutil::R;
using engine::testutil::Res;
using engine::testutil::TextF;
using ::tessera::testing::IsOk;
using ::tessera::testing::MysqlErrorIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr char kVSchema[] = R"({"keyspaces": {"ks": {"sharded": true,
  "vindexes": {"hash": {"type": "hash"}},
  "tables": {"t": {"column_vindexes": [{"column": "id", "name": "hash"}]}}}}})";

class RouterFakeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RouterOptions o;
    o.vschema_json = kVSchema;
    for (const char* shard : {"-40", "40-80", "80-c0", "c0-"}) {
      o.shards.push_back({"ks", shard, "127.0.0.1", 1});
    }
    fake_ = std::make_shared<engine::FakeCursor>();
    fake_->SetHandler([](const std::string& target,
                         const std::string& sql) -> absl::StatusOr<Result> {
      if (absl::StartsWith(sql, "insert") || absl::StartsWith(sql, "update")) {
        Result r;
        r.affected_rows = 1;
        return r;
      }
      if (absl::StrContains(sql, "where id = 1")) {
        return Res({TextF("c")}, {R({"one"})});
      }
      if (absl::StrContains(sql, "count(*)")) {
        return Res({IntF("count(*)")}, {R({target == "ks/c0-" ? "2" : "1"})});
      }
      return Res({TextF("c")}, {});
    });
    TESSERA_ASSERT_OK_AND_ASSIGN(router_, NewFakeRouter(o, fake_));
    TESSERA_ASSERT_OK_AND_ASSIGN(session_, router_->NewSession("ks"));
  }

  std::shared_ptr<engine::FakeCursor> fake_;
  std::unique_ptr<RouterImpl> router_;
  std::unique_ptr<tessera::Session> session_;
};

TEST_F(RouterFakeTest, PointSelectRunsOnTheVindexShard) {
  // hash(1) = 166b40b44aba4bd6: shard -40.
  TESSERA_ASSERT_OK_AND_ASSIGN(
      Result r,
      router_->Execute(*session_, "SELECT c FROM t WHERE id = 1", {}));
  ASSERT_THAT(r.rows, SizeIs(1));
  EXPECT_EQ(r.rows[0][0].bytes(), "one");
  EXPECT_EQ(r.fields[0].name, "c");
  EXPECT_THAT(fake_->log(),
              ElementsAre("ks/-40: select c from t where id = 1"));
}

TEST_F(RouterFakeTest, VersionCommentsAreReadAsMariadbReadsThem) {
  // MariaDB runs /*M!NNNNNN*/ text up to its version and skips MySQL 5.7+
  // comments (/*!50700 .. /*!99999); older /*!NNNNN*/ text runs.
  TESSERA_ASSERT_OK_AND_ASSIGN(
      Result r, router_->Execute(*session_,
                                 "SELECT c /*M!100000 , c + 1 */ /*M!999999 , "
                                 "c + 2 */ /*!50700 , c + 3 */ FROM t WHERE "
                                 "id = 1 /*!40101 AND c = 'one' */",
                                 {}));
  EXPECT_THAT(fake_->log(),
              ElementsAre("ks/-40: select c, c + 1 from t where id = 1 and c = "
                          "'one'"));
}

TEST_F(RouterFakeTest, ParamsBindLikeLiterals) {
  TESSERA_ASSERT_OK_AND_ASSIGN(
      Result r, router_->Execute(*session_, "SELECT c FROM t WHERE id = ?",
                                 {BindValue::Int(1)}));
  ASSERT_THAT(r.rows, SizeIs(1));
  EXPECT_THAT(fake_->log(),
              ElementsAre("ks/-40: select c from t where id = 1"));
}

TEST_F(RouterFakeTest, ScatterAggregatesEveryShard) {
  TESSERA_ASSERT_OK_AND_ASSIGN(
      Result r, router_->Execute(*session_, "SELECT COUNT(*) FROM t", {}));
  ASSERT_THAT(r.rows, SizeIs(1));
  EXPECT_EQ(r.rows[0][0].bytes(), "5");
  EXPECT_THAT(fake_->log(), SizeIs(4));
}

TEST_F(RouterFakeTest, SecondLiteralHitsThePlanCache) {
  ASSERT_THAT(router_->Execute(*session_, "SELECT c FROM t WHERE id = 1", {}),
              IsOk());
  const uint64_t misses = router_->plan_cache_stats().misses;
  ASSERT_THAT(router_->Execute(*session_, "select c from t where id = 7", {}),
              IsOk());
  EXPECT_EQ(router_->plan_cache_stats().misses, misses);
  EXPECT_GE(router_->plan_cache_stats().hits, 1u);
}

TEST_F(RouterFakeTest, TransactionsNeedPools) {
  ASSERT_THAT(router_->Execute(*session_, "BEGIN", {}), IsOk());
  absl::StatusOr<Result> r =
      router_->Execute(*session_, "SELECT c FROM t WHERE id = 1", {});
  EXPECT_THAT(r, MysqlErrorIs(1105, "HY000"));
  EXPECT_THAT(std::string(r.status().message()),
              HasSubstr("no connection pool for shard ks/-40"));
  EXPECT_THAT(router_->Execute(*session_, "ROLLBACK", {}), IsOk());
}

// An autocommit write that reaches one shard needs no transaction (the
// shard's autocommit is atomic): it runs on a pooled connection, which the
// fake has (no "start transaction", no "commit").
TEST_F(RouterFakeTest, SingleShardAutocommitWriteRunsWithoutTransaction) {
  TESSERA_ASSERT_OK_AND_ASSIGN(
      Result r,
      router_->Execute(*session_, "INSERT INTO t (id, c) VALUES (1, 'a')", {}));
  EXPECT_EQ(r.affected_rows, 1u);
  ASSERT_THAT(fake_->log(), SizeIs(1));
  EXPECT_TRUE(absl::StartsWith(fake_->log()[0], "ks/-40: insert into t"))
      << fake_->log()[0];
  fake_->ClearLog();
  TESSERA_ASSERT_OK_AND_ASSIGN(
      r, router_->Execute(*session_, "UPDATE t SET c = 'b' WHERE id = 1", {}));
  EXPECT_EQ(r.affected_rows, 1u);
  EXPECT_THAT(fake_->log(),
              ElementsAre("ks/-40: update t set c = 'b' where id = 1"));
  EXPECT_FALSE(session_->in_transaction());
}

// A write reaching several shards still runs in an implicit transaction,
// which needs reserved connections: over the fake (no pools) it fails
// before anything is sent.
TEST_F(RouterFakeTest, MultiShardAutocommitWriteNeedsTransaction) {
  for (const char* sql : {"INSERT INTO t (id, c) VALUES (1, 'a'), (4, 'b')",
                          "UPDATE t SET c = 'x'"}) {
    absl::StatusOr<Result> r = router_->Execute(*session_, sql, {});
    EXPECT_THAT(r, MysqlErrorIs(1105, "HY000")) << sql;
    EXPECT_THAT(std::string(r.status().message()),
                HasSubstr("no connection pool"))
        << sql;
    EXPECT_THAT(fake_->log(), SizeIs(0)) << sql;
    EXPECT_FALSE(session_->in_transaction());
  }
}

constexpr char kLookupVSchema[] = R"({"keyspaces": {
  "ks": {"sharded": true,
    "vindexes": {"hash": {"type": "hash"},
      "name_idx": {"type": "lookup_unique", "owner": "t",
        "params": {"table": "meta.name_idx", "from": "name",
                   "to": "keyspace_id"}}},
    "tables": {"t": {"column_vindexes": [{"column": "id", "name": "hash"},
                                         {"column": "name",
                                          "name": "name_idx"}]}}},
  "meta": {"sharded": false, "tables": {"name_idx": {}}}}})";

// Lookup queries are planned once and then served from the plan cache,
// like client statements.
TEST(RouterFakeLookupTest, LookupQueriesUseThePlanCache) {
  RouterOptions o;
  o.vschema_json = kLookupVSchema;
  o.shards = {{"ks", "-80", "127.0.0.1", 1},
              {"ks", "80-", "127.0.0.1", 1},
              {"meta", "-", "127.0.0.1", 1}};
  auto fake = std::make_shared<engine::FakeCursor>();
  fake->SetHandler([](const std::string& target,
                      const std::string& sql) -> absl::StatusOr<Result> {
    if (target == "meta/-") {
      // Every name maps to hash(1) = 166b40b44aba4bd6 (shard -80).
      return Res({engine::testutil::F("keyspace_id", FieldType::kVarString)},
                 {R({"\x16\x6b\x40\xb4\x4a\xba\x4b\xd6"})});
    }
    return Res({TextF("c")}, {R({"row"})});
  });
  TESSERA_ASSERT_OK_AND_ASSIGN(auto router, NewFakeRouter(o, fake));
  TESSERA_ASSERT_OK_AND_ASSIGN(auto session, router->NewSession("ks"));
  for (const char* name : {"bob", "alice", "carol"}) {
    const planner::PlanCacheStats before = router->plan_cache_stats();
    fake->ClearLog();
    TESSERA_ASSERT_OK_AND_ASSIGN(
        Result r,
        router->Execute(
            *session, absl::StrCat("SELECT c FROM t WHERE name = '", name, "'"),
            {}));
    ASSERT_THAT(r.rows, SizeIs(1));
    ASSERT_THAT(fake->log(), SizeIs(2));
    EXPECT_TRUE(absl::StartsWith(fake->log()[0], "meta/-: select keyspace_id"))
        << fake->log()[0];
    EXPECT_TRUE(absl::StartsWith(fake->log()[1], "ks/-80: select c from t"))
        << fake->log()[1];
    const planner::PlanCacheStats after = router->plan_cache_stats();
    if (absl::string_view(name) == "bob") {
      EXPECT_EQ(after.misses - before.misses, 2u);  // the query, the lookup
    } else {
      EXPECT_EQ(after.misses, before.misses);
      EXPECT_EQ(after.hits - before.hits, 2u);
    }
  }
}

}  // namespace
}  // namespace tessera::router
