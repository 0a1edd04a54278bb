// Lookup vindexes against a real MariaDB (integration).
#include <algorithm>
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/mariadb_fixture.h"
#include "lib/testing/status_matchers.h"
#include "lib/vindex/builtin.h"
#include "lib/vindex/lookup_vindex.h"
#include "lib/vindex/mariadb_test_executor.h"

namespace tessera::vindex {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::MariadbFixture;
using ::tessera::testing::MysqlErrorIs;
using ::tessera::vindex::testing::MariadbTestExecutor;
using ::testing::UnorderedElementsAre;

class LookupMariadbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto db = MariadbFixture::Start({});
    ASSERT_THAT(db, IsOk());
    db_ = db->release();
    const auto& s = db_->primary(0);
    for (const char* sql : {
             "create database ks",
             "create table ks.name_idx (name varchar(64), ksid varbinary(16),"
             " primary key (name, ksid))",
             "create table ks.email_idx (email varchar(64) primary key,"
             " ksid varbinary(16))",
             "create table ks.user (id bigint primary key, email varchar(64))",
         }) {
      ASSERT_THAT(::tessera::testing::Exec(s, sql), IsOk()) << sql;
    }
  }
  static void TearDownTestSuite() {
    delete db_;
    db_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(db_, nullptr);
    const auto& s = db_->primary(0);
    for (const char* t : {"name_idx", "email_idx", "user"}) {
      ASSERT_THAT(
          ::tessera::testing::Exec(s, std::string("delete from ks.") + t),
          IsOk());
    }
    auto ex = MariadbTestExecutor::Connect(
        {s.host, s.port, s.user, s.password, "ks"});
    ASSERT_THAT(ex, IsOk());
    ex_ = *std::move(ex);
  }

  std::unique_ptr<Vindex> Make(const std::string& type,
                               const std::string& table,
                               const std::string& from,
                               std::map<std::string, std::string> extra = {}) {
    std::map<std::string, std::string> params = {
        {"table", table}, {"from", from}, {"to", "ksid"}};
    params.insert(extra.begin(), extra.end());
    auto v = registry_.Create(VindexSpec{"vdx", type, params, "user"});
    EXPECT_THAT(v, IsOk());
    return v.ok() ? *std::move(v) : nullptr;
  }

  int Count(const std::string& table) {
    auto rows = ::tessera::testing::Query(db_->primary(0),
                                          "select count(*) from ks." + table);
    EXPECT_THAT(rows, IsOk());
    return rows.ok() ? std::stoi(*(*rows)[0][0]) : -1;
  }

  static MariadbFixture* db_;
  VindexRegistry registry_ = NewBuiltinRegistry();
  std::unique_ptr<MariadbTestExecutor> ex_;
};

MariadbFixture* LookupMariadbTest::db_ = nullptr;

TEST_F(LookupMariadbTest, NonUniqueLifecycle) {
  auto v = Make("lookup", "name_idx", "name");
  LookupVindex* l = v->AsLookup();
  ASSERT_THAT(l->Create({Row{Value::Text("bob")}, Row{Value::Text("bob")},
                         Row{Value::Text("al")}},
                        {"\x01", "\x02", "\x03"}, false, ex_.get()),
              IsOk());
  // Case-insensitive column: 'BOB' finds bob's rows.
  auto d = v->Map({Row{Value::Text("BOB")}, Row{Value::Text("al")},
                   Row{Value::Text("zed")}},
                  ex_.get());
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ((*d)[0].kind, Destination::Kind::kKeyspaceIds);
  EXPECT_THAT((*d)[0].ksids, UnorderedElementsAre("\x01", "\x02"));
  EXPECT_EQ((*d)[1], Destination::KeyspaceIds({"\x03"}));
  EXPECT_EQ((*d)[2], Destination::None());
  auto ok = v->Verify({Row{Value::Text("bob")}, Row{Value::Text("al")}},
                      {"\x02", "\x02"}, ex_.get());
  ASSERT_THAT(ok, IsOk());
  EXPECT_THAT(*ok, ::testing::ElementsAre(true, false));
  ASSERT_THAT(l->Delete({Row{Value::Text("bob")}}, "\x01", ex_.get()), IsOk());
  EXPECT_EQ(Count("name_idx"), 2);
  ASSERT_THAT(l->Update(Row{Value::Text("al")}, "\x03", Row{Value::Text("alf")},
                        ex_.get()),
              IsOk());
  d = v->Map({Row{Value::Text("alf")}, Row{Value::Text("al")}}, ex_.get());
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ((*d)[0], Destination::KeyspaceIds({"\x03"}));
  EXPECT_EQ((*d)[1], Destination::None());
}

