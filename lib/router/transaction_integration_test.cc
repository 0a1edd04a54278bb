// Router transactions against real MariaDB shards: commit/rollback on
// every shard, isolation from other sessions, savepoints across shards
// that joined at different times, single mode, autocommit=0, implicit
// transactions for multi-shard writes, and a commit that fails part way.
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
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

// hash vindex: ids 1, 2, 3, 5 live on -80; 4 and 6 on 80-.
constexpr char kVSchema[] = R"({"keyspaces": {
  "commerce": {"sharded": true,
    "vindexes": {"hash": {"type": "hash"}},
    "tables": {"t": {"column_vindexes": [{"column": "id", "name": "hash"}]}}}}})";

class TransactionIntegrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto db = MariadbFixture::Start({.shards = 2});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = db->release();
    for (int i : {0, 1}) {
      ASSERT_THAT(Exec(db_->primary(i),
                       "CREATE DATABASE commerce; CREATE TABLE commerce.t "
                       "(id BIGINT PRIMARY KEY, v INT) ENGINE=InnoDB"),
                  IsOk());
    }
    multi_ = NewRouter(TransactionMode::kMulti).release();
    single_ = NewRouter(TransactionMode::kSingle).release();
  }
  static void TearDownTestSuite() {
    delete multi_;
    delete single_;
    delete db_;
  }
  void SetUp() override {
    for (int i : {0, 1}) {
      ASSERT_THAT(Exec(db_->primary(i), "DELETE FROM commerce.t"), IsOk());
    }
  }

  static std::unique_ptr<Router> NewRouter(TransactionMode mode) {
    RouterOptions o;
    o.vschema_json = kVSchema;
    o.password = "tessera";
    o.transaction_mode = mode;
    o.shards = {{"commerce", "-80", "127.0.0.1", db_->primary(0).port},
                {"commerce", "80-", "127.0.0.1", db_->primary(1).port}};
    auto r = Router::Create(o);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? std::move(*r) : nullptr;
  }

  static std::unique_ptr<Session> NewSession(Router* r) {
    auto s = r->NewSession("commerce");
    EXPECT_TRUE(s.ok()) << s.status();
    return std::move(*s);
  }

  // Ids on shard `i`, read directly from its server, e.g. "1,3".
  static std::string IdsOnShard(int i) {
    auto rows = testing::Query(db_->primary(i),
                               "SELECT GROUP_CONCAT(id ORDER BY id) FROM t",
                               "commerce");
    EXPECT_TRUE(rows.ok()) << rows.status();
    if (!rows.ok() || rows->empty() || !(*rows)[0][0]) return "";
    return *(*rows)[0][0];
  }

  // Ids a new session sees through the router.
  static std::string IdsSeenBy(Router* r) {
    auto s = NewSession(r);
    auto res = r->Execute(*s, "SELECT id FROM t ORDER BY id");
    EXPECT_TRUE(res.ok()) << res.status();
    if (!res.ok()) return "error";
    std::string out;
    for (const Row& row : res->rows) {
      absl::StrAppend(&out, out.empty() ? "" : ",", row[0].bytes());
    }
    return out;
  }

  static void Run(Router* r, Session& s, const std::string& sql) {
    auto res = r->Execute(s, sql);
    ASSERT_TRUE(res.ok()) << sql << ": " << res.status();
  }

  static MariadbFixture* db_;
  static Router* multi_;
  static Router* single_;
};

MariadbFixture* TransactionIntegrationTest::db_ = nullptr;
Router* TransactionIntegrationTest::multi_ = nullptr;
Router* TransactionIntegrationTest::single_ = nullptr;

