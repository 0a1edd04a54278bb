// Writes through the router against real MariaDB shards: sequences for
// auto_increment, owned lookup vindexes (created, moved, removed, used for
// routing), reference-table writes on every shard, INSERT ... SELECT, and
// NEXT VALUE. The lookup and sequence tables live in an unsharded keyspace.
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/mariadb_fixture.h"
#include "lib/testing/status_matchers.h"
#include "lib/vindex/hash.h"
#include "tessera/router.h"

namespace tessera {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::MariadbFixture;
using ::tessera::testing::MysqlErrorIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

constexpr char kVSchema[] = R"({"keyspaces": {
  "shop": {"sharded": true,
    "vindexes": {
      "hash": {"type": "hash"},
      "email_idx": {"type": "lookup_unique", "owner": "user",
        "params": {"table": "meta.user_email_idx", "from": "email",
                   "to": "keyspace_id"}},
      "tag_idx": {"type": "lookup", "owner": "user",
        "params": {"table": "meta.user_tag_idx", "from": "tag",
                   "to": "keyspace_id", "ignore_nulls": "true"}},
      "handle_idx": {"type": "consistent_lookup_unique", "owner": "acct",
        "params": {"table": "meta.acct_handle_idx", "from": "handle",
                   "to": "keyspace_id"}}},
    "tables": {
      "user": {"column_vindexes": [{"column": "id", "name": "hash"},
                                   {"column": "email", "name": "email_idx"},
                                   {"column": "tag", "name": "tag_idx"}],
               "auto_increment": {"column": "id", "sequence": "meta.user_seq"}},
      "plain": {"column_vindexes": [{"column": "id", "name": "hash"}]},
      "acct": {"column_vindexes": [{"column": "id", "name": "hash"},
                                   {"column": "handle", "name": "handle_idx"}]},
      "country": {"type": "reference"}}},
  "meta": {"sharded": false, "tables": {
      "user_seq": {"type": "sequence"}, "user_email_idx": {},
      "user_tag_idx": {}, "notes": {}, "acct_handle_idx": {}}}}})";

constexpr char kShopSchema[] =
    "CREATE DATABASE shop; USE shop;"
    "CREATE TABLE user (id BIGINT PRIMARY KEY, email VARCHAR(40), "
    "tag VARCHAR(20), name VARCHAR(20));"
    "CREATE TABLE plain (id BIGINT PRIMARY KEY, v VARCHAR(40));"
    "CREATE TABLE country (code VARCHAR(4) PRIMARY KEY, name VARCHAR(20));"
    "CREATE TABLE acct (id BIGINT PRIMARY KEY, handle VARCHAR(20));";

constexpr char kMetaSchema[] =
    "CREATE DATABASE meta; USE meta;"
    "CREATE TABLE user_seq (id INT PRIMARY KEY, next_id BIGINT, "
    "cache BIGINT) COMMENT 'vitess_sequence';"
    "INSERT INTO user_seq VALUES (0, 1, 5);"
    "CREATE TABLE user_email_idx (email VARCHAR(40) PRIMARY KEY, "
    "keyspace_id VARBINARY(16));"
    "CREATE TABLE user_tag_idx (tag VARCHAR(20), keyspace_id VARBINARY(16), "
    "PRIMARY KEY (tag, keyspace_id));"
    "CREATE TABLE notes (a VARCHAR(40));"
    "CREATE TABLE acct_handle_idx (handle VARCHAR(20) PRIMARY KEY, "
    "keyspace_id VARBINARY(16));";

