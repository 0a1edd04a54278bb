#include "lib/planner/planner.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/sql/normalize.h"
#include "lib/testing/status_matchers.h"
#include "lib/vindex/builtin.h"
#include "lib/vschema/loader.h"
#include "lib/vschema/vschema.h"

namespace tessera::planner {
namespace {

using ::testing::HasSubstr;

class PlannerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::ifstream in("lib/planner/testdata/vschema.json");
    std::stringstream ss;
    ss << in.rdbuf();
    auto src = vschema::ParseVSchemaJson(ss.str());
    ASSERT_TRUE(src.ok()) << src.status();
    registry_ = new vindex::VindexRegistry(vindex::NewBuiltinRegistry());
    auto vs = vschema::VSchema::Build(*src, *registry_);
    ASSERT_TRUE(vs.ok()) << vs.status();
    vschema_ = vs->release();
  }

  // Normalizes and plans `sql` for `target`; the explain tree as text.
  absl::StatusOr<std::string> Explain(absl::string_view sql,
                                      absl::string_view target = "commerce") {
    auto stmt = sql::Parse(sql);
    if (!stmt.ok()) return stmt.status();
    std::vector<sql::BindValue> binds;
    sql::NormalizeStatement(&*stmt, &binds);
    PlannerContext ctx;
    ctx.vschema = vschema_;
    auto t = router::ParseTarget(target);
    if (!t.ok()) return t.status();
    ctx.target = *t;
    auto plan = PlanStatement(*stmt, ctx);
    if (!plan.ok()) return plan.status();
    return ExplainText(*plan->explain);
  }

  static vindex::VindexRegistry* registry_;
  static const vschema::VSchema* vschema_;
};

vindex::VindexRegistry* PlannerTest::registry_ = nullptr;
const vschema::VSchema* PlannerTest::vschema_ = nullptr;

struct Case {
  const char* sql;
  const char* want;  // substring of the explain text
};

TEST_F(PlannerTest, SingleRoutes) {
  const Case cases[] = {
      {"select * from customer where id = 5",
       "Route EqualUnique commerce (vindex hash value :v1): select * from "
       "customer where id = :v1"},
      {"select c.name, o.total from customer c join corder o on c.id = "
       "o.customer_id where c.id = 7",
       "Route EqualUnique commerce"},
      {"select * from customer where id = null", "Route None commerce"},
      {"select * from product", "Route Reference commerce"},
      {"select * from product p join customer c on c.id = 3 where c.id = 3",
       "Route EqualUnique commerce"},
      {"select * from lookup.settings", "Route Unsharded lookup"},
      {"select * from lookup.settings where a = 1 order by b limit 3",
       "Route Unsharded lookup: select * from lookup.settings where a = :v1 "
       "order by b limit :v2"},
      {"select 1 + 1", "Route Reference commerce"},
      {"select * from information_schema.tables", "Route DBA commerce"},
      {"select * from customer where id in (1, 2, 3)",
       "Route IN commerce (vindex hash value :v1): select * from customer "
       "where id in (::v1)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.sql);
    auto got = Explain(c.sql);
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_THAT(*got, HasSubstr(c.want));
  }
}

TEST_F(PlannerTest, UnqualifiedTablesWithoutKeyspace) {
  auto got = Explain("select * from settings", "");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, HasSubstr("Route Unsharded lookup"));
  got = Explain("select * from customer where id = 1", "");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, HasSubstr("Route EqualUnique commerce"));
}

TEST_F(PlannerTest, TargetShardBypassesRouting) {
  auto got = Explain("select * from customer", "commerce:-80");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, HasSubstr("Route ByDestination commerce [-80]"));
}

TEST_F(PlannerTest, ScatterOrderByLimit) {
  auto got = Explain(
      "select id, name from customer where name like 'a%' order by name desc, "
      "id limit 10 offset 5");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, HasSubstr("Project"));
  EXPECT_THAT(*got, HasSubstr("Limit"));
  EXPECT_THAT(
      *got,
      HasSubstr(
          "Route Scatter commerce (merge order 1 DESC (weight 2), "
          "0 ASC (weight 3)): select id, name, "
          "weight_string(rtrim(name)), weight_string(rtrim(id)) from customer "
          "where name like :v1 order by name desc, id limit "
          ":__upper_limit"));
}