TEST_F(TransactionIntegrationTest, CommitIsAtomicAndIsolated) {
  auto s = NewSession(multi_);
  Run(multi_, *s, "BEGIN");
  EXPECT_TRUE(s->in_transaction());
  Run(multi_, *s, "INSERT INTO t (id, v) VALUES (1, 10), (4, 40)");
  Run(multi_, *s, "UPDATE t SET v = v + 1");
  // The session sees its own writes; nobody else does yet.
  auto mine = multi_->Execute(*s, "SELECT SUM(v) FROM t");
  ASSERT_TRUE(mine.ok()) << mine.status();
  EXPECT_EQ(mine->rows[0][0].bytes(), "52");
  EXPECT_EQ(IdsSeenBy(multi_), "");
  EXPECT_EQ(IdsOnShard(0), "");
  Run(multi_, *s, "COMMIT");
  EXPECT_FALSE(s->in_transaction());
  EXPECT_EQ(IdsOnShard(0), "1");
  EXPECT_EQ(IdsOnShard(1), "4");
  EXPECT_EQ(IdsSeenBy(multi_), "1,4");
}

TEST_F(TransactionIntegrationTest, RollbackUndoesEveryShard) {
  auto s = NewSession(multi_);
  Run(multi_, *s, "START TRANSACTION");
  Run(multi_, *s, "INSERT INTO t (id, v) VALUES (1, 1), (4, 4), (6, 6)");
  Run(multi_, *s, "ROLLBACK");
  EXPECT_EQ(IdsSeenBy(multi_), "");
  EXPECT_EQ(IdsOnShard(0), "");
  EXPECT_EQ(IdsOnShard(1), "");
}

TEST_F(TransactionIntegrationTest, SavepointsAcrossLateJoiningShards) {
  auto s = NewSession(multi_);
  Run(multi_, *s, "BEGIN");
  Run(multi_, *s, "INSERT INTO t (id, v) VALUES (1, 1)");  // -80 joins
  Run(multi_, *s, "SAVEPOINT a");
  Run(multi_, *s, "INSERT INTO t (id, v) VALUES (4, 4)");  // 80- joins
  Run(multi_, *s, "INSERT INTO t (id, v) VALUES (2, 2)");
  Run(multi_, *s, "SAVEPOINT b");
  Run(multi_, *s, "INSERT INTO t (id, v) VALUES (6, 6)");
  Run(multi_, *s, "ROLLBACK TO SAVEPOINT b");
  auto r = multi_->Execute(*s, "SELECT COUNT(*) FROM t");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows[0][0].bytes(), "3");
  Run(multi_, *s, "ROLLBACK TO a");
  // b was declared after a: gone with the rollback to a.
  EXPECT_THAT(multi_->Execute(*s, "ROLLBACK TO SAVEPOINT b"),
              MysqlErrorIs(1305, "42000"));
  Run(multi_, *s, "RELEASE SAVEPOINT a");
  EXPECT_THAT(multi_->Execute(*s, "RELEASE SAVEPOINT a"),
              MysqlErrorIs(1305, "42000"));
  Run(multi_, *s, "COMMIT");
  EXPECT_EQ(IdsOnShard(0), "1");
  EXPECT_EQ(IdsOnShard(1), "");
}

TEST_F(TransactionIntegrationTest, SingleModeRefusesASecondShard) {
  auto s = NewSession(single_);
  Run(single_, *s, "BEGIN");
  Run(single_, *s, "INSERT INTO t (id, v) VALUES (1, 1)");
  Run(single_, *s, "INSERT INTO t (id, v) VALUES (2, 2)");  // same shard
  auto r = single_->Execute(*s, "INSERT INTO t (id, v) VALUES (4, 4)");
  EXPECT_THAT(r, MysqlErrorIs(1235, "42000"));
  EXPECT_THAT(r.status().message(), ::testing::HasSubstr("commerce/80-"));
  // A scatter read would reach both shards: refused as well.
  EXPECT_THAT(single_->Execute(*s, "SELECT * FROM t"),
              MysqlErrorIs(1235, "42000"));
  EXPECT_TRUE(s->in_transaction());
  Run(single_, *s, "COMMIT");
  EXPECT_EQ(IdsOnShard(0), "1,2");
  EXPECT_EQ(IdsOnShard(1), "");
  // Outside a transaction, multi-shard statements work in single mode.
  Run(single_, *s, "INSERT INTO t (id, v) VALUES (4, 4), (5, 5)");
  EXPECT_EQ(IdsSeenBy(single_), "1,2,4,5");
}

