#include "lib/engine/route.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/engine/fake_cursor.h"
#include "lib/engine/limit.h"
#include "lib/engine/merge_sort.h"
#include "lib/engine/shard_map.h"
#include "lib/engine/test_util.h"
#include "lib/testing/status_matchers.h"

namespace tessera::engine {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::MysqlErrorIs;
using ::tessera::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testutil::Dump;
using testutil::IntF;
using testutil::R;
using testutil::Res;
using testutil::TextF;

// Keyspace id = one byte: the value itself (0..255).
class ByteVindex : public VindexMapper {
 public:
  absl::StatusOr<std::vector<std::string>> Map(
      const TypedValue& v) const override {
    int64_t n = 0;
    if (!sqltypes::ParseInt64(v.bytes, &n) || n < 0 || n > 255) {
      return std::vector<std::string>{};
    }
    return std::vector<std::string>{std::string(1, static_cast<char>(n))};
  }
  std::string name() const override { return "byte"; }
};

class RouteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_THAT(cursor_.shard_map().AddKeyspace("ks", {"-40", "40-80", "80-"}),
                IsOk());
    ASSERT_THAT(cursor_.shard_map().AddKeyspace("main", {"0"}), IsOk());
    ctx_.cursor = &cursor_;
  }
  absl::StatusOr<Result> Run(const Operator& op, const BindVars& vars = {}) {
    return ExecuteToResult(op, ctx_, vars);
  }
  FakeCursor cursor_;
  ExecContext ctx_;
};

TEST_F(RouteTest, ShardNamesParse) {
  struct Case {
    const char* name;
    const char* id;
    bool contains;
  } cases[] = {{"-80", "\x10", true},   {"-80", "\x80", false},
               {"80-", "\x80", true},   {"40-80", "\x3f\xff", false},
               {"40-80", "\x40", true}, {"0", "\xff", true}};
  for (const auto& c : cases) {
    auto r = ParseShardName(c.name);
    ASSERT_THAT(r, IsOk());
    EXPECT_EQ(r->Contains(c.id), c.contains) << c.name;
  }
  EXPECT_FALSE(ParseShardName("4-80").ok());
  EXPECT_FALSE(ParseShardName("zz-").ok());
}

TEST_F(RouteTest, ResolveDestinations) {
  ShardMap& m = cursor_.shard_map();
  EXPECT_THAT(*m.Resolve("ks", Destination::KeyRange("\x30", "\x50")),
              ElementsAre("-40", "40-80"));
  EXPECT_THAT(
      *m.Resolve("ks", Destination::KeyspaceIds({"\x90", "\x01", "\x02"})),
      ElementsAre("-40", "80-"));
  EXPECT_THAT(*m.Resolve("ks", Destination::None()), ElementsAre());
  EXPECT_THAT(m.Resolve("nope", Destination::AllShards()),
              MysqlErrorIs(1049, "42000"));
  EXPECT_FALSE(m.Resolve("ks", Destination::Shards({"-20"})).ok());
}

TEST_F(RouteTest, ScatterConcatenatesAndEmptyShards) {
  auto fields = std::vector<Field>{IntF("id")};
  cursor_.Set("ks", "-40", "select id from t",
              Res(fields, {R({"1"}), R({"2"})}));
  cursor_.Set("ks", "40-80", "select id from t", Res(fields, {}));
  cursor_.Set("ks", "80-", "select id from t", Res(fields, {R({nullptr})}));
  Route route({RouteVariant::kScatter, "ks", "select id from t"});
  auto res = Run(route);
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("1", "2", "NULL"));
  EXPECT_EQ(res->fields.size(), 1u);
}

