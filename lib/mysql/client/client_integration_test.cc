// lib/mysql/client against a real mariadbd (//lib/testing:mariadb).
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/mysql/client/connection.h"
#include "lib/mysql/client/pool.h"
#include "lib/mysql/client/query.h"
#include "lib/testing/mariadb_fixture.h"
#include "lib/testing/status_matchers.h"

namespace tessera::mysql {
namespace {

using sqltypes::BindVariable;
using sqltypes::BindVars;
using sqltypes::TypedValue;
using ::tessera::testing::IsOk;
using ::tessera::testing::MariadbFixture;
using ::tessera::testing::MysqlErrorIs;
using ::testing::ElementsAre;

class ClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto db = MariadbFixture::Start({});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = db->release();
    ASSERT_THAT(tessera::testing::Exec(db_->primary(0), "CREATE DATABASE app"),
                IsOk());
  }
  static void TearDownTestSuite() {
    delete db_;
    db_ = nullptr;
  }
  static ConnectOptions Options() {
    ConnectOptions o;
    o.host = db_->primary(0).host;
    o.port = db_->primary(0).port;
    o.user = db_->primary(0).user;
    o.password = db_->primary(0).password;
    o.database = "app";
    return o;
  }
  static MariadbFixture* db_;
};
MariadbFixture* ClientTest::db_ = nullptr;

TEST_F(ClientTest, ExecuteReturnsTypedFieldsAndRows) {
  TESSERA_ASSERT_OK_AND_ASSIGN(auto conn,
                               BackendConnection::Connect(Options()));
  TESSERA_ASSERT_OK_AND_ASSIGN(
      Result r, conn->Execute("select 1 as a, 'x' as b, null as c, 2.50 as d"));
  ASSERT_EQ(r.fields.size(), 4u);
  EXPECT_EQ(r.fields[0].name, "a");
  EXPECT_EQ(r.fields[3].type, FieldType::kNewDecimal);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][1].bytes(), "x");
  EXPECT_TRUE(r.rows[0][2].is_null());
  EXPECT_EQ(r.rows[0][3].bytes(), "2.50");
}

TEST_F(ClientTest, StreamingDmlAndErrors) {
  TESSERA_ASSERT_OK_AND_ASSIGN(auto conn,
                               BackendConnection::Connect(Options()));
  ASSERT_THAT(conn->Execute("create table nums (n int primary key)").status(),
              IsOk());
  TESSERA_ASSERT_OK_AND_ASSIGN(
      Result ins,
      conn->Execute("insert into nums select seq from seq_1_to_5000"));
  EXPECT_EQ(ins.affected_rows, 5000u);
  ASSERT_THAT(conn->Send("select n from nums order by n"), IsOk());
  TESSERA_ASSERT_OK_AND_ASSIGN(auto stream, conn->ReadResult(true));
  EXPECT_FALSE(conn->idle());
  Row row;
  int64_t count = 0, sum = 0;
  while (true) {
    TESSERA_ASSERT_OK_AND_ASSIGN(bool more, stream->Next(&row));
    if (!more) break;
    ++count;
    sum += std::stoll(row[0].bytes());
  }
  EXPECT_EQ(count, 5000);
  EXPECT_EQ(sum, 5000 * 5001 / 2);
  EXPECT_TRUE(conn->idle());
  // A stream dropped early leaves the connection usable.
  ASSERT_THAT(conn->Send("select n from nums"), IsOk());
  {
    TESSERA_ASSERT_OK_AND_ASSIGN(auto partial, conn->ReadResult(true));
    ASSERT_THAT(partial->Next(&row), IsOk());
  }
  EXPECT_THAT(conn->Execute("select count(*) from nums").status(), IsOk());
  EXPECT_THAT(conn->Execute("select * from missing"),
              MysqlErrorIs(1146, "42S02"));
  EXPECT_THAT(conn->Execute("selec 1"), MysqlErrorIs(1064, "42000"));
  EXPECT_FALSE(conn->broken());
}

TEST_F(ClientTest, BindVariablesRoundTripInBothEscapeModes) {
  TESSERA_ASSERT_OK_AND_ASSIGN(auto conn,
                               BackendConnection::Connect(Options()));
  const std::string nasty = std::string("a'b\"c\\d\ne\r\x1a\0z'; drop --", 24);
  const std::string blob = std::string("\x00\xff\x27\x5c", 4);
  BindVars vars;
  vars["s"] = BindVariable::Single(TypedValue::Text(nasty));
  vars["b"] = BindVariable::Single(TypedValue::Binary(blob));
  vars["l"] =
      BindVariable::List({TypedValue::Int(-1), TypedValue::Decimal("2.5")});
  for (const char* mode : {"", "NO_BACKSLASH_ESCAPES"}) {
    ASSERT_THAT(
        conn->Execute(absl::StrCat("set sql_mode = '", mode, "'")).status(),
        IsOk());
    EXPECT_EQ(conn->no_backslash_escapes(), std::string(mode) != "");
    TESSERA_ASSERT_OK_AND_ASSIGN(
        std::string sql,
        BuildQuery(*conn, "select :s, :b, 2.5 in ::l, '::l :s'", vars,
                   absl::ZeroDuration()));
    TESSERA_ASSERT_OK_AND_ASSIGN(Result r, conn->Execute(sql));
    ASSERT_EQ(r.rows.size(), 1u) << sql;
    EXPECT_EQ(r.rows[0][0].bytes(), nasty) << mode;
    EXPECT_EQ(r.rows[0][1].bytes(), blob) << mode;
    EXPECT_EQ(r.rows[0][2].bytes(), "1");
    EXPECT_EQ(r.rows[0][3].bytes(), "::l :s");
  }
}