TEST_F(TransactionIntegrationTest, AutocommitOff) {
  auto s = NewSession(multi_);
  Run(multi_, *s, "SET autocommit = 0");
  EXPECT_FALSE(s->autocommit());
  Run(multi_, *s, "INSERT INTO t (id, v) VALUES (1, 1), (4, 4)");
  EXPECT_TRUE(s->in_transaction());
  EXPECT_EQ(IdsSeenBy(multi_), "");
  Run(multi_, *s, "COMMIT");
  EXPECT_EQ(IdsSeenBy(multi_), "1,4");
  Run(multi_, *s, "DELETE FROM t WHERE id = 4");
  Run(multi_, *s, "ROLLBACK");
  EXPECT_EQ(IdsSeenBy(multi_), "1,4");
  Run(multi_, *s, "INSERT INTO t (id, v) VALUES (6, 6)");
  // Turning autocommit back on commits the open transaction.
  Run(multi_, *s, "SET @@autocommit = ON");
  EXPECT_FALSE(s->in_transaction());
  EXPECT_EQ(IdsSeenBy(multi_), "1,4,6");
  EXPECT_THAT(multi_->Execute(*s, "SET autocommit = 2"),
              MysqlErrorIs(1231, "42000"));
}

TEST_F(TransactionIntegrationTest, DestroyingTheSessionRollsBack) {
  {
    auto s = NewSession(multi_);
    Run(multi_, *s, "BEGIN");
    Run(multi_, *s, "INSERT INTO t (id, v) VALUES (1, 1), (4, 4)");
  }
  EXPECT_EQ(IdsSeenBy(multi_), "");
  // The connections went back to the pools clean: a new transaction works.
  auto s = NewSession(multi_);
  Run(multi_, *s, "BEGIN");
  Run(multi_, *s, "INSERT INTO t (id, v) VALUES (1, 1)");
  Run(multi_, *s, "COMMIT");
  EXPECT_EQ(IdsSeenBy(multi_), "1");
}

TEST_F(TransactionIntegrationTest, BeginAndDdlCommitTheOpenTransaction) {
  auto s = NewSession(multi_);
  Run(multi_, *s, "BEGIN");
  Run(multi_, *s, "INSERT INTO t (id, v) VALUES (1, 1)");
  Run(multi_, *s, "BEGIN");  // commits the first
  Run(multi_, *s, "INSERT INTO t (id, v) VALUES (4, 4)");
  Run(multi_, *s, "ROLLBACK");
  EXPECT_EQ(IdsSeenBy(multi_), "1");
}

// A statement that fails on one shard after changing another must not
// leave half its work: in a transaction the whole transaction is rolled
// back; in autocommit the implicit transaction is.
TEST_F(TransactionIntegrationTest, PartialMultiShardWriteRollsBack) {
  // Shard 80- rejects v > 100; -80 accepts.
  ASSERT_THAT(
      Exec(db_->primary(1),
           "ALTER TABLE t ADD CONSTRAINT v_small CHECK (v <= 100)", "commerce"),
      IsOk());
  auto s = NewSession(multi_);
  Run(multi_, *s, "INSERT INTO t (id, v) VALUES (1, 1), (4, 4)");
  // Autocommit: the update reaches -80 first, then fails on 80-.
  auto r = multi_->Execute(*s, "UPDATE t SET v = 500");
  EXPECT_FALSE(r.ok());
  auto sum = multi_->Execute(*s, "SELECT SUM(v) FROM t");
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(sum->rows[0][0].bytes(), "5");
  // Inside a transaction: the earlier insert goes as well.
  Run(multi_, *s, "BEGIN");
  Run(multi_, *s, "INSERT INTO t (id, v) VALUES (2, 2)");
  r = multi_->Execute(*s, "UPDATE t SET v = 500");
  EXPECT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), ::testing::HasSubstr("rolled back"));
  EXPECT_FALSE(s->in_transaction());
  EXPECT_EQ(IdsSeenBy(multi_), "1,4");
  ASSERT_THAT(Exec(db_->primary(1), "ALTER TABLE t DROP CONSTRAINT v_small",
                   "commerce"),
              IsOk());
}

