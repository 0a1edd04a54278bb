// Owner-table DML keeps the lookup tables of a built VSchema in step on a
// real MariaDB (integration): vschema -> vindex -> executor -> server.
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/mariadb_fixture.h"
#include "lib/testing/status_matchers.h"
#include "lib/vindex/builtin.h"
#include "lib/vindex/hash.h"
#include "lib/vindex/mariadb_test_executor.h"
#include "lib/vschema/owned_lookups.h"

namespace tessera::vschema {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::MariadbFixture;
using ::tessera::testing::MysqlErrorIs;
using ::tessera::vindex::Value;
using ::tessera::vindex::testing::MariadbTestExecutor;

TEST(OwnedLookupsMariadbTest, InsertUpdateDeleteMaintainLookups) {
  auto db = MariadbFixture::Start({});
  ASSERT_THAT(db, IsOk());
  const auto& s = (*db)->primary(0);
  for (const char* sql :
       {"create database ks",
        "create table ks.email_idx (email varchar(64) primary key,"
        " ksid varbinary(8))",
        "create table ks.user (id bigint primary key, email varchar(64))"}) {
    ASSERT_THAT(::tessera::testing::Exec(s, sql), IsOk()) << sql;
  }
  auto doc = ParseVSchemaJson(R"({
    "sharded": true,
    "vindexes": {
      "hash": {"type": "hash"},
      "email": {"type": "consistent_lookup_unique", "owner": "user",
                "params": {"table": "email_idx", "from": "email",
                           "to": "ksid"}}},
    "tables": {"user": {"column_vindexes": [
      {"column": "id", "name": "hash"},
      {"column": "email", "name": "email"}]}}})");
  ASSERT_THAT(doc, IsOk());
  vindex::VindexRegistry registry = vindex::NewBuiltinRegistry();
  auto vs = VSchema::Build(*doc, registry);
  ASSERT_THAT(vs, IsOk());
  const Table* user = *(*vs)->FindTable("ks", "user");
  auto ex =
      MariadbTestExecutor::Connect({s.host, s.port, s.user, s.password, "ks"});
  ASSERT_THAT(ex, IsOk());

  // INSERT two users; their lookup rows point at hash(id).
  std::string k1 = vindex::VitessHash(1), k2 = vindex::VitessHash(2);
  ColumnValues u1 = {{"id", Value::Int64(1)}, {"email", Value::Text("a@x")}};
  ColumnValues u2 = {{"id", Value::Int64(2)}, {"email", Value::Text("b@x")}};
  ASSERT_THAT(CreateOwnedLookups(*user, {u1, u2}, {k1, k2}, ex->get()), IsOk());
  ASSERT_THAT(::tessera::testing::Exec(
                  s, "insert into ks.user values (1, 'a@x'), (2, 'b@x')"),
              IsOk());
  ASSERT_THAT((*ex)->Commit(), IsOk());
  const vindex::Vindex* email = (*vs)->FindVindex("ks", "email");
  auto d = email->Map({{Value::Text("B@X")}}, ex->get());
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ((*d)[0], vindex::Destination::KeyspaceId(k2));

  // A third user with a taken email is refused: the owner row exists.
  ColumnValues u3 = {{"id", Value::Int64(3)}, {"email", Value::Text("a@x")}};
  EXPECT_THAT(
      CreateOwnedLookups(*user, {u3}, {vindex::VitessHash(3)}, ex->get()),
      MysqlErrorIs(1062, "23000"));
  ASSERT_THAT((*ex)->Rollback(), IsOk());

  // UPDATE user 1's email, then DELETE user 2.
  ASSERT_THAT(UpdateOwnedLookups(*user, u1, {{"email", Value::Text("c@x")}}, k1,
                                 ex->get()),
              IsOk());
  ASSERT_THAT(DeleteOwnedLookups(*user, {u2}, {k2}, ex->get()), IsOk());
  ASSERT_THAT((*ex)->Commit(), IsOk());
  auto rows = ::tessera::testing::Query(
      s, "select email, hex(ksid) from ks.email_idx order by email");
  ASSERT_THAT(rows, IsOk());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(*(*rows)[0][0], "c@x");
  EXPECT_EQ(*(*rows)[0][1], "166B40B44ABA4BD6");
}

}  // namespace
}  // namespace tessera::vschema