// Servers 0 and 1: shop -80 and 80-; server 2: meta.
class DmlIntegrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto db = MariadbFixture::Start({.shards = 3});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = db->release();
    for (int i : {0, 1})
      ASSERT_THAT(Exec(db_->primary(i), kShopSchema), IsOk());
    ASSERT_THAT(Exec(db_->primary(2), kMetaSchema), IsOk());
    auto r = Router::Create(Options());
    ASSERT_TRUE(r.ok()) << r.status();
    router_ = r->release();
    auto s = router_->NewSession("shop");
    ASSERT_TRUE(s.ok());
    session_ = s->release();
  }
  static void TearDownTestSuite() {
    delete session_;
    delete router_;
    delete db_;
  }

  static RouterOptions Options() {
    RouterOptions o;
    o.vschema_json = kVSchema;
    o.password = "tessera";
    o.shards = {{"shop", "-80", "127.0.0.1", db_->primary(0).port},
                {"shop", "80-", "127.0.0.1", db_->primary(1).port},
                {"meta", "-", "127.0.0.1", db_->primary(2).port}};
    return o;
  }

  static absl::StatusOr<Result> Run(const std::string& sql) {
    return router_->Execute(*session_, sql);
  }

  static std::vector<std::string> Rows(const Result& r) {
    std::vector<std::string> out;
    for (const Row& row : r.rows) {
      std::vector<std::string> cells;
      for (const Value& v : row) {
        cells.push_back(v.is_null() ? "NULL" : v.bytes());
      }
      out.push_back(absl::StrJoin(cells, "|"));
    }
    return out;
  }

  static std::vector<std::string> RouterRows(const std::string& sql) {
    auto r = Run(sql);
    EXPECT_TRUE(r.ok()) << sql << ": " << r.status();
    return r.ok() ? Rows(*r) : std::vector<std::string>{};
  }

  // Rows straight from server `i` (database `db`).
  static std::vector<std::string> Direct(int i, const std::string& sql,
                                         const std::string& db) {
    auto rows = testing::Query(db_->primary(i), sql, db);
    EXPECT_TRUE(rows.ok()) << sql << ": " << rows.status();
    std::vector<std::string> out;
    if (!rows.ok()) return out;
    for (const auto& row : *rows) {
      std::vector<std::string> cells;
      for (const auto& c : row) cells.push_back(c ? *c : "NULL");
      out.push_back(absl::StrJoin(cells, "|"));
    }
    return out;
  }

  // The hex keyspace id the hash vindex gives `id`.
  static std::string HashHex(uint64_t id) {
    return absl::AsciiStrToUpper(
        absl::BytesToHexString(vindex::VitessHash(id)));
  }
  // Which server (0 or 1) holds id `id`.
  static int ShardOf(uint64_t id) {
    return static_cast<unsigned char>(vindex::VitessHash(id)[0]) < 0x80 ? 0 : 1;
  }

  static MariadbFixture* db_;
  static Router* router_;
  static Session* session_;
};

MariadbFixture* DmlIntegrationTest::db_ = nullptr;
Router* DmlIntegrationTest::router_ = nullptr;
Session* DmlIntegrationTest::session_ = nullptr;

