// LOAD DATA LOCAL INFILE through the gateway in router mode: two mariadbd
// shards (and an unsharded keyspace on the first) behind the router, and a
// third mariadbd that loads the same files directly as the reference: the
// rows, the "Records:" line and the warnings must be the same.
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/gateway/gateway.h"
#include "lib/gateway/gateway_test_env.h"
#include "lib/testing/mariadb_fixture.h"
#include "lib/testing/sql_client.h"
#include "lib/vindex/hash.h"
#include "mariadb/mysql.h"
#include "tessera/router.h"

namespace tessera::gateway {
namespace {

constexpr char kVSchema[] = R"({"keyspaces": {
  "commerce": {"sharded": true,
    "vindexes": {"hash": {"type": "hash"},
      "corder2_lookup": {"type": "lookup_unique", "owner": "corder2",
        "params": {"table": "lookup.corder2_idx", "from": "id",
                   "to": "keyspace_id"}}},
    "tables": {
      "customer": {"column_vindexes": [{"column": "id", "name": "hash"}]},
      "corder": {"column_vindexes": [
        {"column": "customer_id", "name": "hash"}]},
      "corder2": {"column_vindexes": [
        {"column": "customer_id", "name": "hash"},
        {"column": "id", "name": "corder2_lookup"}]},
      "item": {"column_vindexes": [{"column": "id", "name": "hash"}],
        "auto_increment": {"column": "id", "sequence": "lookup.item_seq"}}}},
  "lookup": {"sharded": false,
    "tables": {"item_seq": {"type": "sequence"}}}}})";

constexpr char kTables[] =
    "CREATE TABLE customer (id BIGINT PRIMARY KEY, name VARCHAR(40), note "
    "TEXT, amount DECIMAL(10,2));"
    "CREATE TABLE corder (id BIGINT PRIMARY KEY, customer_id BIGINT, label "
    "VARCHAR(8), qty INT);"
    "CREATE TABLE corder2 (id BIGINT PRIMARY KEY, customer_id BIGINT);"
    "CREATE TABLE item (id BIGINT PRIMARY KEY, name VARCHAR(20));"
    // LOAD DATA LOCAL turns data errors into warnings (as IGNORE); a
    // trigger's SIGNAL still fails the statement.
    "CREATE TRIGGER corder_check BEFORE INSERT ON corder FOR EACH ROW BEGIN "
    "IF NEW.label = 'bad' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = "
    "'bad label'; END IF; END";

class GatewayLoadDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Server 2 is the reference: it loads the files directly.
    RouterGatewayOptions o;
    o.servers = 3;
    o.vschema_json = kVSchema;
    o.tables = kTables;
    o.extra_shards = {{"lookup", "-", 0}};
    o.customize_gateway = [](GatewayOptions& g) {
      g.server.allow_local_infile = true;
    };
    auto env = StartRouterGatewayEnv(o);
    ASSERT_TRUE(env.ok()) << env.status();
    env_ = env->release();
    db_ = env_->db.get();
    gateway_ = env_->gateway.get();
    dir_ = &env_->dir;
    ASSERT_TRUE(testing::Exec(db_->primary(0),
                              "CREATE DATABASE lookup; CREATE TABLE "
                              "lookup.notes (k INT PRIMARY KEY, v TEXT)")
                    .ok());
    ASSERT_TRUE(testing::Exec(db_->primary(2),
                              "CREATE TABLE commerce.notes (k INT PRIMARY "
                              "KEY, v TEXT)")
                    .ok());
  }
  static void TearDownTestSuite() { delete env_; }
  void SetUp() override {
    ASSERT_NE(gateway_, nullptr);
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(testing::Exec(db_->primary(i),
                                "DELETE FROM customer; DELETE FROM corder",
                                "commerce")
                      .ok());
    }
  }

  // A libmariadb client with local infile on: through the gateway
  // (commerce keyspace) or straight to the reference server.
  static MYSQL* Client(bool reference) {
    if (!reference) return env_->Connect(/*local_infile=*/true);
    std::string error;
    ClientOptions o;
    o.db = "commerce";
    o.local_infile = true;
    MYSQL* c =
        ConnectClient(db_->primary(2).port, "root", "tessera", o, &error);
    if (c == nullptr) ADD_FAILURE() << error;
    return c;
  }

  static std::string WriteFile(const std::string& name,
                               const std::string& content) {
    std::string path = *dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  // The rows of `sql` through the gateway and on the reference server.
  static void ExpectSameRows(const std::string& sql) {
    MYSQL* c = Client(false);
    ASSERT_NE(c, nullptr);
    auto got = QueryRows(c, sql);
    mysql_close(c);
    auto ref = testing::Query(db_->primary(2), sql, "commerce");
    ASSERT_TRUE(ref.ok()) << ref.status();
    std::vector<std::vector<std::string>> want;
    for (const auto& row : *ref) {
      std::vector<std::string> r;
      for (const auto& v : row) r.push_back(v.value_or("NULL"));
      want.push_back(r);
    }
    EXPECT_EQ(got, want) << sql;
    EXPECT_FALSE(want.empty()) << sql;
  }

  // Rows of `table` whose `column` sits on the wrong shard (Vitess hash).
  static int Misplaced(const std::string& table, const std::string& column) {
    int bad = 0;
    for (int i = 0; i < 2; ++i) {
      auto rows = testing::Query(
          db_->primary(i), absl::StrCat("SELECT ", column, " FROM ", table),
          "commerce");
      EXPECT_TRUE(rows.ok()) << rows.status();
      if (!rows.ok()) return -1;
      for (const auto& row : *rows) {
        std::string ksid = vindex::VitessHash(std::stoull(*row[0]));
        int shard = static_cast<uint8_t>(ksid[0]) < 0x80 ? 0 : 1;
        if (shard != i) ++bad;
      }
    }
    return bad;
  }

  static int CountOnShards(const std::string& table) {
    int n = 0;
    for (int i = 0; i < 2; ++i) {
      auto rows = testing::Query(db_->primary(i),
                                 absl::StrCat("SELECT COUNT(*) FROM ", table),
                                 "commerce");
      if (rows.ok()) n += std::stoi(*(*rows)[0][0]);
    }
    return n;
  }

  static RouterGatewayEnv* env_;
  static testing::MariadbFixture* db_;
  static Gateway* gateway_;
  static std::string* dir_;
};

RouterGatewayEnv* GatewayLoadDataTest::env_ = nullptr;
testing::MariadbFixture* GatewayLoadDataTest::db_ = nullptr;
Gateway* GatewayLoadDataTest::gateway_ = nullptr;
std::string* GatewayLoadDataTest::dir_ = nullptr;

// A CSV file with a header line, CRLF, quoted fields holding commas,
// doubled quotes, escapes and line breaks, and NULLs: loaded with the
// `mariadb` client through the gateway and straight into the reference.
std::string CustomerCsv() {
  std::string csv = "id,name,note,amount\r\n";
  for (int id = 1; id <= 300; ++id) {
    std::string name = absl::StrCat("\"n", id, id % 7 == 0 ? ",x" : "", "\"");
    std::string note;
    switch (id % 5) {
      case 0:
        note = "\"say \"\"hi\"\"\"";
        break;
      case 1:
        note = "\"two\r\nlines\"";
        break;
      case 2:
        note = "\\N";
        break;
      case 3:
        note = "tab\\there";
        break;
      default:
        note = "NULL";
    }
    absl::StrAppend(&csv, id, ",", name, ",", note, ",", id, ".", id % 100,
                    "\r\n");
  }
  return csv;
}

TEST_F(GatewayLoadDataTest, MariadbClientCsvMatchesOneServer) {
  const std::string csv = WriteFile("customer.csv", CustomerCsv());
  const std::string load = absl::StrCat(
      "LOAD DATA LOCAL INFILE '", csv,
      "' INTO TABLE customer FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY "
      "'\\\"' LINES TERMINATED BY '\\r\\n' IGNORE 1 LINES");
  for (int port : {gateway_->port(), db_->primary(2).port}) {
    int rc = 0;
    std::string out = RunCommand(
        absl::StrCat("mariadb -h127.0.0.1 -P", port,
                     " -uroot -ptessera --skip-ssl --local-infile=1 --batch "
                     "commerce -e \"",
                     load, "\" 2>&1"),
        &rc);
    ASSERT_EQ(rc, 0) << out;
  }
  ExpectSameRows("SELECT id, name, note, amount FROM customer ORDER BY id");
  EXPECT_EQ(CountOnShards("customer"), 300);
  EXPECT_EQ(Misplaced("customer", "id"), 0);
}