// An autocommit write planned as one batch of shard statements runs in the
// shard's own autocommit when it reaches one shard (no BEGIN/COMMIT round
// trips) and in an implicit transaction when it reaches several, so a
// multi-row INSERT failing on one shard still leaves no row on the other.
TEST_F(TransactionIntegrationTest, AutocommitWritesAreOneShardOrAtomic) {
  ASSERT_THAT(
      Exec(db_->primary(1),
           "ALTER TABLE t ADD CONSTRAINT v_small CHECK (v <= 100)", "commerce"),
      IsOk());
  auto s = NewSession(multi_);
  Run(multi_, *s, "INSERT INTO t (id, v) VALUES (1, 1)");
  EXPECT_EQ(IdsOnShard(0), "1");  // committed, seen by another connection
  Run(multi_, *s, "UPDATE t SET v = 7 WHERE id = 1");
  auto v = testing::Query(db_->primary(0), "SELECT v FROM t WHERE id = 1",
                          "commerce");
  ASSERT_TRUE(v.ok()) << v.status();
  ASSERT_EQ(v->size(), 1u);
  EXPECT_EQ(*(*v)[0][0], "7");
  EXPECT_FALSE(s->in_transaction());
  // -80 accepts (2, 2), 80- rejects (4, 500): neither stays.
  auto r = multi_->Execute(*s, "INSERT INTO t (id, v) VALUES (2, 2), (4, 500)");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(IdsOnShard(0), "1");
  EXPECT_EQ(IdsOnShard(1), "");
  // A one-shard write failing changes nothing either.
  r = multi_->Execute(*s, "INSERT INTO t (id, v) VALUES (6, 600)");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(IdsOnShard(1), "");
  EXPECT_FALSE(s->in_transaction());
  // Single mode limits explicit transactions only.
  auto one = NewSession(single_);
  Run(single_, *one, "INSERT INTO t (id, v) VALUES (3, 3), (4, 4)");
  EXPECT_EQ(IdsSeenBy(multi_), "1,3,4");
  ASSERT_THAT(Exec(db_->primary(1), "ALTER TABLE t DROP CONSTRAINT v_small",
                   "commerce"),
              IsOk());
}

// COMMIT reaches -80 first (it joined first), then 80-, whose connection
// was killed: the error says what committed and what did not.
TEST_F(TransactionIntegrationTest, CommitFailingPartWayNamesTheShards) {
  auto s = NewSession(multi_);
  Run(multi_, *s, "BEGIN");
  Run(multi_, *s, "INSERT INTO t (id, v) VALUES (1, 1)");
  Run(multi_, *s, "INSERT INTO t (id, v) VALUES (4, 4)");
  Run(multi_, *s, "USE `commerce:80-`");
  auto id = multi_->Execute(*s, "SELECT CONNECTION_ID()");
  ASSERT_TRUE(id.ok()) << id.status();
  ASSERT_THAT(Exec(db_->primary(1),
                   absl::StrCat("KILL CONNECTION ", id->rows[0][0].bytes())),
              IsOk());
  auto r = multi_->Execute(*s, "COMMIT");
  EXPECT_THAT(r, MysqlErrorIs(1180, "HY000"));
  EXPECT_THAT(r.status().message(),
              ::testing::HasSubstr("committed: [commerce/-80]"));
  EXPECT_THAT(r.status().message(),
              ::testing::HasSubstr("COMMIT failed on shard commerce/80-"));
  EXPECT_FALSE(s->in_transaction());
  EXPECT_EQ(IdsOnShard(0), "1");
  EXPECT_EQ(IdsOnShard(1), "");
}