// The tests share state and run in order of declaration.
TEST_F(DmlIntegrationTest, A_InsertTakesIdsFromTheSequenceAndCreatesLookups) {
  auto r =
      Run("insert into user (email, tag, name) values ('a@x', 'red', 'A'), "
          "('b@x', 'red', 'B'), ('c@x', 'blue', 'C')");
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->affected_rows, 3u);
  EXPECT_EQ(r->last_insert_id, 1u);
  EXPECT_EQ(session_->last_insert_id(), 1u);
  EXPECT_THAT(RouterRows("select last_insert_id()"), ElementsAre("1"));
  EXPECT_THAT(RouterRows("select id, email, tag from user order by id"),
              ElementsAre("1|a@x|red", "2|b@x|red", "3|c@x|blue"));
  // Each row sits on the shard its hash names.
  for (uint64_t id : {1, 2, 3}) {
    EXPECT_THAT(Direct(ShardOf(id),
                       absl::StrCat("select id from user where "
                                    "id = ",
                                    id),
                       "shop"),
                ElementsAre(std::to_string(id)));
  }
  EXPECT_THAT(Direct(2,
                     "select email, hex(keyspace_id) from user_email_idx "
                     "order by email",
                     "meta"),
              ElementsAre("a@x|" + HashHex(1), "b@x|" + HashHex(2),
                          "c@x|" + HashHex(3)));
  EXPECT_THAT(
      Direct(2, "select tag, hex(keyspace_id) from user_tag_idx", "meta"),
      UnorderedElementsAre("red|" + HashHex(1), "red|" + HashHex(2),
                           "blue|" + HashHex(3)));
  // A block of 5 ids was reserved (1-5); 3 more consecutive ids do not fit
  // in what is left (4, 5), so a new block 6-10 is reserved; it continues
  // the leftovers, which come first: ids 4, 5, 6.
  r =
      Run("insert into user (id, email, tag, name) values (null, 'd@x', null, "
          "'D'), (null, 'e@x', 'red', 'E'), (100, 'f@x', 'blue', 'F'), "
          "(null, 'g@x', 'red', 'G')");
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->last_insert_id, 4u);
  EXPECT_THAT(RouterRows("select name from user where id = last_insert_id()"),
              ElementsAre("D"));
  EXPECT_THAT(RouterRows("select id, email from user where id >= 4 order by "
                         "id"),
              ElementsAre("4|d@x", "5|e@x", "6|g@x", "100|f@x"));
  EXPECT_THAT(Direct(2, "select next_id from user_seq", "meta"),
              ElementsAre("11"));
  // ignore_nulls: no tag row for d@x.
  EXPECT_THAT(Direct(2, "select count(*) from user_tag_idx", "meta"),
              ElementsAre("6"));
}

TEST_F(DmlIntegrationTest, B_DuplicateUniqueLookupFailsBeforeTheRow) {
  EXPECT_THAT(Run("insert into user (email, name) values ('a@x', 'dup')"),
              MysqlErrorIs(1062, "23000"));
  EXPECT_THAT(RouterRows("select count(*) from user where name = 'dup'"),
              ElementsAre("0"));
  // A failing row insert takes its lookup rows back.
  EXPECT_THAT(Run("insert into user (id, email, name) values (1, 'z@x', 'x')"),
              MysqlErrorIs(1062, "23000"));
  EXPECT_THAT(Direct(2,
                     "select count(*) from user_email_idx where email = "
                     "'z@x'",
                     "meta"),
              ElementsAre("0"));
}

TEST_F(DmlIntegrationTest, C_LookupVindexesRoute) {
  auto plan =
      Run("explain format=tessera select name from user where email "
          "= 'b@x'");
  ASSERT_THAT(plan, IsOk());
  EXPECT_THAT(Rows(*plan)[0], HasSubstr("EqualUnique"));
  EXPECT_THAT(Rows(*plan)[0], HasSubstr("email_idx"));
  EXPECT_THAT(RouterRows("select name from user where email = 'b@x'"),
              ElementsAre("B"));
  // A value absent from the lookup table: no shard, but still the columns.
  auto none = Run("select name, id from user where email = 'nobody'");
  ASSERT_THAT(none, IsOk());
  EXPECT_EQ(none->fields.size(), 2u);
  EXPECT_TRUE(none->rows.empty());
  plan = Run("explain format=tessera select name from user where tag = 'red'");
  ASSERT_THAT(plan, IsOk());
  EXPECT_THAT(Rows(*plan)[0], HasSubstr("\"Equal\""));
  EXPECT_THAT(RouterRows("select name from user where tag = 'red'"),
              UnorderedElementsAre("A", "B", "E", "G"));
  EXPECT_THAT(RouterRows("select name from user where tag in ('blue', 'none')"),
              UnorderedElementsAre("C", "F"));
  EXPECT_THAT(RouterRows("select name from user where email in ('a@x', "
                         "'c@x', 'q')"),
              UnorderedElementsAre("A", "C"));
}