// Runs `sql` on a client; returns "<errno>" or the mysql_info() line.
std::string RunSql(MYSQL* c, const std::string& sql) {
  if (mysql_query(c, sql.c_str()) != 0) {
    return absl::StrCat("error ", mysql_errno(c));
  }
  const char* info = mysql_info(c);
  return absl::StrCat("ok ", info == nullptr ? "" : info, " warnings ",
                      mysql_warning_count(c));
}

// Tab-separated rows with LINES STARTING BY, a column list with a user
// variable and SET, in non-strict mode so MariaDB truncates with warnings:
// the same rows, Records line and warnings as on one server.
TEST_F(GatewayLoadDataTest, ColumnListSetAndWarningsMatchOneServer) {
  std::string data = "skip me\n";
  for (int id = 1; id <= 120; ++id) {
    absl::StrAppend(&data, id % 9 == 0 ? "junk " : "", ">>", id, "\t",
                    1000 + id % 37, "\t", id % 10 == 0 ? "much-too-long" : "l",
                    "\t", id % 13 == 0 ? "12abc" : absl::StrCat(id), "\n");
  }
  const std::string file = WriteFile("corder.tsv", data);
  const std::string load = absl::StrCat(
      "LOAD DATA LOCAL INFILE '", file,
      "' INTO TABLE corder LINES STARTING BY '>>' (id, customer_id, @l, qty) "
      "SET label = UPPER(@l)");
  std::vector<std::string> answers;
  for (bool reference : {false, true}) {
    MYSQL* c = Client(reference);
    ASSERT_NE(c, nullptr);
    ASSERT_EQ(mysql_query(c, "SET sql_mode = ''"), 0) << mysql_error(c);
    answers.push_back(RunSql(c, load));
    auto warnings = QueryRows(c, "SHOW WARNINGS");
    answers.push_back(absl::StrCat(warnings.size()));
    mysql_close(c);
  }
  EXPECT_EQ(answers[0], answers[2]);
  EXPECT_EQ(answers[1], answers[3]);
  EXPECT_THAT(answers[0], ::testing::HasSubstr("Records: 120"));
  EXPECT_NE(answers[1], "0");
  ExpectSameRows("SELECT id, customer_id, label, qty FROM corder ORDER BY id");
  EXPECT_EQ(Misplaced("corder", "customer_id"), 0);
}

// A record the second shard refuses (a trigger's SIGNAL) fails the
// statement as on one server, and the first shard's rows are rolled back
// with it.
TEST_F(GatewayLoadDataTest, FailureOnOneShardLeavesNoShardChanged) {
  int bad_customer = 1;
  while (static_cast<uint8_t>(vindex::VitessHash(bad_customer)[0]) < 0x80) {
    ++bad_customer;
  }
  std::string data;
  for (int id = 1; id <= 50; ++id) {
    absl::StrAppend(&data, id, "\t", id, "\tok\t1\n");
  }
  absl::StrAppend(&data, 51, "\t", bad_customer, "\tbad\t1\n");
  const std::string file = WriteFile("bad.tsv", data);
  const std::string load =
      absl::StrCat("LOAD DATA LOCAL INFILE '", file, "' INTO TABLE corder");
  std::vector<std::string> answers;
  for (bool reference : {false, true}) {
    MYSQL* c = Client(reference);
    ASSERT_NE(c, nullptr);
    answers.push_back(RunSql(c, load));
    // The connection goes on.
    EXPECT_EQ(QueryRows(c, "SELECT COUNT(*) FROM corder"),
              (std::vector<std::vector<std::string>>{{"0"}}));
    mysql_close(c);
  }
  EXPECT_EQ(answers[0], "error 1644");
  EXPECT_EQ(answers[0], answers[1]);
  EXPECT_EQ(CountOnShards("corder"), 0);
}

