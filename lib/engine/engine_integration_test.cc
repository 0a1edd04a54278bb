// Operators over real MariaDB shards (MysqlCursor + //lib/testing:mariadb),
// compared with one reference server holding every row. Four shards
// (-40, 40-80, 80-c0, c0-) plus the reference server.
#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/engine/aggregate.h"
#include "lib/engine/distinct.h"
#include "lib/engine/dml.h"
#include "lib/engine/expr.h"
#include "lib/engine/filter.h"
#include "lib/engine/insert.h"
#include "lib/engine/join.h"
#include "lib/engine/limit.h"
#include "lib/engine/mysql_cursor.h"
#include "lib/engine/project.h"
#include "lib/engine/route.h"
#include "lib/engine/union.h"
#include "lib/sqltypes/decimal.h"
#include "lib/testing/mariadb_fixture.h"
#include "lib/testing/status_matchers.h"

namespace tessera::engine {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::MariadbFixture;

constexpr int kShards = 4;
const char* const kShardNames[kShards] = {"-40", "40-80", "80-c0", "c0-"};

// Keyspace id: one byte spread over 0..255 from the id.
class MulVindex : public VindexMapper {
 public:
  absl::StatusOr<std::vector<std::string>> Map(
      const TypedValue& v) const override {
    int64_t n = 0;
    if (!sqltypes::ParseInt64(v.bytes, &n)) return std::vector<std::string>{};
    uint8_t b =
        static_cast<uint8_t>((static_cast<uint64_t>(n) * 2654435761u) >> 11);
    return std::vector<std::string>{std::string(1, static_cast<char>(b))};
  }
  std::string name() const override { return "mul"; }
};

const char* const kNames[] = {"apple",  "Apple", "APPLE ", "banana", "Banana",
                              "cherry", "émile", "Zoë",    "zoë",    "ñandú",
                              "a",      "A ",    "",       "b_c",    "B-c",
                              "Ärger",  "zebra"};

std::string Dumped(const std::vector<Row>& rows) {
  std::vector<std::string> out;
  for (const Row& r : rows) {
    std::vector<std::string> cells;
    for (const Value& v : r) cells.push_back(v.is_null() ? "NULL" : v.bytes());
    out.push_back(absl::StrJoin(cells, "|"));
  }
  return absl::StrJoin(out, "\n");
}

class EngineIntegrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto db = MariadbFixture::Start({.shards = kShards + 1});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = db->release();
    cursor_ = new MysqlCursor();
    std::map<std::string, mysql::PoolOptions> shards;
    for (int i = 0; i < kShards; ++i) shards[kShardNames[i]] = Pool(i);
    ASSERT_THAT(cursor_->AddKeyspace("ks", shards), IsOk());
    ASSERT_THAT(cursor_->AddKeyspace("ref", {{"0", Pool(kShards)}}), IsOk());
    const char* ddl[] = {
        "CREATE DATABASE ks",
        "CREATE TABLE ks.t (id BIGINT PRIMARY KEY, name VARCHAR(32) CHARACTER "
        "SET utf8mb4 COLLATE utf8mb4_general_ci, grp INT, amount "
        "DECIMAL(10,2), score DOUBLE)",
        "CREATE TABLE ks.o (id BIGINT PRIMARY KEY, t_id BIGINT, qty INT)"};
    for (int s = 0; s <= kShards; ++s) {
      for (const char* q : ddl) {
        ASSERT_THAT(tessera::testing::Exec(db_->primary(s), q), IsOk()) << q;
      }
    }
    Load();
  }
  static void TearDownTestSuite() {
    delete cursor_;
    delete db_;
  }

  static mysql::PoolOptions Pool(int server) {
    mysql::PoolOptions o;
    o.connect.host = db_->primary(server).host;
    o.connect.port = db_->primary(server).port;
    o.connect.user = db_->primary(server).user;
    o.connect.password = db_->primary(server).password;
    o.connect.database = "ks";
    return o;
  }

  static int ShardOf(int64_t id) {
    auto ids = MulVindex().Map(TypedValue::Int(id));
    auto shards = cursor_->ResolveShards("ks", Destination::KeyspaceIds(*ids));
    for (int i = 0; i < kShards; ++i) {
      if ((*shards)[0] == kShardNames[i]) return i;
    }
    return -1;
  }

  // Rows with duplicates, NULLs, mixed case, accents, negatives.
  static void Load() {
    std::vector<std::string> t_rows[kShards], o_rows[kShards];
    std::vector<std::string> all_t, all_o;
    uint64_t x = 12345;
    for (int64_t id = 1; id <= 300; ++id) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      std::string name = (x >> 20) % 13 == 0
                             ? "NULL"
                             : absl::StrCat("'", kNames[(x >> 24) % 17], "'");
      std::string grp =
          (x >> 30) % 11 == 0 ? "NULL" : absl::StrCat((x >> 33) % 7);
      int64_t cents = static_cast<int64_t>((x >> 36) % 200001) - 100000;
      std::string amount =
          (x >> 40) % 17 == 0
              ? "NULL"
              : sqltypes::Decimal::FromInt(cents).DivideBy(100, 2).ToString();
      std::string score =
          absl::StrCat((x >> 45) % 1000, ".", (x >> 50) % 8, "25");
      std::string row = absl::StrCat("(", id, ",", name, ",", grp, ",", amount,
                                     ",", score, ")");
      t_rows[ShardOf(id)].push_back(row);
      all_t.push_back(row);
      for (int k = 0; k < static_cast<int>(id % 3); ++k) {
        int64_t oid = id * 10 + k;
        std::string orow =
            absl::StrCat("(", oid, ",", id, ",", (x >> (k + 3)) % 50, ")");
        o_rows[ShardOf(id)].push_back(orow);  // o is sharded by t_id
        all_o.push_back(orow);
      }
    }
    for (int s = 0; s < kShards; ++s) {
      ASSERT_FALSE(t_rows[s].empty()) << "shard " << s << " got no rows";
      ASSERT_THAT(tessera::testing::Exec(db_->primary(s),
                                         "INSERT INTO ks.t VALUES " +
                                             absl::StrJoin(t_rows[s], ",")),
                  IsOk());
      ASSERT_THAT(tessera::testing::Exec(db_->primary(s),
                                         "INSERT INTO ks.o VALUES " +
                                             absl::StrJoin(o_rows[s], ",")),
                  IsOk());
    }
    ASSERT_THAT(tessera::testing::Exec(
                    db_->primary(kShards),
                    "INSERT INTO ks.t VALUES " + absl::StrJoin(all_t, ",")),
                IsOk());
    ASSERT_THAT(tessera::testing::Exec(
                    db_->primary(kShards),
                    "INSERT INTO ks.o VALUES " + absl::StrJoin(all_o, ",")),
                IsOk());
  }

  // The reference server's answer, through the same client.
  static std::string Ref(const std::string& sql) {
    Route r({RouteVariant::kUnsharded, "ref", sql});
    ExecContext ctx{cursor_};
    auto res = ExecuteToResult(r, ctx, {});
    EXPECT_THAT(res, IsOk()) << sql;
    return res.ok() ? Dumped(res->rows) : "";
  }
  static absl::StatusOr<Result> Run(const Operator& op,
                                    const BindVars& v = {}) {
    ExecContext ctx{cursor_};
    return ExecuteToResult(op, ctx, v);
  }
  static std::string RunDump(const Operator& op, const BindVars& v = {}) {
    auto res = Run(op, v);
    EXPECT_THAT(res, IsOk());
    return res.ok() ? Dumped(res->rows) : "";
  }
  static OperatorPtr Scatter(std::string sql,
                             std::vector<OrderKey> order = {}) {
    RouteSpec spec{RouteVariant::kScatter, "ks", std::move(sql)};
    spec.order_by = std::move(order);
    return std::make_shared<Route>(spec);
  }

  static MariadbFixture* db_;
  static MysqlCursor* cursor_;
};
MariadbFixture* EngineIntegrationTest::db_ = nullptr;
MysqlCursor* EngineIntegrationTest::cursor_ = nullptr;