TEST_F(DmlIntegrationTest, D_UpdateMovesAndDeleteRemovesLookupRows) {
  auto r = Run("update user set email = 'a2@x', tag = 'green' where id = 1");
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->affected_rows, 1u);
  EXPECT_THAT(RouterRows("select id, tag from user where email = 'a2@x'"),
              ElementsAre("1|green"));
  EXPECT_THAT(RouterRows("select id from user where email = 'a@x'"),
              ElementsAre());
  EXPECT_THAT(Direct(2,
                     "select hex(keyspace_id) from user_tag_idx where tag = "
                     "'green'",
                     "meta"),
              ElementsAre(HashHex(1)));
  // Explicit ids are the statement's insert id (as MySQL's OK packet) but
  // leave the session's LAST_INSERT_ID() alone.
  auto before = RouterRows("select last_insert_id()");
  r = Run("insert into user (id, email, name) values (200, 'x200', 'X')");
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->last_insert_id, 200u);
  EXPECT_THAT(RouterRows("select last_insert_id()"), before);
  ASSERT_THAT(Run("delete from user where id = 200"), IsOk());
  // Moving onto a taken unique value fails and changes nothing.
  EXPECT_THAT(Run("update user set email = 'b@x' where id = 3"),
              MysqlErrorIs(1062, "23000"));
  EXPECT_THAT(RouterRows("select email from user where id = 3"),
              ElementsAre("c@x"));
  // Delete by a lookup column: the row and its lookup rows go.
  r = Run("delete from user where tag = 'red'");
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->affected_rows, 3u);
  EXPECT_THAT(RouterRows("select email from user order by email"),
              ElementsAre("a2@x", "c@x", "d@x", "f@x"));
  EXPECT_THAT(
      Direct(2, "select email from user_email_idx order by email", "meta"),
      ElementsAre("a2@x", "c@x", "d@x", "f@x"));
  EXPECT_THAT(Direct(2, "select tag from user_tag_idx order by tag", "meta"),
              ElementsAre("blue", "blue", "green"));
}

TEST_F(DmlIntegrationTest, E_NextValues) {
  auto one = Run("select next value from meta.user_seq");
  ASSERT_THAT(one, IsOk());
  ASSERT_EQ(one->rows.size(), 1u);
  int64_t first = std::stoll(one->rows[0][0].bytes());
  EXPECT_GE(first, 8);  // ids 8-10 are cached; 7 went to a failed insert
  auto three = Run("SELECT NEXT 3 VALUES FROM user_seq");
  ASSERT_THAT(three, IsOk());
  EXPECT_EQ(std::stoll(three->rows[0][0].bytes()), first + 1);
  auto after = Run("select next value from user_seq;");
  ASSERT_THAT(after, IsOk());
  EXPECT_EQ(std::stoll(after->rows[0][0].bytes()), first + 4);
  EXPECT_THAT(Run("select next value from plain"), MysqlErrorIs(1235, "42000"));
  EXPECT_THAT(Run("select next 0 values from user_seq"),
              MysqlErrorIs(1210, "HY000"));
}

TEST_F(DmlIntegrationTest, F_ReferenceTablesAreWrittenOnEveryShard) {
  auto r =
      Run("insert into country (code, name) values ('fr', 'France'), "
          "('de', 'Germany')");
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->affected_rows, 2u);
  r = Run("update country set name = 'Deutschland' where code = 'de'");
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->affected_rows, 1u);
  r = Run("delete from country where code = 'fr'");
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->affected_rows, 1u);
  for (int i : {0, 1}) {
    EXPECT_THAT(Direct(i, "select code, name from country", "shop"),
                ElementsAre("de|Deutschland"));
  }
}