TEST_F(PlannerTest, ScatterAggregates) {
  auto got = Explain(
      "select country, count(*), sum(total), avg(total), min(name) from "
      "customer group by country having count(*) > 1 order by 2 desc");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, HasSubstr("Aggregate"));
  EXPECT_THAT(*got, HasSubstr("Filter"));
  EXPECT_THAT(*got, HasSubstr("Sort"));
  EXPECT_THAT(*got, HasSubstr("group by country order by country"));
  EXPECT_THAT(*got, HasSubstr("sum(total) as `avg(total)`"));
}

TEST_F(PlannerTest, CountDistinctAndDistinct) {
  auto got = Explain("select count(distinct name) from customer");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, HasSubstr("group by name order by name"));
  got = Explain("select distinct country from customer");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, HasSubstr("Aggregate"));
}

TEST_F(PlannerTest, HavingAndOrderByOnAggregatesNotSelected) {
  auto got = Explain(
      "select country from customer group by country having count(*) > 1 "
      "and avg(total) < 5 order by max(id) desc, country");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got,
              HasSubstr("select country, weight_string(rtrim(country)), "
                        "count(*), sum(total), max(id), count(total) from "
                        "customer group by country order by country"));
  EXPECT_THAT(*got, HasSubstr("Filter"));
  EXPECT_THAT(*got, HasSubstr("Sort 4 DESC, 0 ASC (weight 1)"));
  // A group key that is not selected.
  got = Explain(
      "select count(*) from customer group by country having country > 'a' "
      "order by country");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, HasSubstr("Sort 1 ASC (weight 2)"));
  // Not an aggregate nor a group key.
  EXPECT_THAT(Explain("select country from customer group by country "
                      "having name > 'a'"),
              testing::MysqlErrorIs(1235, "42000"));
}

TEST_F(PlannerTest, DistinctMixedWithAggregates) {
  auto got = Explain(
      "select country, count(distinct name), count(*), sum(total) from "
      "customer group by country");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, HasSubstr("group by country, name order by country, name"));
  got = Explain("select distinct count(*) from customer group by country");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, HasSubstr("Distinct"));
  // MIN/MAX of text cannot be compared exactly at the router.
  EXPECT_THAT(
      Explain("select distinct min(name) from customer group by country"),
      testing::MysqlErrorIs(1235, "42000"));
}

TEST_F(PlannerTest, UnionAllAcrossShards) {
  auto got = Explain("select id from customer union all select id from corder");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, HasSubstr("Union All"));
}

TEST_F(PlannerTest, OrderedUnionAcrossShards) {
  auto got = Explain(
      "select name, id from customer union select note, id from corder "
      "order by name desc, 2 limit 3");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, HasSubstr("Sort 0 DESC (weight 2), 1 ASC (weight 3)"));
  EXPECT_THAT(*got, HasSubstr("Limit"));
  EXPECT_THAT(*got, HasSubstr("select note, id, weight_string(rtrim(note)), "
                              "weight_string(rtrim(id)) from corder"));
  // COUNT in every part: numbers, no weight string.
  got = Explain(
      "select count(*) from customer union all select count(*) from corder "
      "order by 1");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, HasSubstr("Sort 0 ASC"));
  EXPECT_THAT(Explain("select id from customer union select id from corder "
                      "order by nosuch"),
              testing::MysqlErrorIs(1054, "42S22"));
}

TEST_F(PlannerTest, ArithmeticOverAggregatesIsComputedAtTheRouter) {
  auto got = Explain(
      "select name, max(id) - min(id) as spread, count(*) * 2 from customer "
      "group by name having spread > 1 order by spread");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, HasSubstr("Compute 1=([4] - [5]) 2=([6] * :v1)"));
  EXPECT_THAT(*got, HasSubstr("Filter"));
  EXPECT_THAT(*got, HasSubstr("Sort"));
}

TEST_F(PlannerTest, RefusesWhatItCannotAnswerExactly) {
  const char* refused[] = {
      "select * from customer c join corder o on c.name = o.note",
      "select * from customer c where exists (select 1 from note n where "
      "n.name = c.name)",
      "select sum(id) / count(*) from customer",
      "select avg(id) * 2 from customer",
      "select ifnull(max(id), 0) from customer",
      "select -count(*) from customer",
      "select group_concat(name) from customer",
      "select name, row_number() over () from customer",
      "select * from customer join lookup.settings",
      "select id from customer union select id from corder order by id + 1",
      "select count(*) from (select id from customer limit 3) t",
  };
  for (const char* sql : refused) {
    SCOPED_TRACE(sql);
    EXPECT_THAT(Explain(sql), testing::MysqlErrorIs(1235, "42000"));
  }
}

