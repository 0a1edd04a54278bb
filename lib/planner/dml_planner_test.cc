// Plans for writes: lookup-vindex routing and maintenance, sequences,
// reference tables, INSERT ... SELECT, and what is refused.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/planner/planner.h"
#include "lib/sql/normalize.h"
#include "lib/testing/status_matchers.h"
#include "lib/vindex/builtin.h"
#include "lib/vschema/loader.h"
#include "lib/vschema/vschema.h"

namespace tessera::planner {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kVSchema[] = R"({"keyspaces": {
  "shop": {"sharded": true,
    "vindexes": {
      "hash": {"type": "hash"},
      "email_idx": {"type": "lookup_unique", "owner": "user",
        "params": {"table": "meta.user_email_idx", "from": "email",
                   "to": "keyspace_id"}},
      "tag_idx": {"type": "lookup", "owner": "user",
        "params": {"table": "meta.user_tag_idx", "from": "tag",
                   "to": "keyspace_id"}},
      "wo_idx": {"type": "lookup", "owner": "item",
        "params": {"table": "meta.item_wo_idx", "from": "code",
                   "to": "keyspace_id", "write_only": "true"}}},
    "tables": {
      "user": {"column_vindexes": [{"column": "id", "name": "hash"},
                                   {"column": "email", "name": "email_idx"},
                                   {"column": "tag", "name": "tag_idx"}],
               "auto_increment": {"column": "id", "sequence": "meta.user_seq"}},
      "item": {"column_vindexes": [{"column": "user_id", "name": "hash"},
                                   {"column": "code", "name": "wo_idx"}]},
      "plain": {"column_vindexes": [{"column": "id", "name": "hash"}]},
      "visit": {"column_vindexes": [{"column": "user_id", "name": "hash"},
                                    {"column": "email", "name": "email_idx"}]},
      "country": {"type": "reference"}}},
  "meta": {"sharded": false, "tables": {
      "user_seq": {"type": "sequence"}, "user_email_idx": {},
      "user_tag_idx": {}, "item_wo_idx": {}, "notes": {},
      "counter": {"auto_increment": {"column": "id",
                                     "sequence": "user_seq"}}}}}})";

class DmlPlannerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto src = vschema::ParseVSchemaJson(kVSchema);
    ASSERT_TRUE(src.ok()) << src.status();
    registry_ = new vindex::VindexRegistry(vindex::NewBuiltinRegistry());
    auto vs = vschema::VSchema::Build(*src, *registry_);
    ASSERT_TRUE(vs.ok()) << vs.status();
    vschema_ = vs->release();
  }

  absl::StatusOr<std::string> Explain(absl::string_view sql) {
    auto stmt = sql::Parse(sql);
    if (!stmt.ok()) return stmt.status();
    std::vector<sql::BindValue> binds;
    sql::NormalizeStatement(&*stmt, &binds);
    PlannerContext ctx;
    ctx.vschema = vschema_;
    ctx.target.keyspace = "shop";
    auto plan = PlanStatement(*stmt, ctx);
    if (!plan.ok()) return plan.status();
    return ExplainText(*plan->explain);
  }

  static vindex::VindexRegistry* registry_;
  static const vschema::VSchema* vschema_;
};

vindex::VindexRegistry* DmlPlannerTest::registry_ = nullptr;
const vschema::VSchema* DmlPlannerTest::vschema_ = nullptr;

struct Case {
  const char* sql;
  const char* want;  // substring of the explain text
};

TEST_F(DmlPlannerTest, Plans) {
  const Case cases[] = {
      // Lookup routing: unique → EqualUnique, non-unique → Equal; the hash
      // vindex wins over a lookup when both apply.
      {"select * from user where email = 'a@x'", "Route EqualUnique shop"},
      {"select * from user where email = 'a@x'",
       "(vindex email_idx value :v1)"},
      {"select * from user where tag = 'red'", "Route Equal shop"},
      {"select * from user where tag in ('red', 'blue')", "Route IN shop"},
      {"select * from user where email = 'a@x' and id = 3",
       "(vindex hash value :v2)"},
      {"select * from user where email = null", "Route None shop"},
      // write_only lookups do not route.
      {"select * from item where code = 'x'", "Route Scatter shop"},
      // Sequence + owned lookups on INSERT; the id column is added.
      {"insert into user (email, tag) values ('a@x', 'red')",
       "insert into user (email, tag, id) values (:__c0_0, :__c0_1, "
       ":__c0_2)"},
      {"insert into user (email, tag) values ('a@x', 'red')",
       "sequence meta.user_seq, owned lookups"},
      {"insert into user (id, email) values (null, 'b')", "(:__c0_0, :__c0_1)"},
      // Unsharded table with a sequence.
      {"insert into meta.counter (name) values ('x')", "Insert Unsharded meta"},
      // Reference writes go everywhere.
      {"insert into country (code) values ('fr')", "Insert Reference shop"},
      {"update country set name = 'x' where code = 'fr'",
       "Update Reference shop"},
      {"delete from country where code = 'fr'", "Delete Reference shop"},
      // Owner-table DELETE and UPDATE read the rows first.
      {"delete from user where id = 5",
       "select id, email, tag from user where id = :v1 for update"},
      {"update user set email = 'n@x' where id = 5", "owned lookups"},
      // INSERT ... SELECT: rows through the router.
      {"insert into plain (id, v) select id, v from user where id = 1",
       "Insert Sharded shop"},
      {"insert into plain (id, v) select id, v from user where id = 1",
       "Route EqualUnique shop"},
      {"insert into meta.notes (a) select email from user",
       "Insert Unsharded meta"},
      // ... or unchanged when it all lives on one shard.
      {"insert into meta.notes (a) select name from meta.notes",
       "Route Unsharded meta"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.sql);
    auto got = Explain(c.sql);
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_THAT(*got, HasSubstr(c.want));
  }
  // A write_only lookup is still maintained by its owner.
  auto wo = Explain("update item set code = 'x' where user_id = 1");
  ASSERT_TRUE(wo.ok()) << wo.status();
  EXPECT_THAT(*wo, HasSubstr("owned lookups"));
  // Updating a non-lookup column of the owner needs no lookup work.
  auto plain = Explain("update user set name = 'x' where id = 5");
  ASSERT_TRUE(plain.ok());
  EXPECT_THAT(*plain, Not(HasSubstr("owned lookups")));
}

TEST_F(DmlPlannerTest, Refusals) {
  const char* refused[] = {
      "update user set id = 4 where id = 3",
      "update visit set email = 'x' where user_id = 1",  // not the owner
      "update user set email = concat(email, 'x') where id = 3",
      "insert into plain (id, v) values (1, 2) on duplicate key update id = 3",
      "insert into user (id, email) values (1, 'a') on duplicate key update "
      "name = 'x'",
      "insert ignore into user (id, email) values (1, 'a')",
      "delete from user where id = 1 limit 1",
      "insert into user (id, email) values (1 + 1, 'a')",
      "insert into user (email) select email from plain",
      "insert into plain set id = 1",
  };
  for (const char* sql : refused) {
    SCOPED_TRACE(sql);
    EXPECT_THAT(Explain(sql), testing::MysqlErrorIs(1235, "42000"));
  }
}

}  // namespace
}  // namespace tessera::planner