TEST_F(GatewayLoadDataTest, ExplicitTransactionRollsBackAndCommits) {
  std::string data;
  for (int id = 1; id <= 20; ++id) absl::StrAppend(&data, id, "\tc", id, "\n");
  const std::string file = WriteFile("tx.tsv", data);
  const std::string load = absl::StrCat("LOAD DATA LOCAL INFILE '", file,
                                        "' INTO TABLE customer (id, name)");
  MYSQL* c = Client(false);
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(mysql_query(c, "BEGIN"), 0) << mysql_error(c);
  EXPECT_EQ(RunSql(c, load),
            "ok Records: 20  Deleted: 0  Skipped: 0  Warnings: 0 warnings 0");
  EXPECT_EQ(QueryRows(c, "SELECT COUNT(*) FROM customer"),
            (std::vector<std::vector<std::string>>{{"20"}}));
  ASSERT_EQ(mysql_query(c, "ROLLBACK"), 0) << mysql_error(c);
  EXPECT_EQ(CountOnShards("customer"), 0);
  ASSERT_EQ(mysql_query(c, "BEGIN"), 0) << mysql_error(c);
  EXPECT_EQ(RunSql(c, load).substr(0, 14), "ok Records: 20");
  ASSERT_EQ(mysql_query(c, "COMMIT"), 0) << mysql_error(c);
  EXPECT_EQ(CountOnShards("customer"), 20);
  EXPECT_EQ(Misplaced("customer", "id"), 0);
  mysql_close(c);
}

TEST_F(GatewayLoadDataTest, UnshardedKeyspaceGetsTheWholeFile) {
  const std::string file = WriteFile("notes.tsv", "1\tone\n2\ttwo\n3\t\\N\n");
  MYSQL* c = Client(false);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(RunSql(c, absl::StrCat("LOAD DATA LOCAL INFILE '", file,
                                   "' INTO TABLE lookup.notes")),
            "ok Records: 3  Deleted: 0  Skipped: 0  Warnings: 0 warnings 0");
  mysql_close(c);
  auto rows = testing::Query(db_->primary(0),
                             "SELECT k, v FROM notes ORDER BY k", "lookup");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[1][1], "two");
  EXPECT_FALSE((*rows)[2][1].has_value());
}

// What cannot be routed exactly is refused with 1235 and loads nothing;
// the connection stays usable.
TEST_F(GatewayLoadDataTest, RefusesWhatCannotBeRoutedExactly) {
  const std::string ok_file = WriteFile("r1.tsv", "1\t5\tx\t1\n");
  const std::string null_file =
      WriteFile("r2.tsv", "1\t5\tx\t1\n2\t\\N\ty\t1\n");
  const std::string short_file = WriteFile("r3.tsv", "1\t5\tx\t1\n2\n");
  const std::string base = "LOAD DATA LOCAL INFILE '";
  const std::vector<std::string> refused = {
      // the primary vindex column is not loaded
      base + ok_file + "' INTO TABLE corder (id, @c, label, qty)",
      // SET assigns it
      base + ok_file +
          "' INTO TABLE corder (id, @c, label, qty) SET customer_id = 7",
      // NULL, or no field, for it in some record
      base + null_file + "' INTO TABLE corder",
      base + short_file + "' INTO TABLE corder (id, customer_id)",
      // owned lookup vindex, sequence-backed auto-increment
      base + ok_file + "' INTO TABLE corder2 (customer_id, id)",
      base + ok_file + "' INTO TABLE item (id, name)",
  };
  MYSQL* c = Client(false);
  ASSERT_NE(c, nullptr);
  for (const std::string& sql : refused) {
    EXPECT_EQ(RunSql(c, sql), "error 1235") << sql;
  }
  EXPECT_EQ(QueryRows(c, "SELECT COUNT(*) FROM corder"),
            (std::vector<std::vector<std::string>>{{"0"}}));
  mysql_close(c);
}

}  // namespace
}  // namespace tessera::gateway