std::string Sorted(const std::string& dump) {
  std::vector<std::string> lines = absl::StrSplit(dump, '\n');
  std::sort(lines.begin(), lines.end());
  return absl::StrJoin(lines, "\n");
}

// MariaDB's WEIGHT_STRING keeps trailing spaces, which a PAD SPACE
// collation ignores ('a' = 'A '), so the shards send
// WEIGHT_STRING(RTRIM(col)): exact for PAD SPACE collations.
TEST_F(EngineIntegrationTest, OrderByTextUsesWeightStringsLikeOneServer) {
  Project p({Scatter("select id, name, weight_string(rtrim(name)) from t "
                     "order by name, id",
                     {{1, 2}, {0}}),
             {0, 1}});
  EXPECT_EQ(RunDump(p), Ref("select id, name from t order by name, id"));
  Project desc({Scatter("select id, name, weight_string(rtrim(name)) from t "
                        "order by name desc, id desc",
                        {{1, 2, true}, {0, kNoColumn, true}}),
                {0, 1}});
  EXPECT_EQ(RunDump(desc),
            Ref("select id, name from t order by name desc, id desc"));
}

TEST_F(EngineIntegrationTest, OrderByLimitOffset) {
  LimitSpec ls;
  ls.input = Scatter(
      "select id, amount from t order by amount desc, id limit :__upper_limit",
      {{1, kNoColumn, true}, {0}});
  ls.count_var = "n";
  ls.offset = 5;
  BindVars vars;
  vars["n"] = BindVariable::Single(TypedValue::Int(7));
  EXPECT_EQ(
      RunDump(Limit(ls), vars),
      Ref("select id, amount from t order by amount desc, id limit 5, 7"));
  ls.offset = 290;  // past most rows: NULL amounts sort last
  EXPECT_EQ(RunDump(Limit(ls), vars),
            Ref("select id, amount from t order by amount desc, id "
                "limit 290, 7"));
}