TEST_F(DmlIntegrationTest, G_InsertSelect) {
  auto r = Run("insert into plain (id, v) select id, email from user");
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->affected_rows, 4u);
  for (uint64_t id : {1, 3, 4, 100}) {
    EXPECT_THAT(
        Direct(ShardOf(id),
               absl::StrCat("select count(*) from plain where id = ", id),
               "shop"),
        ElementsAre("1"));
  }
  EXPECT_THAT(RouterRows("select v from plain where id = 100"),
              ElementsAre("f@x"));
  r = Run("insert into meta.notes (a) select email from user where id < 4");
  ASSERT_THAT(r, IsOk());
  EXPECT_THAT(Direct(2, "select a from notes order by a", "meta"),
              ElementsAre("a2@x", "c@x"));
  // Same shard only: sent as is.
  r = Run("insert into meta.notes (a) select concat(a, '!') from meta.notes");
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->affected_rows, 2u);
  // Into a table with a sequence and owned lookups.
  r =
      Run("insert into user (id, email, tag, name) select null, "
          "concat('copy-', v), null, 'copy' from plain where id = 3");
  ASSERT_THAT(r, IsOk());
  EXPECT_GT(r->last_insert_id, 10u);
  EXPECT_THAT(RouterRows("select name from user where email = 'copy-c@x'"),
              ElementsAre("copy"));
}

TEST_F(DmlIntegrationTest, I_LookupRowsFollowTheSessionTransaction) {
  ASSERT_THAT(Run("begin"), IsOk());
  auto r =
      Run("insert into user (email, tag, name) values ('tx@x', 'tx', "
          "'T')");
  ASSERT_THAT(r, IsOk());
  uint64_t id = r->last_insert_id;
  EXPECT_THAT(RouterRows("select name from user where email = 'tx@x'"),
              ElementsAre("T"));
  ASSERT_THAT(Run("rollback"), IsOk());
  EXPECT_THAT(RouterRows("select name from user where email = 'tx@x'"),
              ElementsAre());
  EXPECT_THAT(Direct(2,
                     "select count(*) from user_email_idx where email = "
                     "'tx@x'",
                     "meta"),
              ElementsAre("0"));
  // The reserved id is not handed out again.
  r = Run("insert into user (email, name) values ('tx2@x', 'T2')");
  ASSERT_THAT(r, IsOk());
  EXPECT_GT(r->last_insert_id, id);
  EXPECT_THAT(RouterRows("select last_insert_id()"),
              ElementsAre(std::to_string(r->last_insert_id)));
}

TEST_F(DmlIntegrationTest, J_ConsistentLookupTakesOverOrphans) {
  ASSERT_THAT(Run("insert into acct (id, handle) values (1, 'h')"), IsOk());
  // Remove the owner row behind the router's back: its lookup row is now
  // an orphan, which a new owner of the value may take over.
  ASSERT_THAT(
      Exec(db_->primary(ShardOf(1)), "delete from acct where id = 1", "shop"),
      IsOk());
  ASSERT_THAT(Run("insert into acct (id, handle) values (2, 'h')"), IsOk());
  EXPECT_THAT(Direct(2, "select hex(keyspace_id) from acct_handle_idx", "meta"),
              ElementsAre(HashHex(2)));
  EXPECT_THAT(RouterRows("select id from acct where handle = 'h'"),
              ElementsAre("2"));
  // A live owner keeps it: the owner check runs on the owner's shard.
  EXPECT_THAT(Run("insert into acct (id, handle) values (3, 'h')"),
              MysqlErrorIs(1062, "23000"));
  EXPECT_THAT(RouterRows("select count(*) from acct"), ElementsAre("1"));
}

