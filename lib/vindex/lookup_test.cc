// Lookup vindexes against a scripted executor: the queries they issue, in
// which transaction, and how they read the answers.
#include <string>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/base/mysql_error.h"
#include "lib/testing/status_matchers.h"
#include "lib/vindex/builtin.h"
#include "lib/vindex/lookup_vindex.h"
#include "lib/vindex/test_support.h"

namespace tessera::vindex {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::MysqlErrorIs;
using ::tessera::testing::StatusIs;
using ::tessera::vindex::testing::FakeExecutor;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::unique_ptr<Vindex> Make(const std::string& type,
                             std::map<std::string, std::string> extra = {}) {
  VindexRegistry r = NewBuiltinRegistry();
  std::map<std::string, std::string> params = {
      {"table", "ks.name_idx"}, {"from", "name"}, {"to", "ksid"}};
  for (auto& [k, v] : extra) params[k] = v;
  auto v = r.Create(VindexSpec{"name_vdx", type, params, "user"});
  EXPECT_THAT(v, IsOk());
  return v.ok() ? *std::move(v) : nullptr;
}

QueryResult Rows(std::vector<std::string> ksids) {
  QueryResult r;
  for (auto& k : ksids) r.rows.push_back({Value::Binary(k)});
  return r;
}

TEST(LookupTest, NonUniqueMap) {
  auto v = Make("lookup");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->cost(), 20);
  EXPECT_FALSE(v->unique());
  EXPECT_TRUE(v->needs_lookup());
  FakeExecutor ex;
  ex.set_handler([](const std::string& sql, ExecMode) {
    if (absl::StrContains(sql, "'bob'")) return Rows({"\x01", "\x02"});
    return Rows({});
  });
  auto d = v->Map(
      {Row{Value::Text("bob")}, Row{Value::Text("al")}, Row{Value::Null()}},
      &ex);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ((*d)[0], Destination::KeyspaceIds({"\x01", "\x02"}));
  EXPECT_EQ((*d)[1], Destination::None());
  EXPECT_EQ((*d)[2], Destination::None());
  ASSERT_EQ(ex.calls().size(), 2u);  // NULL is not queried
  EXPECT_EQ(ex.calls()[0].sql,
            "select ksid from ks.name_idx where name = 'bob'");
  EXPECT_EQ(ex.calls()[0].mode, ExecMode::kSession);
}

