#include "lib/vschema/loader.h"

#include <google/protobuf/util/message_differencer.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"

namespace tessera::vschema {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::StatusIs;
using ::testing::HasSubstr;

constexpr char kTestdata[] = "lib/vschema/testdata/";

TEST(LoaderTest, SingleKeyspaceFile) {
  LoadOptions opts;
  opts.keyspace = "customer";
  auto vs = LoadVSchemaFile(std::string(kTestdata) + "customer.json", opts);
  ASSERT_THAT(vs, IsOk());
  ASSERT_EQ(vs->keyspaces().size(), 1u);
  const vschemapb::Keyspace& ks = vs->keyspaces().at("customer");
  EXPECT_TRUE(ks.sharded());
  EXPECT_EQ(ks.vindexes().at("email_idx").type(), "consistent_lookup_unique");
  EXPECT_EQ(ks.vindexes().at("email_idx").params().at("to"), "keyspace_id");
  EXPECT_EQ(ks.vindexes().at("email_idx").owner(), "customer");
  const vschemapb::Table& c = ks.tables().at("customer");
  ASSERT_EQ(c.column_vindexes_size(), 3);
  EXPECT_EQ(c.column_vindexes(1).column(), "email");
  EXPECT_EQ(c.auto_increment().sequence(), "commerce.customer_seq");
  EXPECT_EQ(c.columns(0).type(), vschemapb::INT64);
  EXPECT_EQ(ks.tables().at("by_region").column_vindexes(0).columns_size(), 2);
  EXPECT_EQ(ks.tables().at("settings").pinned(), "00");
  EXPECT_EQ(ks.tables().at("countries").source(), "commerce.countries");
}

TEST(LoaderTest, ClusterFile) {
  auto vs = LoadVSchemaFile(std::string(kTestdata) + "cluster.json");
  ASSERT_THAT(vs, IsOk());
  EXPECT_EQ(vs->keyspaces().size(), 2u);
  ASSERT_EQ(vs->routing_rules().rules_size(), 2);
  EXPECT_EQ(vs->routing_rules().rules(1).from_table(), "customer.product");
  EXPECT_EQ(vs->routing_rules().rules(1).to_tables(0), "commerce.product");
}

TEST(LoaderTest, UnknownFieldsAreNamed) {
  const char* json = R"({
    "sharded": true,
    "shardedd": false,
    "vindexes": {"h": {"type": "hash", "paramz": {}}},
    "tables": {"t": {"colum_vindexes": [],
                     "column_vindexes": [{"column": "a", "nme": "h"}],
                     "auto_increment": {"column": "id", "seq": "s"}}}
  })";
  EXPECT_THAT(ParseVSchemaJson(json),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown field(s): shardedd, "
                                 "tables.t.auto_increment.seq, "
                                 "tables.t.colum_vindexes, "
                                 "tables.t.column_vindexes[0].nme, "
                                 "vindexes.h.paramz")));
  LoadOptions ignore;
  ignore.ignore_unknown_fields = true;
  auto vs = ParseVSchemaJson(json, ignore);
  ASSERT_THAT(vs, IsOk());
  EXPECT_TRUE(vs->keyspaces().at("ks").sharded());
}

TEST(LoaderTest, UnknownFieldsInClusterForm) {
  EXPECT_THAT(
      ParseVSchemaJson(R"({"keyspaces": {"a": {"tabels": {}}},
                           "routing_rules": {"rules": [{"from": "x"}]}})"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("keyspaces.a.tabels, routing_rules.rules[0].from")));
}

TEST(LoaderTest, EveryVitessRuleKind) {
  auto vs = ParseVSchemaJson(R"({"keyspaces": {"a": {
      "multi_tenant_spec": {"tenant_id_column_name": "tid",
                            "tenant_id_column_type": "INT64"},
      "foreign_key_mode": "managed"}},
    "shard_routing_rules": {"rules": [{"from_keyspace": "a",
                                       "to_keyspace": "b", "shard": "-80"}]},
    "keyspace_routing_rules": {"rules": [{"from_keyspace": "a",
                                          "to_keyspace": "b"}]},
    "mirror_rules": {"rules": [{"from_table": "a.t", "to_table": "b.t",
                                "percent": 10}]}})");
  ASSERT_THAT(vs, IsOk());
  EXPECT_EQ(vs->keyspaces().at("a").foreign_key_mode(), vschemapb::managed);
  EXPECT_EQ(vs->shard_routing_rules().rules(0).shard(), "-80");
  EXPECT_EQ(vs->mirror_rules().rules(0).percent(), 10);
}

TEST(LoaderTest, CamelCaseNamesAreAccepted) {
  auto vs = ParseVSchemaJson(
      R"({"sharded": true, "tables": {"t": {"columnVindexes":
          [{"column": "a", "name": "h"}]}}})");
  ASSERT_THAT(vs, IsOk());
  EXPECT_EQ(vs->keyspaces().at("ks").tables().at("t").column_vindexes_size(),
            1);
}

TEST(LoaderTest, SyntaxAndTypeErrors) {
  EXPECT_THAT(ParseVSchemaJson("{"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("not valid JSON")));
  EXPECT_THAT(ParseVSchemaJson("[1]"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("must be a JSON object")));
  EXPECT_THAT(
      ParseVSchemaJson(R"({"sharded": [1]})"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("bad vschema")));
  EXPECT_THAT(ParseVSchemaJson(R"({"tables": {"t": {"columns":
                                  [{"name": "a", "type": "INTEGER"}]}}})"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(LoadVSchemaFile("/nonexistent/vschema.json"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST(LoaderTest, ToJsonRoundTrips) {
  auto vs = LoadVSchemaFile(std::string(kTestdata) + "cluster.json");
  ASSERT_THAT(vs, IsOk());
  std::string json = ToJson(*vs);
  EXPECT_THAT(json, HasSubstr("\"routing_rules\""));
  auto again = ParseVSchemaJson(json);
  ASSERT_THAT(again, IsOk());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(*again, *vs));
}

}  // namespace
}  // namespace tessera::vschema
