// Plans for cross-shard joins and pulled-out subqueries (explain text),
// and what they refuse.
#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/planner/planner.h"
#include "lib/sql/normalize.h"
#include "lib/testing/status_matchers.h"
#include "lib/vindex/builtin.h"
#include "lib/vschema/loader.h"

namespace tessera::planner {
namespace {

using ::testing::HasSubstr;

class JoinPlannerTest : public ::testing::Test {
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

  static absl::StatusOr<std::string> Explain(absl::string_view sql) {
    auto stmt = sql::Parse(sql);
    if (!stmt.ok()) return stmt.status();
    std::vector<sql::BindValue> binds;
    sql::NormalizeStatement(&*stmt, &binds);
    PlannerContext ctx;
    ctx.vschema = vschema_;
    ctx.target.keyspace = "commerce";
    auto plan = PlanStatement(*stmt, ctx);
    if (!plan.ok()) return plan.status();
    return ExplainText(*plan->explain);
  }

  static vindex::VindexRegistry* registry_;
  static const vschema::VSchema* vschema_;
};

vindex::VindexRegistry* JoinPlannerTest::registry_ = nullptr;
const vschema::VSchema* JoinPlannerTest::vschema_ = nullptr;

struct Case {
  const char* sql;
  std::vector<const char*> want;  // substrings of the explain text
};

TEST_F(JoinPlannerTest, Plans) {
  const Case cases[] = {
      // Not co-located: each customer row looks up its notes by vindex.
      {"select c.id, n.name from customer c join note n on n.name = c.name "
       "where c.id = 3",
       {"Join Join (:__j0_1=L1)",
        "Route EqualUnique commerce (vindex hash value :v1): select c.id, "
        "c.name from customer as c where c.id = :v1",
        "Route EqualUnique commerce (vindex xx value :__j0_1): select n.name "
        "from note as n where n.name = :__j0_1"}},
      // Co-located on the vindex: one route.
      {"select c.id, o.id from customer c join corder o on o.customer_id = "
       "c.id",
       {"Route Scatter commerce: select c.id, o.id from customer as c join "
        "corder as o on o.customer_id = c.id"}},
      // LEFT JOIN with an anti-join filter evaluated at the router.
      {"select c.id from customer c left join note n on n.name = c.name "
       "where n.name is null",
       {"Filter", "IS NULL", "Join HashLeftJoin (L1=R0; else :__j0_1=L1)"}},
      // Across keyspaces.
      {"select c.id, s.a from customer c join lookup.settings s on s.a = "
       "c.id",
       {"Join HashJoin (L1=R1; else :__j0_1=L1)",
        "Route Scatter commerce: select c.id, c.id, weight_string(rtrim(c.id)) "
        "from customer as c",
        "Route Unsharded lookup: select s.a, s.a, weight_string(rtrim(s.a)) "
        "from lookup.settings as s"}},
      // A reference table on the preserved side of a LEFT JOIN with a
      // sharded table cannot be one scatter route.
      {"select p.id, c.id from product p left join customer c on c.id = "
       "p.id",
       {"Join LeftJoin", "Route Reference commerce",
        "Route EqualUnique commerce"}},
      {"select c.name, count(*) from customer c join note n on n.name = "
       "c.name group by c.name",
       {"Aggregate", "Sort"}},
      // HAVING and ORDER BY on aggregates not selected: hidden items.
      {"select c.name from customer c join note n on n.name = c.name group "
       "by c.name having count(*) > 1 order by max(c.id) desc",
       {"Aggregate", "Filter", "Project"}},
      // DISTINCT over aggregated rows.
      {"select distinct count(*) from customer c join note n on n.name = "
       "c.name group by c.name",
       {"Aggregate", "Distinct"}},
      {"select id from customer where id in (select customer_id from corder "
       "where total > 3)",
       {"PulloutSubquery PulloutIn",
        "Route IN commerce (vindex hash value :__sq1): select id from "
        "customer where :__sq_has_values1 and id in (::__sq1)"}},
      {"select id from customer where id not in (select customer_id from "
       "corder)",
       {"not :__sq_has_values1 or id not in (::__sq1)"}},
      {"select id from customer where total > (select avg(total) from "
       "corder)",
       {"PulloutSubquery PulloutValue", "where total > :__sq1"}},
      {"select c.id from customer c where exists (select 1 from corder o "
       "where o.customer_id = c.id)",
       {"Route Scatter commerce: select c.id from customer as c where exists "
        "(select :v1 from corder as o where o.customer_id = c.id)"}},
      {"select id from customer where exists (select 1 from corder where "
       "total > 3)",
       {"PulloutSubquery PulloutExists", "where :__sq1"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.sql);
    auto got = Explain(c.sql);
    ASSERT_TRUE(got.ok()) << got.status();
    for (const char* w : c.want) EXPECT_THAT(*got, HasSubstr(w)) << *got;
  }
}

TEST_F(JoinPlannerTest, Refuses) {
  const char* refused[] = {
      "select * from customer c join note n on n.name = c.name",
      "select id from customer c join note n on n.name = c.name",
      "select c.id, coalesce(n.name, 'x') from customer c left join note n "
      "on n.name = c.name",
      "select c.id from customer c join note n using (name)",
      "select c.id from customer c join note n on n.name = c.name where "
      "c.id in (select n2.name from note n2 where n2.name = c.name)",
      "select id from customer where id = any (select customer_id from "
      "corder)",
      "select id from customer where id in (select customer_id from corder "
      "limit 2)",
      "select distinct min(c.name) from customer c join note n on n.name = "
      "c.name group by c.id",
  };
  for (const char* sql : refused) {
    SCOPED_TRACE(sql);
    EXPECT_THAT(Explain(sql), testing::MysqlErrorIs(1235, "42000"));
  }
}

}  // namespace
}  // namespace tessera::planner