TEST(LookupTest, UniqueMapAndAmbiguity) {
  auto v = Make("lookup_unique");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->cost(), 10);
  FakeExecutor ex;
  ex.set_handler([](const std::string& sql, ExecMode) {
    if (absl::StrContains(sql, "= 1")) return Rows({"\xaa"});
    return Rows({"\x01", "\x02"});
  });
  auto d = v->Map({Row{Value::Int64(1)}}, &ex);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ((*d)[0], Destination::KeyspaceId("\xaa"));
  EXPECT_THAT(v->Map({Row{Value::Int64(2)}}, &ex),
              StatusIs(absl::StatusCode::kInternal,
                       HasSubstr("maps to 2 keyspace ids")));
  EXPECT_THAT(v->Map({Row{Value::Int64(1)}}, nullptr),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(LookupTest, WriteOnlyAndNoVerify) {
  auto v = Make("lookup", {{"write_only", "true"}});
  ASSERT_NE(v, nullptr);
  auto d = v->Map({Row{Value::Int64(1)}}, nullptr);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ((*d)[0], Destination::Range(key::KeyRange::Full()));
  auto ok = v->Verify({Row{Value::Int64(1)}}, {"\x01"}, nullptr);
  ASSERT_THAT(ok, IsOk());
  EXPECT_THAT(*ok, ElementsAre(true));
}

TEST(LookupTest, Verify) {
  auto v = Make("lookup_unique");
  FakeExecutor ex;
  ex.set_handler([](const std::string& sql, ExecMode) {
    return absl::StrContains(sql, "X'01'") ? Rows({"\x01"}) : Rows({});
  });
  auto ok = v->Verify({Row{Value::Int64(7)}, Row{Value::Int64(7)}},
                      {"\x01", "\x02"}, &ex);
  ASSERT_THAT(ok, IsOk());
  EXPECT_THAT(*ok, ElementsAre(true, false));
  EXPECT_EQ(ex.calls()[0].sql,
            "select ksid from ks.name_idx where name = 7 and ksid = X'01'");
}

TEST(LookupTest, CreateDeleteUpdate) {
  auto v = Make("lookup", {{"ignore_nulls", "true"}});
  LookupVindex* l = v->AsLookup();
  ASSERT_NE(l, nullptr);
  EXPECT_EQ(l->owner(), "user");
  FakeExecutor ex;
  ASSERT_THAT(l->Create({Row{Value::Text("a")}, Row{Value::Null()},
                         Row{Value::Text("b")}},
                        {"\x01", "\x02", "\x03"}, false, &ex),
              IsOk());
  ASSERT_THAT(l->Delete({Row{Value::Text("a")}}, "\x01", &ex), IsOk());
  ASSERT_THAT(
      l->Update(Row{Value::Text("b")}, "\x03", Row{Value::Text("c")}, &ex),
      IsOk());
  ASSERT_THAT(
      l->Update(Row{Value::Text("c")}, "\x03", Row{Value::Text("c")}, &ex),
      IsOk());  // unchanged: no queries
  std::vector<std::string> sql;
  for (const auto& c : ex.calls()) {
    sql.push_back(c.sql);
    EXPECT_EQ(c.mode, ExecMode::kSession);
  }
  EXPECT_THAT(
      sql, ElementsAre(
               "insert into ks.name_idx(name, ksid) values ('a', X'01'), ('b', "
               "X'03')",
               "delete from ks.name_idx where name = 'a' and ksid = X'01'",
               "delete from ks.name_idx where name = 'b' and ksid = X'03'",
               "insert into ks.name_idx(name, ksid) values ('c', X'03')"));
}

TEST(LookupTest, AutocommitNeverDeletes) {
  auto v = Make("lookup_unique", {{"autocommit", "true"}});
  FakeExecutor ex;
  LookupVindex* l = v->AsLookup();
  ASSERT_THAT(l->Create({Row{Value::Int64(1)}}, {"\x01"}, false, &ex), IsOk());
  ASSERT_THAT(l->Delete({Row{Value::Int64(1)}}, "\x01", &ex), IsOk());
  ASSERT_EQ(ex.calls().size(), 1u);
  EXPECT_EQ(ex.calls()[0].mode, ExecMode::kAutocommit);
  EXPECT_THAT(ex.calls()[0].sql, HasSubstr("insert ignore into"));
}

TEST(LookupTest, MultiColumnFrom) {
  auto v = Make("lookup", {{"from", "a, b"}});
  ASSERT_EQ(v->column_count(), 2);
  FakeExecutor ex;
  ex.set_handler([](const std::string&, ExecMode) { return Rows({"\x05"}); });
  ASSERT_THAT(
      v->Map({Row{Value::Int64(1)}, Row{Value::Int64(1), Value::Int64(2)}},
             &ex),
      IsOk());
  EXPECT_EQ(ex.calls()[0].sql, "select ksid from ks.name_idx where a = 1");
  EXPECT_EQ(ex.calls()[1].sql,
            "select ksid from ks.name_idx where a = 1 and b = 2");
  EXPECT_THAT(
      v->AsLookup()->Create({Row{Value::Int64(1)}}, {"\x01"}, false, &ex),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("wants 2 values per row")));
}