TEST_F(RouteTest, ShardErrorNamesShardAndKeepsErrno) {
  auto fields = std::vector<Field>{IntF("id")};
  cursor_.Set("ks", "-40", "select 1", Res(fields, {}));
  cursor_.Set("ks", "40-80", "select 1",
              MysqlError(1146, "42S02", "Table 'ks.t' doesn't exist"));
  cursor_.Set("ks", "80-", "select 1", Res(fields, {}));
  Route route({RouteVariant::kScatter, "ks", "select 1"});
  auto res = Run(route);
  EXPECT_THAT(res, MysqlErrorIs(1146, "42S02"));
  EXPECT_THAT(res.status().message(), HasSubstr("shard ks/40-80"));
}

TEST_F(RouteTest, ShardErrorsAsWarningsWhenOptedIn) {
  auto fields = std::vector<Field>{IntF("id")};
  cursor_.Set("ks", "-40", "select id from t order by id",
              Res(fields, {R({"1"}), R({"5"})}));
  cursor_.Set("ks", "40-80", "select id from t order by id",
              MysqlError(2013, "08S01", "Lost connection"));
  cursor_.Set("ks", "80-", "select id from t order by id",
              Res(fields, {R({"3"})}));
  RouteSpec spec{RouteVariant::kScatter, "ks", "select id from t order by id"};
  spec.order_by = {{0}};
  EXPECT_THAT(Run(Route(spec)), MysqlErrorIs(2013, "08S01"));
  spec.shard_errors_as_warnings = true;
  auto res = Run(Route(spec));
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("1", "3", "5"));
  EXPECT_EQ(res->warnings, 1);
  // Every shard failing is still an error (the first shard's).
  for (const char* s : {"-40", "80-"}) {
    cursor_.Set("ks", s, "select id from t order by id",
                MysqlError(1146, "42S02", "no table"));
  }
  EXPECT_THAT(Run(Route(spec)), MysqlErrorIs(1146, "42S02"));
}

TEST_F(RouteTest, MergeSortMultiColumnWithNullsAndCollation) {
  std::vector<Field> fields = {TextF("name"), IntF("n")};
  const char* q = "select name, n from t order by name asc, n desc";
  cursor_.Set(
      "ks", "-40", q,
      Res(fields, {R({nullptr, "1"}), R({"apple", "5"}), R({"banana", "1"})}));
  cursor_.Set("ks", "40-80", q, Res(fields, {}));
  cursor_.Set(
      "ks", "80-", q,
      Res(fields, {R({"Apple", "7"}), R({"apple", "2"}), R({"Cherry", "0"})}));
  RouteSpec spec{RouteVariant::kScatter, "ks", q};
  spec.order_by = {{0, kNoColumn, false}, {1, kNoColumn, true}};
  Route route(spec);
  auto res = Run(route);
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("NULL|1", "Apple|7", "apple|5",
                                           "apple|2", "banana|1", "Cherry|0"));
}

TEST_F(RouteTest, MergeSortDescendingPutsNullsLastAndUsesWeights) {
  // Column 1 is WEIGHT_STRING(name): bytewise order of the weights wins.
  std::vector<Field> fields = {TextF("name"), TextF("w", 63)};
  const char* q = "select name, weight_string(name) from t order by name desc";
  cursor_.Set("ks", "-40", q,
              Res(fields, {R({"b", "\x02"}), R({nullptr, nullptr})}));
  cursor_.Set("ks", "40-80", q, Res(fields, {R({"c", "\x01"})}));
  cursor_.Set("ks", "80-", q, Res(fields, {R({"a", "\x03"})}));
  RouteSpec spec{RouteVariant::kScatter, "ks", q};
  spec.order_by = {{0, 1, true}};
  auto res = Run(Route(spec));
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows),
              ElementsAre("a|\x03", "b|\x02", "c|\x01", "NULL|NULL"));
}