TEST_F(DmlIntegrationTest, K_SingleModeDoesNotCountLookupMaintenance) {
  RouterOptions o = Options();
  o.transaction_mode = TransactionMode::kSingle;
  auto router = Router::Create(o);
  ASSERT_TRUE(router.ok()) << router.status();
  auto session = (*router)->NewSession("shop");
  ASSERT_TRUE(session.ok());
  auto run = [&](const std::string& sql) {
    return (*router)->Execute(**session, sql);
  };
  uint64_t a = 1000, b = 1001, c = 1002;
  while (ShardOf(b) == ShardOf(a)) ++b;
  c = b + 1;
  while (ShardOf(c) != ShardOf(a)) ++c;
  ASSERT_THAT(run("begin"), IsOk());
  // The owned lookup rows go to meta, a second shard: not counted.
  ASSERT_THAT(run(absl::StrCat("insert into user (id, email, tag, name) "
                               "values (",
                               a, ", 's1@x', 'single', 'S1')")),
              IsOk());
  ASSERT_THAT(run(absl::StrCat("insert into user (id, email, name) values (", c,
                               ", 's2@x', 'S2')")),
              IsOk());
  // A user row on the other shard is.
  EXPECT_THAT(run(absl::StrCat("insert into user (id, email, name) values (", b,
                               ", 's3@x', 'S3')")),
              MysqlErrorIs(1235, "42000"));
  // So is a user table of the lookup keyspace.
  EXPECT_THAT(run("insert into meta.notes (a) values ('single')"),
              MysqlErrorIs(1235, "42000"));
  ASSERT_THAT(run("commit"), IsOk());
  EXPECT_THAT(Direct(2,
                     "select email from user_email_idx where email in "
                     "('s1@x', 's2@x', 's3@x') order by email",
                     "meta"),
              ElementsAre("s1@x", "s2@x"));
  EXPECT_THAT(RouterRows("select name from user where email = 's2@x'"),
              ElementsAre("S2"));
  // A transaction that starts on the lookup keyspace's own tables keeps it.
  ASSERT_THAT(run("begin"), IsOk());
  ASSERT_THAT(run("insert into meta.notes (a) values ('first')"), IsOk());
  EXPECT_THAT(run(absl::StrCat("insert into user (id, email, name) values (", b,
                               ", 's4@x', 'S4')")),
              MysqlErrorIs(1235, "42000"));
  ASSERT_THAT(run("rollback"), IsOk());
  session->reset();
}

TEST_F(DmlIntegrationTest, L_ConsistentLookupRowsUseSideTransactions) {
  auto handles = [](const std::string& h) {
    return Direct(
        2, "select count(*) from acct_handle_idx where handle = '" + h + "'",
        "meta");
  };
  ASSERT_THAT(Run("begin"), IsOk());
  ASSERT_THAT(Run("insert into acct (id, handle) values (20, 'side')"), IsOk());
  // Written in the pre side transaction: not committed yet.
  EXPECT_THAT(handles("side"), ElementsAre("0"));
  ASSERT_THAT(Run("commit"), IsOk());
  EXPECT_THAT(handles("side"), ElementsAre("1"));
  EXPECT_THAT(RouterRows("select id from acct where handle = 'side'"),
              ElementsAre("20"));
  // A rolled back transaction takes its lookup rows back too.
  ASSERT_THAT(Run("begin"), IsOk());
  ASSERT_THAT(Run("insert into acct (id, handle) values (21, 'side2')"),
              IsOk());
  ASSERT_THAT(Run("rollback"), IsOk());
  EXPECT_THAT(handles("side2"), ElementsAre("0"));
  // Deleting removes the lookup row in the post side transaction, at
  // commit.
  ASSERT_THAT(Run("begin"), IsOk());
  ASSERT_THAT(Run("delete from acct where id = 20"), IsOk());
  EXPECT_THAT(handles("side"), ElementsAre("1"));
  ASSERT_THAT(Run("commit"), IsOk());
  EXPECT_THAT(handles("side"), ElementsAre("0"));
}

TEST_F(DmlIntegrationTest, H_Refusals) {
  EXPECT_THAT(Run("insert into plain (id, v) values (1, 'x') on duplicate key "
                  "update id = 2"),
              MysqlErrorIs(1235, "42000"));
  auto ok =
      Run("insert into plain (id, v) values (1, 'x') on duplicate key "
          "update v = 'upd'");
  ASSERT_THAT(ok, IsOk());
  EXPECT_THAT(RouterRows("select v from plain where id = 1"),
              ElementsAre("upd"));
  EXPECT_THAT(Run("update user set id = 7 where id = 1"),
              MysqlErrorIs(1235, "42000"));
  EXPECT_THAT(Run("insert into user (id, email) values (9, 'q') on duplicate "
                  "key update name = 'x'"),
              MysqlErrorIs(1235, "42000"));
}

}  // namespace
}  // namespace tessera