TEST_F(ClientTest, StatementTimeoutStopsLongQueries) {
  TESSERA_ASSERT_OK_AND_ASSIGN(auto conn,
                               BackendConnection::Connect(Options()));
  TESSERA_ASSERT_OK_AND_ASSIGN(
      std::string sql,
      BuildQuery(*conn,
                 "select count(*) from seq_1_to_100000 a, seq_1_to_100000 b",
                 {}, absl::Milliseconds(200)));
  EXPECT_THAT(conn->Execute(sql), MysqlErrorIs(1969, "70100"));
  EXPECT_THAT(conn->Execute("select 1").status(), IsOk());
}

TEST_F(ClientTest, KillQueryInterruptsAndConnectionSurvives) {
  PoolOptions po;
  po.connect = Options();
  Pool pool(po);
  TESSERA_ASSERT_OK_AND_ASSIGN(PooledConnection conn, pool.Get());
  uint64_t id = conn->thread_id();
  ASSERT_THAT(
      conn->Send("select count(*) from seq_1_to_100000 a, seq_1_to_100000 b"),
      IsOk());
  // Kill until the statement is seen (bounded: the query runs for minutes).
  std::thread killer([&pool, id] {
    for (int i = 0; i < 50; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (pool.KillQuery(id).ok()) return;
    }
  });
  auto res = conn->ReadResult(false);
  killer.join();
  EXPECT_THAT(res, MysqlErrorIs(1317, "70100"));
  EXPECT_THAT(conn->Execute("select 1").status(), IsOk());
}

TEST_F(ClientTest, PoolReusesBoundsAndReplacesBrokenConnections) {
  PoolOptions po;
  po.connect = Options();
  po.max_size = 2;
  po.wait_timeout = absl::Milliseconds(100);
  po.health_check_after = absl::ZeroDuration();
  Pool pool(po);
  {
    TESSERA_ASSERT_OK_AND_ASSIGN(PooledConnection a, pool.Get());
    TESSERA_ASSERT_OK_AND_ASSIGN(PooledConnection b, pool.Get());
    EXPECT_THAT(pool.Get(), MysqlErrorIs(1040, "08004"));
    EXPECT_EQ(pool.stats().open, 2u);
  }
  EXPECT_EQ(pool.stats().idle, 2u);
  {
    TESSERA_ASSERT_OK_AND_ASSIGN(PooledConnection c, pool.Get());
    EXPECT_EQ(pool.stats().created, 2u);  // reused
    // Kill the connection from the server side: the next statement fails
    // and marks it broken, so the pool closes it instead of reusing it.
    TESSERA_ASSERT_OK_AND_ASSIGN(auto admin,
                                 BackendConnection::Connect(Options()));
    ASSERT_THAT(admin->Execute(absl::StrCat("KILL ", c->thread_id())).status(),
                IsOk());
    EXPECT_FALSE(c->Execute("select 1").ok());
    EXPECT_TRUE(c->broken());
  }
  EXPECT_EQ(pool.stats().open, 1u);  // the broken one was closed
  TESSERA_ASSERT_OK_AND_ASSIGN(PooledConnection d, pool.Get());
  EXPECT_THAT(d->Execute("select 1").status(), IsOk());
}

TEST_F(ClientTest, PoolIsSafeUnderConcurrentUse) {
  PoolOptions po;
  po.connect = Options();
  po.max_size = 3;
  po.wait_timeout = absl::Seconds(30);
  Pool pool(po);
  std::atomic<int> ok{0};
  std::atomic<size_t> max_open{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 30; ++i) {
        auto conn = pool.Get();
        if (!conn.ok()) continue;
        size_t open = pool.stats().open;
        size_t prev = max_open.load();
        while (open > prev && !max_open.compare_exchange_weak(prev, open)) {
        }
        auto r = (*conn)->Execute(absl::StrCat("select ", t * 100 + i));
        if (r.ok() && r->rows[0][0].bytes() == absl::StrCat(t * 100 + i)) ++ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 180);
  EXPECT_LE(max_open.load(), 3u);
  EXPECT_LE(pool.stats().created, 3u);
}

TEST_F(ClientTest, ConnectErrorsAreClear) {
  ConnectOptions bad = Options();
  bad.password = "wrong";
  EXPECT_THAT(BackendConnection::Connect(bad).status(),
              MysqlErrorIs(1045, "28000"));
  ConnectOptions tls = Options();
  tls.tls.require = true;  // the fixture's server has no certificate
  EXPECT_FALSE(BackendConnection::Connect(tls).ok());
  ConnectOptions closed = Options();
  closed.port = 1;
  auto c = BackendConnection::Connect(closed);
  EXPECT_FALSE(c.ok());
  EXPECT_EQ(ToMysqlError(c.status()).sqlstate, "08S01");
}

}  // namespace
}  // namespace tessera::mysql