// SET of session variables holds for the session's statements only (sent
// with each statement, never left on a pooled connection).
TEST_F(TransactionIntegrationTest, SessionVariablesFollowTheSession) {
  auto s = NewSession(multi_);
  auto other = NewSession(multi_);
  auto mode = [](Router* r, Session& session) {
    auto res = r->Execute(session, "SELECT @@sql_mode");
    EXPECT_TRUE(res.ok()) << res.status();
    return res.ok() ? std::string(res->rows[0][0].bytes()) : "error";
  };
  const std::string original = mode(multi_, *other);
  Run(multi_, *s, "SET SESSION sql_mode = 'STRICT_ALL_TABLES'");
  EXPECT_EQ(mode(multi_, *s), "STRICT_ALL_TABLES");
  EXPECT_EQ(mode(multi_, *other), original);
  // Scatter and in-transaction statements carry the variables too.
  Run(multi_, *s, "INSERT INTO t (id, v) VALUES (1, 1), (4, 4)");
  auto scatter = multi_->Execute(*s, "SELECT @@sql_mode FROM t");
  ASSERT_TRUE(scatter.ok()) << scatter.status();
  ASSERT_EQ(scatter->rows.size(), 2u);
  for (const Row& row : scatter->rows) {
    EXPECT_EQ(row[0].bytes(), "STRICT_ALL_TABLES");
  }
  Run(multi_, *s, "BEGIN");
  EXPECT_EQ(mode(multi_, *s), "STRICT_ALL_TABLES");
  Run(multi_, *s, "COMMIT");
  Run(multi_, *s, "SET sql_mode = DEFAULT");
  EXPECT_EQ(mode(multi_, *s), original);
  // Bad names and values fail at SET, with the server's error.
  EXPECT_THAT(multi_->Execute(*s, "SET nosuch_variable = 1"),
              MysqlErrorIs(1193, "HY000"));
  EXPECT_THAT(multi_->Execute(*s, "SET sql_mode = 'NOSUCHMODE'"),
              MysqlErrorIs(1231, "42000"));
  EXPECT_THAT(multi_->Execute(*s, "SET @x = 1"), MysqlErrorIs(1235, "42000"));
  EXPECT_EQ(mode(multi_, *s), original);
}

// SET SESSION TRANSACTION ISOLATION LEVEL reaches every shard's
// transaction: READ COMMITTED sees a row committed meanwhile, REPEATABLE
// READ does not.
TEST_F(TransactionIntegrationTest, IsolationLevel) {
  auto writer = NewSession(multi_);
  Run(multi_, *writer, "INSERT INTO t (id, v) VALUES (1, 1), (4, 4)");
  for (const char* level : {"READ COMMITTED", "REPEATABLE READ"}) {
    Run(multi_, *writer, "UPDATE t SET v = 1");
    auto s = NewSession(multi_);
    Run(multi_, *s,
        absl::StrCat("SET SESSION TRANSACTION ISOLATION LEVEL ", level));
    Run(multi_, *s, "BEGIN");
    auto before = multi_->Execute(*s, "SELECT SUM(v) FROM t");
    ASSERT_TRUE(before.ok()) << before.status();
    EXPECT_EQ(before->rows[0][0].bytes(), "2");
    Run(multi_, *writer, "UPDATE t SET v = 10");
    auto after = multi_->Execute(*s, "SELECT SUM(v) FROM t");
    ASSERT_TRUE(after.ok()) << after.status();
    EXPECT_EQ(after->rows[0][0].bytes(),
              std::string(level) == "READ COMMITTED" ? "20" : "2")
        << level;
    Run(multi_, *s, "COMMIT");
  }
}

}  // namespace
}  // namespace tessera