TEST_F(EngineIntegrationTest, ScalarAggregates) {
  AggregateParams p{
      Scatter("select count(*), sum(amount), min(amount), max(score), "
              "sum(amount), count(amount), count(name) from t"),
      {},
      {{AggregateOp::kCount, 0},
       {AggregateOp::kSum, 1},
       {AggregateOp::kMin, 2},
       {AggregateOp::kMax, 3},
       {AggregateOp::kAvg, 4, 5},
       {AggregateOp::kCount, 6}}};
  Project proj({std::make_shared<Aggregate>(p), {0, 1, 2, 3, 4, 6}});
  EXPECT_EQ(RunDump(proj),
            Ref("select count(*), sum(amount), min(amount), max(score), "
                "avg(amount), count(name) from t"));
  // No matching row anywhere: one row, COUNT 0 and NULLs.
  AggregateParams none{
      Scatter("select count(*), sum(amount) from t where id < 0"),
      {},
      {{AggregateOp::kCount, 0}, {AggregateOp::kSum, 1}}};
  EXPECT_EQ(RunDump(Aggregate(none)),
            Ref("select count(*), sum(amount) from t where id < 0"));
}

TEST_F(EngineIntegrationTest, GroupByWithAvgAndHaving) {
  AggregateParams p{
      Scatter("select grp, count(*), sum(amount), min(id), max(score), "
              "sum(amount), count(amount) from t group by grp order by grp",
              {{0}}),
      {{0}},
      {{AggregateOp::kCount, 1},
       {AggregateOp::kSum, 2},
       {AggregateOp::kMin, 3},
       {AggregateOp::kMax, 4},
       {AggregateOp::kAvg, 5, 6}}};
  auto agg = std::make_shared<Aggregate>(p);
  EXPECT_EQ(RunDump(Project({agg, {0, 1, 2, 3, 4, 5}})),
            Ref("select grp, count(*), sum(amount), min(id), max(score), "
                "avg(amount) from t group by grp order by grp"));
  auto having = std::make_shared<Filter>(
      agg, CompareExpr(CompareOp::kGt, ColumnExpr(1),
                       LiteralExpr(TypedValue::Int(40))));
  EXPECT_EQ(RunDump(Project({having, {0, 1}})),
            Ref("select grp, count(*) from t group by grp "
                "having count(*) > 40 order by grp"));
}

