#include "lib/sql/normalize.h"

#include "gtest/gtest.h"
#include "lib/sql/format.h"
#include "lib/testing/status_matchers.h"

namespace tessera::sql {
namespace {

using ::tessera::testing::IsOk;

struct Case {
  const char* in;
  const char* out;
  const char* binds;  // "type:value,..."
};

std::string BindsOf(const Normalized& n) {
  std::string s;
  for (const BindValue& b : n.binds) {
    if (!s.empty()) s += ",";
    s += std::string(BindTypeName(b.type)) + ":" + b.value;
  }
  return s;
}

TEST(NormalizeTest, Table) {
  const Case kCases[] = {
      {"select 'abcd', 20, 30.0, eid from a where 1=eid and name='3'",
       "select :v1, :v2, :v3, eid from a where :v4 = eid and name = :v5",
       "VARCHAR:abcd,INT64:20,DECIMAL:30.0,INT64:1,VARCHAR:3"},
      {"select * from t where id = 5 limit 10",
       "select * from t where id = :v1 limit :v2", "INT64:5,INT64:10"},
      {"select a from t order by 1, a + 2",
       "select a from t order by 1, a + :v1", "INT64:2"},
      {"select a from t group by 1", "select a from t group by 1", ""},
      {"select * from t where a is null and b = true",
       "select * from t where a is null and b = true", ""},
      {"select * from t where d = date '2020-01-01'",
       "select * from t where d = date '2020-01-01'", ""},
      {"select 'it''s', \"a\\nb\"", "select :v1, :v2",
       "VARCHAR:it's,VARCHAR:a\nb"},
      {"select 'a' 'b'", "select :v1", "VARCHAR:ab"},
      {"select x'1F', 0x1f, b'01', 1e5", "select :v1, :v2, :v3, :v4",
       "HEXNUM:x'1F',HEXNUM:0x1f,BITNUM:b'01',FLOAT64:1e5"},
      {"insert into t (a, b) values (1, 'x'), (2, 'y')",
       "insert into t (a, b) values (:v1, :v2), (:v3, :v4)",
       "INT64:1,VARCHAR:x,INT64:2,VARCHAR:y"},
      {"update t set a = a + 1 where id in (1, 2) order by id limit 3",
       "update t set a = a + :v1 where id in (::v2) order by id limit :v3",
       "INT64:1,TUPLE:,INT64:3"},
      {"select * from t where id in (1, 'x', 2.5) and b not in (7)",
       "select * from t where id in (::v1) and b not in (::v2)",
       "TUPLE:,TUPLE:"},
      {"select * from t where id in (1, a)",
       "select * from t where id in (:v1, a)", "INT64:1"},
      {"select * from t where id in (1, null)",
       "select * from t where id in (:v1, null)", "INT64:1"},
      {"select 18446744073709551615, 9223372036854775808, 99999999999999999999",
       "select :v1, :v2, :v3",
       "UINT64:18446744073709551615,UINT64:9223372036854775808,DECIMAL:"
       "99999999999999999999"},
      {"delete from t where id = -5", "delete from t where id = :v1",
       "INT64:-5"},
      {"insert into t values (-5, -1.5, -2e3, - -3, -a)",
       "insert into t values (:v1, :v2, :v3, -:v4, -a)",
       "INT64:-5,DECIMAL:-1.5,FLOAT64:-2e3,INT64:-3"},
      {"select -9223372036854775808, -9223372036854775809", "select :v1, :v2",
       "INT64:-9223372036854775808,DECIMAL:-9223372036854775809"},
      {"select * from t where a like 'x%' escape '!'",
       "select * from t where a like :v1 escape '!'", "VARCHAR:x%"},
      {"select date_add(d, interval 3 day) from t",
       "select date_add(d, interval :v1 day) from t", "INT64:3"},
      {"select a->'$.x' from t", "select a->'$.x' from t", ""},
      {"select json_value(j, '$.a' returning signed null on empty) from t "
       "where id = 4",
       "select json_value(j, '$.a' returning signed null on empty) from t "
       "where id = :v1",
       "INT64:4"},
      {"select json_value(j, '$.a') from t", "select json_value(j, :v1) from t",
       "VARCHAR:$.a"},
      {"set @a = 1", "set @a = 1", ""},
      {"create table t (a int default 1)", "create table t (a int default 1)",
       ""},
      {"select * from t where a = ? and b = :x and c = 3",
       "select * from t where a = ? and b = :x and c = :v1", "INT64:3"},
      {"select sum(a) over (order by b rows 2 preceding) from t",
       "select sum(a) over (order by b rows 2 preceding) from t", ""},
      {"select _utf8mb4'x' collate utf8mb4_bin",
       "select :v1 collate utf8mb4_bin", "VARCHAR:x"},
      // The session's LAST_INSERT_ID(), bound by the router; the column
      // keeps its name.
      {"select LAST_INSERT_ID(), last_insert_id() + 1 as n, last_insert_id(7)",
       "select :__lastInsertId as `LAST_INSERT_ID()`, :__lastInsertId + :v1 "
       "as n, last_insert_id(:v2)",
       "INT64:1,INT64:7"},
      {"insert into t values (last_insert_id())",
       "insert into t values (:__lastInsertId)", ""},
  };
  for (const Case& c : kCases) {
    auto n = Normalize(c.in);
    ASSERT_THAT(n, IsOk()) << c.in;
    EXPECT_EQ(n->sql, c.out) << c.in;
    EXPECT_EQ(BindsOf(*n), c.binds) << c.in;
  }
}

TEST(NormalizeTest, SameShapeSameText) {
  auto a = Normalize("SELECT * FROM t WHERE id=1 AND name='bob'");
  auto b = Normalize("select *   from t where id = 99 and name = \"alice\"");
  ASSERT_THAT(a, IsOk());
  ASSERT_THAT(b, IsOk());
  EXPECT_EQ(a->sql, b->sql);
}

TEST(NormalizeTest, CharsetIsReported) {
  auto n = Normalize("select _latin1'x'");
  ASSERT_THAT(n, IsOk());
  ASSERT_EQ(n->binds.size(), 1u);
  EXPECT_EQ(n->binds[0].charset, "latin1");
}

TEST(NormalizeTest, NormalizedTextReparses) {
  for (const char* q :
       {"select a from t where b in (1, 2) limit 1, 2",
        "insert into t values (1) on duplicate key update a = 2"}) {
    auto n = Normalize(q);
    ASSERT_THAT(n, IsOk());
    EXPECT_THAT(Parse(n->sql), IsOk()) << n->sql;
  }
}

}  // namespace
}  // namespace tessera::sql

namespace tessera::sql {
namespace {

TEST(NormalizeTest, InListIsOneListBind) {
  auto a = Normalize("select * from t where id in (1, 2, 3)");
  auto b = Normalize("select * from t where id in (4)");
  ASSERT_THAT(a, ::tessera::testing::IsOk());
  ASSERT_THAT(b, ::tessera::testing::IsOk());
  EXPECT_EQ(a->sql, "select * from t where id in (::v1)");
  EXPECT_EQ(a->sql, b->sql);
  ASSERT_EQ(a->binds.size(), 1u);
  EXPECT_EQ(a->binds[0].type, BindType::kList);
  ASSERT_EQ(a->binds[0].list.size(), 3u);
  EXPECT_EQ(a->binds[0].list[2].value, "3");
  // The list parameter parses and formats back.
  auto p = Parse(a->sql);
  ASSERT_THAT(p, ::tessera::testing::IsOk());
  EXPECT_EQ(Format(*p), a->sql);
}

}  // namespace
}  // namespace tessera::sql