TEST_F(RouteTest, NegativeColumnsAndWeightsOnlyForText) {
  // SELECT * with hidden columns appended: [id, name, n, weight(name),
  // weight(n)]. Keys: name by its weight (-2), then n: its weight column
  // (-1) is ignored because n is an integer.
  std::vector<Field> fields = {IntF("id"), TextF("name"), IntF("n"),
                               TextF("wname", 63), TextF("wn", 63)};
  const char* q = "q";
  cursor_.Set("ks", "-40", q,
              Res(fields, {R({"1", "b", "9", "B", "\x09"}),
                           R({"2", "b", "10", "B", "\x0a"})}));
  cursor_.Set("ks", "40-80", q, Res(fields, {R({"3", "A", "5", "A", "z"})}));
  cursor_.Set("ks", "80-", q, Res(fields, {R({"4", "b", "20", "B", "\x00"})}));
  RouteSpec spec{RouteVariant::kScatter, "ks", q};
  spec.order_by = {{-4, -2}, {-3, -1}};
  auto res = Run(Route(spec));
  ASSERT_THAT(res, IsOk());
  std::vector<std::string> ids;
  for (const Row& r : res->rows) ids.push_back(r[0].bytes());
  EXPECT_THAT(ids, ElementsAre("3", "1", "2", "4"));
  spec.order_by = {{-6}};
  EXPECT_FALSE(Run(Route(spec)).ok());
}

TEST_F(RouteTest, MixedNumericTypesMerge) {
  std::vector<Field> fields = {testutil::F("d", FieldType::kNewDecimal)};
  const char* q = "select d from t order by d";
  cursor_.Set("ks", "-40", q, Res(fields, {R({"-10.5"}), R({"2.25"})}));
  cursor_.Set("ks", "40-80", q, Res(fields, {R({"-9.75"}), R({"10"})}));
  cursor_.Set("ks", "80-", q, Res(fields, {R({"2.3"})}));
  RouteSpec spec{RouteVariant::kScatter, "ks", q};
  spec.order_by = {{0}};
  auto res = Run(Route(spec));
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows),
              ElementsAre("-10.5", "-9.75", "2.25", "2.3", "10"));
}

TEST_F(RouteTest, EqualUniqueGoesToOneShard) {
  auto fields = std::vector<Field>{IntF("id")};
  cursor_.Set("ks", "40-80", "select id from t where id = 70",
              Res(fields, {R({"70"})}));
  RouteSpec spec{RouteVariant::kEqualUnique, "ks",
                 "select id from t where id = :id"};
  spec.vindex = std::make_shared<ByteVindex>();
  spec.value_var = "id";
  BindVars vars;
  vars["id"] = BindVariable::Single(TypedValue::Int(70));
  auto res = Run(Route(spec), vars);
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("70"));
  EXPECT_THAT(cursor_.log(),
              ElementsAre("ks/40-80: select id from t where id = 70"));
}

// A non-unique (lookup) vindex: one value, keyspace ids in two shards.
class TwoIdVindex : public VindexMapper {
 public:
  absl::StatusOr<std::vector<std::string>> Map(
      const TypedValue& v) const override {
    if (v.bytes == "bad") return InternalMysqlError("lookup failed");
    return std::vector<std::string>{"\x01", "\xf0"};
  }
  std::string name() const override { return "lookup"; }
};

TEST_F(RouteTest, EqualNonUniqueGoesToEveryOwningShard) {
  auto fields = std::vector<Field>{IntF("id")};
  cursor_.SetHandler([&](const std::string& target, const std::string&) {
    return Res(fields, {R({target.c_str()})});
  });
  RouteSpec spec{RouteVariant::kEqual, "ks", "select id from t where e = :e"};
  spec.vindex = std::make_shared<TwoIdVindex>();
  spec.value_var = "e";
  BindVars vars;
  vars["e"] = BindVariable::Single(TypedValue::Text("x@y"));
  auto res = Run(Route(spec), vars);
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("ks/-40", "ks/80-"));
  vars["e"] = BindVariable::Single(TypedValue::Text("bad"));
  EXPECT_THAT(Run(Route(spec), vars), MysqlErrorIs(1105, "HY000"));
}