// Group representatives may differ in case between one server and shards
// ('Apple' vs 'apple'); compare them folded, and the counts exactly.
std::string Folded(const std::string& dump) {
  std::vector<std::string> lines = absl::StrSplit(dump, '\n');
  for (std::string& l : lines) {
    std::vector<std::string> cells = absl::StrSplit(l, '|');
    std::string& k = cells[0];
    while (!k.empty() && k.back() == ' ') k.pop_back();
    absl::AsciiStrToLower(&k);
    if (k == "zoë" || k == "zoË") k = "zoë";
    l = absl::StrJoin(cells, "|");
  }
  return absl::StrJoin(lines, "\n");
}

TEST_F(EngineIntegrationTest, GroupByCaseInsensitiveText) {
  AggregateParams p{
      Scatter("select name, count(*), weight_string(rtrim(name)) from t "
              "group by name order by name",
              {{0, 2}}),
      {{0, 2}},
      {{AggregateOp::kCount, 1}}};
  std::string got = RunDump(Project({std::make_shared<Aggregate>(p), {0, 1}}));
  std::string want =
      Ref("select name, count(*) from t group by name order by name");
  EXPECT_EQ(Folded(got), Folded(want));
  EXPECT_LT(std::count(got.begin(), got.end(), '\n'), 17);  // case folded
}

// Case-insensitive text: fold every cell (ties may pick 'Apple' or 'apple').
std::string FoldedAll(const std::string& dump) {
  std::string out = dump;
  absl::AsciiStrToLower(&out);
  return out;
}

TEST_F(EngineIntegrationTest, MinMaxTextUseWeightStrings) {
  AggregateParams p{
      Scatter("select grp, min(name), weight_string(rtrim(min(name))), "
              "max(name), weight_string(rtrim(max(name))) from t group by grp "
              "order by grp",
              {{0}}),
      {{0}},
      {{AggregateOp::kMin, 1, kNoColumn, 2},
       {AggregateOp::kMax, 3, kNoColumn, 4}}};
  std::string got =
      RunDump(Project({std::make_shared<Aggregate>(p), {0, 1, 3}}));
  EXPECT_EQ(FoldedAll(got),
            FoldedAll(Ref("select grp, min(name), max(name) from t group by "
                          "grp order by grp")));
}

TEST_F(EngineIntegrationTest, CountDistinctPerGroup) {
  AggregateParams p{
      Scatter(
          "select grp, name, weight_string(rtrim(name)) from t group by grp, "
          "name order by grp, name",
          {{0}, {1, 2}}),
      {{0}},
      {{AggregateOp::kCountDistinct, 1, kNoColumn, 2}}};
  EXPECT_EQ(RunDump(Project({std::make_shared<Aggregate>(p), {0, 1}})),
            Ref("select grp, count(distinct name) from t group by grp "
                "order by grp"));
}

TEST_F(EngineIntegrationTest, DistinctAcrossShards) {
  Distinct d(
      {Scatter("select name, weight_string(rtrim(name)) from t"), {{0, 1}}});
  auto res = Run(d);
  ASSERT_THAT(res, IsOk());
  EXPECT_EQ(absl::StrCat(res->rows.size()),
            Ref("select count(*) from (select distinct name from t) x"));
}