TEST_F(LookupMariadbTest, UniqueRejectsDuplicates) {
  auto v = Make("lookup_unique", "email_idx", "email");
  LookupVindex* l = v->AsLookup();
  ASSERT_THAT(l->Create({Row{Value::Text("a@x")}}, {"\x0a"}, false, ex_.get()),
              IsOk());
  EXPECT_THAT(l->Create({Row{Value::Text("a@x")}}, {"\x0b"}, false, ex_.get()),
              MysqlErrorIs(1062, "23000"));
  EXPECT_THAT(l->Create({Row{Value::Text("a@x")}}, {"\x0b"}, true, ex_.get()),
              IsOk());  // ignore_duplicates
  auto d = v->Map({Row{Value::Text("a@x")}}, ex_.get());
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ((*d)[0], Destination::KeyspaceId("\x0a"));
}

TEST_F(LookupMariadbTest, AutocommitSurvivesRollback) {
  auto v =
      Make("lookup_unique", "email_idx", "email", {{"autocommit", "true"}});
  ASSERT_TRUE(
      ex_->Execute(BoundQuery{"begin", {}, {}}, ExecMode::kSession).ok());
  ASSERT_THAT(v->AsLookup()->Create({Row{Value::Text("b@x")}}, {"\x0c"}, false,
                                    ex_.get()),
              IsOk());
  ASSERT_THAT(ex_->Rollback(), IsOk());
  EXPECT_EQ(Count("email_idx"), 1);
}

TEST_F(LookupMariadbTest, ConsistentLookupTakesOverOrphans) {
  auto v = Make("consistent_lookup_unique", "email_idx", "email");
  LookupVindex* l = v->AsLookup();
  l->SetOwner("user", {"email"});
  const auto& s = db_->primary(0);
  // An orphan: lookup row with no owner row behind it.
  ASSERT_THAT(::tessera::testing::Exec(
                  s, "insert into ks.email_idx values ('o@x', X'01')"),
              IsOk());
  // A live one: owner row exists.
  ASSERT_THAT(::tessera::testing::Exec(
                  s, "insert into ks.email_idx values ('live@x', X'02')"),
              IsOk());
  ASSERT_THAT(
      ::tessera::testing::Exec(s, "insert into ks.user values (2, 'live@x')"),
      IsOk());
  ASSERT_THAT(l->Create({Row{Value::Text("o@x")}}, {"\x05"}, false, ex_.get()),
              IsOk());
  EXPECT_THAT(
      l->Create({Row{Value::Text("live@x")}}, {"\x06"}, false, ex_.get()),
      MysqlErrorIs(1062, "23000"));
  ASSERT_THAT(ex_->Commit(), IsOk());
  auto rows = ::tessera::testing::Query(
      s, "select email, hex(ksid) from ks.email_idx order by email");
  ASSERT_THAT(rows, IsOk());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ(*(*rows)[0][0], "live@x");
  EXPECT_EQ(*(*rows)[0][1], "02");
  EXPECT_EQ(*(*rows)[1][0], "o@x");
  EXPECT_EQ(*(*rows)[1][1], "05");
  // Delete goes through the post transaction: visible after Commit.
  ASSERT_THAT(l->Delete({Row{Value::Text("o@x")}}, "\x05", ex_.get()), IsOk());
  ASSERT_THAT(ex_->Commit(), IsOk());
  EXPECT_EQ(Count("email_idx"), 1);
}

}  // namespace
}  // namespace tessera::vindex