TEST(LookupTest, BadParams) {
  VindexRegistry r = NewBuiltinRegistry();
  struct Case {
    std::string type;
    std::map<std::string, std::string> params;
    const char* message;
  } cases[] = {
      {"lookup", {{"from", "a"}, {"to", "b"}}, "missing param table"},
      {"lookup", {{"table", "t"}, {"to", "b"}}, "missing param from"},
      {"lookup", {{"table", "t"}, {"from", "a"}}, "missing param to"},
      {"lookup_unique",
       {{"table", "t; drop"}, {"from", "a"}, {"to", "b"}},
       "not a plain"},
      {"lookup",
       {{"table", "t"}, {"from", "a"}, {"to", "b"}, {"autocommit", "yes"}},
       "wants true or false"},
      {"lookup",
       {{"table", "t"}, {"from", "a"}, {"to", "b"}, {"colour", "red"}},
       "unknown param(s) colour"},
      {"consistent_lookup",
       {{"table", "t"}, {"from", "a"}, {"to", "b"}, {"autocommit", "true"}},
       "do not support autocommit"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(
        r.Create(VindexSpec{"v", c.type, c.params, ""}),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.message)))
        << c.message;
  }
}

TEST(ConsistentLookupTest, CreateUsesPreAndDeleteUsesPost) {
  auto v = Make("consistent_lookup_unique");
  LookupVindex* l = v->AsLookup();
  FakeExecutor ex;
  ASSERT_THAT(l->Create({Row{Value::Int64(1)}}, {"\x01"}, false, &ex), IsOk());
  ASSERT_THAT(l->Delete({Row{Value::Int64(1)}}, "\x01", &ex), IsOk());
  ASSERT_EQ(ex.calls().size(), 2u);
  EXPECT_EQ(ex.calls()[0].mode, ExecMode::kPre);
  EXPECT_EQ(ex.calls()[1].mode, ExecMode::kPost);
}

// A duplicate lookup row whose owner row is gone is taken over; one whose
// owner row exists is a duplicate-key error.
TEST(ConsistentLookupTest, DuplicateResolution) {
  for (bool owner_exists : {false, true}) {
    auto v = Make("consistent_lookup_unique");
    LookupVindex* l = v->AsLookup();
    l->SetOwner("ks.user", {"name"});
    FakeExecutor ex;
    ex.set_handler([&](const std::string& sql, ExecMode) {
      if (absl::StartsWith(sql, "insert")) {
        return absl::StatusOr<QueryResult>(
            MysqlError(1062, "23000", "Duplicate entry"));
      }
      if (absl::StartsWith(sql, "select ksid")) {
        return absl::StatusOr<QueryResult>(Rows({"\x09"}));
      }
      if (absl::StartsWith(sql, "select name from ks.user")) {
        QueryResult r;
        if (owner_exists) r.rows.push_back({Value::Int64(5)});
        return absl::StatusOr<QueryResult>(r);
      }
      return absl::StatusOr<QueryResult>(QueryResult{});
    });
    absl::Status s = l->Create({Row{Value::Int64(5)}}, {"\x01"}, false, &ex);
    std::vector<std::string> sql;
    for (const auto& c : ex.calls()) sql.push_back(c.sql);
    if (owner_exists) {
      EXPECT_THAT(s, MysqlErrorIs(1062, "23000"));
      EXPECT_EQ(sql.size(), 4u);
    } else {
      EXPECT_THAT(s, IsOk());
      ASSERT_EQ(sql.size(), 5u);
      EXPECT_EQ(sql[4], "update ks.name_idx set ksid = X'01' where name = 5");
    }
    ASSERT_GE(sql.size(), 4u);
    EXPECT_EQ(sql[2], "select ksid from ks.name_idx where name = 5 for update");
    EXPECT_EQ(
        sql[3],
        "select name from ks.user where name = 5 for update /* ksid 1 */");
  }
}

TEST(ConsistentLookupTest, NeedsOwnerOnConflict) {
  auto v = Make("consistent_lookup");
  FakeExecutor ex;
  ex.set_handler([](const std::string& sql, ExecMode) {
    if (absl::StartsWith(sql, "insert")) {
      return absl::StatusOr<QueryResult>(MysqlError(1062, "23000", "dup"));
    }
    return absl::StatusOr<QueryResult>(Rows({"\x09"}));
  });
  EXPECT_THAT(
      v->AsLookup()->Create({Row{Value::Int64(5)}}, {"\x01"}, false, &ex),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("owner")));
}

}  // namespace
}  // namespace tessera::vindex