TEST_F(PlannerTest, ReferenceTableOuterJoinedToShardedTable) {
  // NULL-extended product rows would come once per shard.
  EXPECT_THAT(
      Explain("select * from product p left join customer c on c.id = p.id"),
      testing::MysqlErrorIs(1235, "42000"));
  EXPECT_THAT(
      Explain("select * from customer c right join product p on c.id = p.id"),
      testing::MysqlErrorIs(1235, "42000"));
  // The sharded side preserved: each row lives on one shard.
  auto got =
      Explain("select * from customer c left join product p on c.id = p.id");
  EXPECT_TRUE(got.ok()) << got.status();
}

TEST_F(PlannerTest, Dml) {
  const Case cases[] = {
      {"insert into customer (id, name) values (1, 'a'), (2, 'b')",
       "Insert Sharded commerce (vindex hash): insert into customer (id, name) "
       "values (:__c0_0, :v2), (:__c1_0, :v4)"},
      {"insert into product (id) values (1)", "Insert Reference commerce"},
      {"insert into lookup.settings (a) values (1)", "Route Unsharded lookup"},
      {"update customer set name = 'x' where id = 3",
       "Update EqualUnique commerce"},
      {"delete from customer where name = 'x'", "Delete Scatter commerce"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.sql);
    auto got = Explain(c.sql);
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_THAT(*got, HasSubstr(c.want));
  }
  EXPECT_THAT(Explain("update customer set id = 4 where id = 3"),
              testing::MysqlErrorIs(1235, "42000"));
  EXPECT_THAT(Explain("insert into customer (name) values ('x')"),
              testing::MysqlErrorIs(1364, "HY000"));
}

TEST_F(PlannerTest, RoutingRulesRewriteTables) {
  auto src = vschema::ParseVSchemaJson(R"({"keyspaces": {
    "commerce": {"sharded": true, "vindexes": {"hash": {"type": "hash"}},
      "tables": {"customer": {"column_vindexes": [
        {"column": "id", "name": "hash"}]}}},
    "lookup": {"sharded": false, "tables": {"settings": {}}}},
    "routing_rules": {"rules": [
      {"from_table": "old_customer", "to_tables": ["commerce.customer"]},
      {"from_table": "lookup.s", "to_tables": ["lookup.settings"]}]}})");
  ASSERT_TRUE(src.ok()) << src.status();
  auto vs = vschema::VSchema::Build(*src, *registry_);
  ASSERT_TRUE(vs.ok()) << vs.status();
  auto plan = [&](absl::string_view sql,
                  absl::string_view target) -> absl::StatusOr<std::string> {
    auto stmt = sql::Parse(sql);
    if (!stmt.ok()) return stmt.status();
    std::vector<sql::BindValue> binds;
    sql::NormalizeStatement(&*stmt, &binds);
    PlannerContext ctx;
    ctx.vschema = vs->get();
    ctx.target = *router::ParseTarget(target);
    auto p = PlanStatement(*stmt, ctx);
    if (!p.ok()) return p.status();
    return ExplainText(*p->explain);
  };
  auto got =
      plan("select old_customer.name from old_customer where id = 5", "lookup");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, HasSubstr("Route EqualUnique commerce"));
  EXPECT_THAT(*got, HasSubstr("from commerce.customer as old_customer"));
  got = plan("select * from s", "lookup");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, HasSubstr("from lookup.settings as s"));
  got = plan("update old_customer set name = 'x' where id = 5", "commerce");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_THAT(*got, HasSubstr("update commerce.customer set"));
}

TEST_F(PlannerTest, UnknownNamesAreMysqlErrors) {
  EXPECT_THAT(Explain("select * from nosuch"),
              testing::MysqlErrorIs(1146, "42S02"));
  EXPECT_THAT(Explain("select * from nodb.t"),
              testing::MysqlErrorIs(1049, "42000"));
}

}  // namespace
}  // namespace tessera::planner