TEST_F(RouteTest, InSplitsValuesPerShard) {
  auto fields = std::vector<Field>{IntF("id")};
  cursor_.SetHandler(
      [&](const std::string&, const std::string&) { return Res(fields, {}); });
  RouteSpec spec{RouteVariant::kIn, "ks", "select id from t where id in ::ids"};
  spec.vindex = std::make_shared<ByteVindex>();
  spec.value_var = "ids";
  BindVars vars;
  vars["ids"] = BindVariable::List({TypedValue::Int(200), TypedValue::Int(1),
                                    TypedValue::Null(), TypedValue::Int(2),
                                    TypedValue::Int(999)});
  ASSERT_THAT(Run(Route(spec), vars), IsOk());
  EXPECT_THAT(cursor_.log(),
              ElementsAre("ks/-40: select id from t where id in (1, 2)",
                          "ks/80-: select id from t where id in (200)"));
}

TEST_F(RouteTest, NoneRunsOnlyTheFieldQuery) {
  std::vector<Field> fields = {IntF("id")};
  cursor_.Set("ks", "-40", "select id from t where 1 != 1", Res(fields, {}));
  RouteSpec spec{RouteVariant::kNone, "ks", "select id from t where id in ()",
                 "select id from t where 1 != 1"};
  auto res = Run(Route(spec));
  ASSERT_THAT(res, IsOk());
  EXPECT_EQ(res->fields.size(), 1u);
  EXPECT_TRUE(res->rows.empty());
  // A vindex value that maps nowhere also sends nothing but the field query.
  RouteSpec eq{RouteVariant::kEqualUnique, "ks",
               "select id from t where id = :id",
               "select id from t where 1 != 1"};
  eq.vindex = std::make_shared<ByteVindex>();
  eq.value_var = "id";
  BindVars vars;
  vars["id"] = BindVariable::Single(TypedValue::Int(-1));
  ASSERT_THAT(Run(Route(eq), vars), IsOk());
  EXPECT_THAT(Run(Route(eq), {}), MysqlErrorIs(1210, "HY000"));
}

TEST_F(RouteTest, UnshardedReferenceAndByDestination) {
  auto fields = std::vector<Field>{IntF("x")};
  cursor_.SetHandler([&](const std::string& target, const std::string&) {
    return Res(fields, {R({target.c_str()})});
  });
  EXPECT_THAT(Dump(Run(Route({RouteVariant::kUnsharded, "main", "q"}))->rows),
              ElementsAre("main/0"));
  EXPECT_THAT(Run(Route({RouteVariant::kUnsharded, "ks", "q"})),
              StatusIs(absl::StatusCode::kUnknown));
  EXPECT_THAT(Dump(Run(Route({RouteVariant::kReference, "ks", "q"}))->rows),
              ElementsAre("ks/-40"));
  RouteSpec by{RouteVariant::kByDestination, "ks", "q"};
  by.destination = Destination::KeyRange("\x40", "");
  EXPECT_THAT(Dump(Run(Route(by))->rows), ElementsAre("ks/40-80", "ks/80-"));
}

TEST_F(RouteTest, LimitOffsetPushesUpperLimitAndCuts) {
  std::vector<Field> fields = {IntF("id")};
  const char* sent = "select id from t order by id limit 5";
  cursor_.Set("ks", "-40", sent, Res(fields, {R({"1"}), R({"4"}), R({"7"})}));
  cursor_.Set("ks", "40-80", sent, Res(fields, {R({"2"}), R({"5"})}));
  cursor_.Set("ks", "80-", sent, Res(fields, {R({"3"}), R({"6"})}));
  RouteSpec spec{RouteVariant::kScatter, "ks",
                 "select id from t order by id limit :__upper_limit"};
  spec.order_by = {{0}};
  LimitSpec ls;
  ls.input = std::make_shared<Route>(spec);
  ls.count = 3;
  ls.offset_var = "off";
  BindVars vars;
  vars["off"] = BindVariable::Single(TypedValue::Int(2));
  auto res = Run(Limit(ls), vars);
  ASSERT_THAT(res, IsOk());
  EXPECT_THAT(Dump(res->rows), ElementsAre("3", "4", "5"));
  vars["off"] = BindVariable::Single(TypedValue::Int(-1));
  EXPECT_THAT(Run(Limit(ls), vars), MysqlErrorIs(1210, "HY000"));
}