TEST_F(EngineIntegrationTest, NestedLoopJoinsInnerAndLeft) {
  RouteSpec right{RouteVariant::kEqualUnique, "ks",
                  "select qty, id from o where t_id = :t_id"};
  right.vindex = std::make_shared<MulVindex>();
  right.value_var = "t_id";
  JoinSpec js{Scatter("select id, name from t where grp = 1"),
              std::make_shared<Route>(right),
              false,
              {{"t_id", 0}},
              {{true, 0}, {false, 0}, {false, 1}}};
  EXPECT_EQ(Sorted(RunDump(Join(js))),
            Sorted(Ref("select t.id, o.qty, o.id from t join o on o.t_id = "
                       "t.id where t.grp = 1")));
  js.left_join = true;
  EXPECT_EQ(Sorted(RunDump(Join(js))),
            Sorted(Ref("select t.id, o.qty, o.id from t left join o on "
                       "o.t_id = t.id where t.grp = 1")));
}

TEST_F(EngineIntegrationTest, UnionDistinctAndAll) {
  auto a = Scatter("select grp from t");
  auto b = Scatter("select qty from o where qty < 10");
  EXPECT_EQ(Sorted(RunDump(Union({a, b}, true))),
            Sorted(Ref("select grp from t union select qty from o "
                       "where qty < 10")));
  EXPECT_EQ(Sorted(RunDump(Union({a, b}, false))),
            Sorted(Ref("select grp from t union all select qty from o "
                       "where qty < 10")));
}

TEST_F(EngineIntegrationTest, InsertSplitsAndUpdateScatters) {
  for (int s = 0; s <= kShards; ++s) {
    ASSERT_THAT(
        tessera::testing::Exec(
            db_->primary(s),
            "CREATE TABLE ks.ins (id BIGINT PRIMARY KEY, v VARCHAR(10))"),
        IsOk());
  }
  InsertSpec spec{"ks", "insert into ins(id, v) values ", {},
                  "",   std::make_shared<MulVindex>(),    {}};
  BindVars vars;
  for (int i = 0; i < 20; ++i) {
    spec.rows.push_back(absl::StrCat("(:id", i, ", :v", i, ")"));
    spec.row_value_vars.push_back(absl::StrCat("id", i));
    vars[absl::StrCat("id", i)] = BindVariable::Single(TypedValue::Int(i * 7));
    vars[absl::StrCat("v", i)] =
        BindVariable::Single(TypedValue::Text(absl::StrCat("it's ", i)));
  }
  auto res = Run(Insert(spec), vars);
  ASSERT_THAT(res, IsOk());
  EXPECT_EQ(res->affected_rows, 20u);
  for (int s = 0; s < kShards; ++s) {
    auto rows =
        tessera::testing::Query(db_->primary(s), "select id from ks.ins");
    ASSERT_THAT(rows, IsOk());
    for (const auto& r : *rows) EXPECT_EQ(ShardOf(std::stoll(*r[0])), s);
  }
  RouteSpec upd{RouteVariant::kScatter, "ks",
                "update ins set v = concat(v, '!') where id >= :lo"};
  BindVars lo;
  lo["lo"] = BindVariable::Single(TypedValue::Int(70));
  res = Run(Dml(DmlKind::kUpdate, upd, false), lo);
  ASSERT_THAT(res, IsOk());
  EXPECT_EQ(res->affected_rows, 10u);
  // Shard errors name the shard and keep the server's errno.
  auto bad = Run(*Scatter("select * from no_such_table"));
  EXPECT_THAT(bad, tessera::testing::MysqlErrorIs(1146, "42S02"));
  EXPECT_THAT(bad.status().message(), ::testing::HasSubstr("shard ks/"));
}

}  // namespace
}  // namespace tessera::engine
