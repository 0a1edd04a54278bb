#include "lib/vschema/owned_lookups.h"

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"
#include "lib/vindex/builtin.h"
#include "lib/vindex/test_support.h"

namespace tessera::vschema {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::StatusIs;
using ::tessera::vindex::ExecMode;
using ::tessera::vindex::Value;
using ::tessera::vindex::testing::FakeExecutor;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class OwnedLookupsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto doc = ParseVSchemaJson(R"({
      "sharded": true,
      "vindexes": {
        "hash": {"type": "hash"},
        "email": {"type": "lookup_unique", "owner": "user",
                  "params": {"table": "email_idx", "from": "email",
                             "to": "ksid"}},
        "name": {"type": "consistent_lookup", "owner": "user",
                 "params": {"table": "name_idx", "from": "first,last",
                            "to": "ksid"}},
        "other": {"type": "lookup", "params": {"table": "o_idx",
                  "from": "o", "to": "ksid"}}
      },
      "tables": {"user": {"column_vindexes": [
        {"column": "id", "name": "hash"},
        {"column": "email", "name": "email"},
        {"columns": ["first", "last"], "name": "name"},
        {"column": "o", "name": "other"}]}}})");
    ASSERT_THAT(doc, IsOk());
    auto vs = VSchema::Build(*doc, registry_);
    ASSERT_THAT(vs, IsOk());
    vs_ = *std::move(vs);
    table_ = *vs_->FindTable("ks", "user");
  }

  std::vector<std::string> Sql() const {
    std::vector<std::string> out;
    for (const auto& c : ex_.calls()) out.push_back(c.sql);
    return out;
  }

  vindex::VindexRegistry registry_ = vindex::NewBuiltinRegistry();
  std::unique_ptr<VSchema> vs_;
  const Table* table_ = nullptr;
  FakeExecutor ex_;
};

TEST_F(OwnedLookupsTest, OnlyOwnedLookups) {
  auto owned = OwnedLookups(*table_);
  ASSERT_EQ(owned.size(), 2u);
  EXPECT_EQ(owned[0]->vindex_name, "email");
  EXPECT_EQ(owned[1]->vindex_name, "name");
}

TEST_F(OwnedLookupsTest, InsertDeleteUpdate) {
  ColumnValues row = {{"ID", Value::Int64(1)},
                      {"Email", Value::Text("a@x")},
                      {"first", Value::Text("Ada")},
                      {"last", Value::Text("L")}};
  ASSERT_THAT(CreateOwnedLookups(*table_, {row}, {"\x01"}, &ex_), IsOk());
  EXPECT_THAT(Sql(), ElementsAre("insert into email_idx(email, ksid) values "
                                 "('a@x', X'01')",
                                 "insert into name_idx(first, last, ksid) "
                                 "values ('Ada', 'L', X'01')"));
  EXPECT_EQ(ex_.calls()[1].mode, ExecMode::kPre);
  ex_.clear();
  ASSERT_THAT(UpdateOwnedLookups(*table_, row, {{"email", Value::Text("b@x")}},
                                 "\x01", &ex_),
              IsOk());
  EXPECT_THAT(Sql(), ElementsAre("delete from email_idx where email = 'a@x' "
                                 "and ksid = X'01'",
                                 "insert into email_idx(email, ksid) values "
                                 "('b@x', X'01')"));
  ex_.clear();
  ASSERT_THAT(DeleteOwnedLookups(*table_, {row}, {"\x01"}, &ex_), IsOk());
  EXPECT_EQ(ex_.calls().size(), 2u);
  EXPECT_EQ(ex_.calls()[1].mode, ExecMode::kPost);
}

TEST_F(OwnedLookupsTest, Errors) {
  ColumnValues partial = {{"email", Value::Text("a@x")}};
  EXPECT_THAT(CreateOwnedLookups(*table_, {partial}, {"\x01"}, &ex_),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("no value for column first of lookup "
                                 "vindex name")));
  EXPECT_THAT(CreateOwnedLookups(*table_, {partial}, {}, &ex_),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("1 rows but 0 keyspace ids")));
}

}  // namespace
}  // namespace tessera::vschema