// Random rows split over k sorted streams merge like one stable sort.
TEST_F(RouteTest, RandomMergeEqualsStableSort) {
  uint64_t x = 0x9E3779B97F4A7C15ull;
  auto next = [&x]() {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  const char* words[] = {"a", "A", "b", "B ", "ab", "Ab", "", "z"};
  std::vector<Field> fields = {TextF("w"), IntF("n"),
                               testutil::F("d", FieldType::kNewDecimal)};
  for (int round = 0; round < 50; ++round) {
    const int k = 1 + static_cast<int>(next() % 5);
    std::vector<Row> all;
    std::vector<std::vector<Row>> parts(k);
    for (int i = 0; i < 60; ++i) {
      Row r;
      r.push_back(next() % 9 == 0 ? Value::Null()
                                  : Value::Text(words[next() % 8]));
      r.push_back(next() % 7 == 0
                      ? Value::Null()
                      : Value::Text(absl::StrCat(
                            static_cast<int64_t>(next() % 21) - 10)));
      r.push_back(Value::Text(absl::StrCat(next() % 5, ".", next() % 10)));
      all.push_back(r);
      parts[next() % k].push_back(r);
    }
    std::vector<OrderKey> keys = {{0}, {1, kNoColumn, true}, {2}};
    auto cmp = RowComparator::Create(fields, keys);
    ASSERT_THAT(cmp, IsOk());
    auto less = [&](const Row& a, const Row& b) {
      return cmp->Compare(a, b) < 0;
    };
    std::vector<std::unique_ptr<RowStream>> in;
    for (auto& p : parts) {
      std::stable_sort(p.begin(), p.end(), less);
      in.push_back(std::make_unique<VectorStream>(fields, p));
    }
    std::stable_sort(all.begin(), all.end(), less);
    auto merged = MergeSortStreams(std::move(in), keys);
    ASSERT_THAT(merged, IsOk());
    std::vector<Row> got;
    Row row;
    while (*(*merged)->Next(&row)) got.push_back(row);
    ASSERT_EQ(got.size(), all.size());
    for (size_t i = 0; i < got.size(); ++i) {
      // Equal keys may come in another order; keys must match position.
      EXPECT_EQ(cmp->Compare(got[i], all[i]), 0) << "round " << round;
    }
  }
}

TEST_F(RouteTest, MergeSortRejectsBadKeysAndWidths) {
  std::vector<std::unique_ptr<RowStream>> in;
  in.push_back(std::make_unique<VectorStream>(std::vector<Field>{IntF("a")},
                                              std::vector<Row>{R({"1", "2"})}));
  in.push_back(std::make_unique<VectorStream>(std::vector<Field>{IntF("a")},
                                              std::vector<Row>{R({"1"})}));
  auto s = MergeSortStreams(std::move(in), {{0}});
  ASSERT_THAT(s, IsOk());
  Row row;
  EXPECT_FALSE((*s)->Next(&row).ok());
  std::vector<std::unique_ptr<RowStream>> in2;
  in2.push_back(std::make_unique<VectorStream>(std::vector<Field>{IntF("a")},
                                               std::vector<Row>{}));
  EXPECT_FALSE(MergeSortStreams(std::move(in2), {{3}}).ok());
}

}  // namespace
}  // namespace tessera::engine
