#include "lib/vschema/vschema.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/base/mysql_error.h"
#include "lib/testing/status_matchers.h"
#include "lib/vindex/builtin.h"
#include "lib/vindex/lookup_vindex.h"

namespace tessera::vschema {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::MysqlErrorIs;
using ::tessera::testing::StatusIs;
using ::testing::HasSubstr;

constexpr char kTestdata[] = "lib/vschema/testdata/";

// The customer keyspace file plus the commerce keyspace it refers to.
absl::StatusOr<std::unique_ptr<VSchema>> BuildExample(
    const vindex::VindexRegistry& registry) {
  LoadOptions opts;
  opts.keyspace = "customer";
  auto customer =
      LoadVSchemaFile(std::string(kTestdata) + "customer.json", opts);
  if (!customer.ok()) return customer.status();
  auto cluster = LoadVSchemaFile(std::string(kTestdata) + "cluster.json");
  if (!cluster.ok()) return cluster.status();
  (*cluster->mutable_keyspaces())["customer"] =
      customer->keyspaces().at("customer");
  return VSchema::Build(*cluster, registry);
}

TEST(VSchemaTest, BuildsTheExample) {
  vindex::VindexRegistry registry = vindex::NewBuiltinRegistry();
  auto vs = BuildExample(registry);
  ASSERT_THAT(vs, IsOk());
  const KeyspaceSchema* ks = (*vs)->FindKeyspace("customer");
  ASSERT_NE(ks, nullptr);
  EXPECT_TRUE(ks->sharded);
  const Table& customer = *ks->tables.at("customer");
  ASSERT_EQ(customer.column_vindexes.size(), 3u);
  EXPECT_EQ(customer.primary()->vindex_name, "hash");
  EXPECT_EQ(customer.column_vindexes[0].vindex->type(), "hash");
  EXPECT_TRUE(customer.column_vindexes[1].owned);
  ASSERT_TRUE(customer.auto_increment.has_value());
  EXPECT_EQ(customer.auto_increment->sequence->QualifiedName(),
            "commerce.customer_seq");
  // Unqualified sequence found in the other keyspace.
  EXPECT_EQ(ks->tables.at("orders")->auto_increment->sequence->name,
            "order_seq");
  EXPECT_EQ(ks->tables.at("settings")->pinned, std::string(1, '\0'));
  EXPECT_EQ(ks->tables.at("countries")->source->QualifiedName(),
            "commerce.countries");
  EXPECT_EQ(ks->tables.at("by_region")->column_vindexes[0].columns.size(), 2u);
  const vindex::Vindex* email = (*vs)->FindVindex("customer", "email_idx");
  ASSERT_NE(email, nullptr);
  EXPECT_TRUE(email->needs_lookup());
  EXPECT_EQ(email->AsLookup()->params().table, "commerce.email_lookup");
  std::string summary = (*vs)->Summary();
  EXPECT_THAT(summary, HasSubstr("keyspace customer (sharded): 5 tables, 4 "
                                 "vindexes"));
  EXPECT_THAT(summary,
              HasSubstr("table customer vindexes[customer_id:hash email:"
                        "email_idx (owner) name:name_idx (owner)] "
                        "auto_increment customer_id from "
                        "commerce.customer_seq"));
  EXPECT_THAT(summary, HasSubstr("routing rule product -> commerce.product"));
}

TEST(VSchemaTest, FindTable) {
  vindex::VindexRegistry registry = vindex::NewBuiltinRegistry();
  auto vs = BuildExample(registry);
  ASSERT_THAT(vs, IsOk());
  auto t = (*vs)->FindTable("customer", "orders");
  ASSERT_THAT(t, IsOk());
  EXPECT_EQ((*t)->QualifiedName(), "customer.orders");
  // Routing rule: customer.product -> commerce.product.
  t = (*vs)->FindTable("customer", "product");
  ASSERT_THAT(t, IsOk());
  EXPECT_EQ((*t)->QualifiedName(), "commerce.product");
  t = (*vs)->FindTable("", "order_seq");
  ASSERT_THAT(t, IsOk());
  EXPECT_EQ((*t)->keyspace, "commerce");
  EXPECT_THAT(
      (*vs)->FindTable("", "countries"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("ambiguous")));
  EXPECT_THAT((*vs)->FindTable("customer", "nope"),
              MysqlErrorIs(1146, "42S02"));
  EXPECT_THAT((*vs)->FindTable("", "nope"), MysqlErrorIs(1146, "42S02"));
}

struct ErrorCase {
  const char* json;
  const char* message;
};

TEST(VSchemaTest, ValidationErrors) {
  const ErrorCase cases[] = {
      {R"({"sharded": true, "vindexes": {"v": {"type": "hashh"}}})",
       "keyspace 'ks': unknown vindex type 'hashh' for vindex 'v'"},
      {R"({"sharded": true, "tables": {"t": {"column_vindexes":
            [{"column": "a", "name": "nope"}]}}})",
       "keyspace 'ks' table 't': column_vindexes[0]: names undefined vindex "
       "'nope'"},
      {R"({"sharded": true, "tables": {"t": {}}})",
       "keyspace 'ks' table 't': a table in a sharded keyspace needs "
       "column_vindexes"},
      {R"({"sharded": true, "vindexes": {"l": {"type": "lookup", "params":
            {"table": "lk", "from": "a", "to": "k"}}},
           "tables": {"t": {"column_vindexes": [{"column": "a", "name": "l"}]}}})",
       "keyspace 'ks' table 't': primary vindex 'l' (lookup) is not unique"},
      {R"({"keyspaces": {"ks": {"tables": {"t": {"auto_increment":
            {"column": "id", "sequence": "seq"}}}}}})",
       "keyspace 'ks' table 't': auto_increment sequence 'seq' is not "
       "defined"},
      {R"({"tables": {"seq": {}, "t": {"auto_increment": {"column": "id",
            "sequence": "seq"}}}})",
       "auto_increment sequence 'seq' is not a sequence table"},
      {R"({"keyspaces": {"ks": {"tables": {"t": {"type": "reference",
            "source": "other.t"}}}}})",
       "keyspace 'ks' table 't': reference source keyspace 'other' is not "
       "defined"},
      {R"({"tables": {"t": {"type": "reference", "source": "t2"}}})",
       "source 't2' must be qualified as keyspace.table"},
      {R"({"sharded": true, "vindexes": {"h": {"type": "hash",
            "params": {"x": "1"}}}})",
       "vindex 'h' (type hash): unknown param(s) x"},
      {R"({"sharded": true, "vindexes": {"l": {"type": "lookup_unique",
            "params": {"from": "a", "to": "k"}}}})",
       "vindex 'l' (type lookup_unique): missing param table"},
      {R"({"tables": {"t": {"type": "view"}}})", "unknown table type 'view'"},
      {R"({"sharded": true, "tables": {"s": {"type": "sequence"}}})",
       "sequence tables must be in an unsharded keyspace"},
      {R"({"sharded": true, "vindexes": {"h": {"type": "hash"}},
           "tables": {"t": {"column_vindexes": [{"name": "h"}]}}})",
       "column_vindexes[0]: names no column"},
      {R"({"sharded": true, "vindexes": {"h": {"type": "hash"}},
           "tables": {"t": {"column_vindexes": [{"columns": ["a", "b"],
            "name": "h"}]}}})",
       "vindex 'h' (hash) takes 1 column(s), got 2"},
      {R"({"sharded": true, "tables": {"t": {"pinned": "zz"}}})",
       "keyspace 'ks' table 't': pinned: 'zz' is not an even-length"},
      {R"({"sharded": true, "vindexes": {"l": {"type": "lookup_unique",
            "params": {"table": "lk", "from": "a", "to": "k"},
            "owner": "missing"}}})",
       "vindex 'l' names owner table 'missing' which is not defined"},
      {R"({"keyspaces": {"a": {}}, "routing_rules": {"rules": [
            {"from_table": "t", "to_tables": ["b.t"]},
            {"from_table": "u", "to_tables": ["u"]},
            {"from_table": "v"}]}})",
       "routing rule 't': target keyspace 'b' is not defined\n"
       "  routing rule 'u': target 'u' must be qualified as keyspace.table\n"
       "  routing rule 'v': to_tables is empty"},
  };
  for (const ErrorCase& c : cases) {
    EXPECT_THAT(
        ValidateVSchemaJson(c.json),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.message)))
        << c.json;
  }
}

TEST(VSchemaTest, ReportsEveryProblem) {
  absl::Status s = ValidateVSchemaJson(
      R"({"sharded": true, "vindexes": {"v": {"type": "x"}},
          "tables": {"a": {}, "b": {}}})");
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument,
                          HasSubstr("invalid vschema (3 problems)")));
}

TEST(VSchemaTest, ValidUnshardedAndIgnoreOption) {
  EXPECT_THAT(ValidateVSchemaJson(R"({"tables": {"t": {}}})"), IsOk());
  EXPECT_THAT(ValidateVSchemaJson(R"({"tables": {"t": {"x": 1}}})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown field(s): tables.t.x")));
  LoadOptions ignore;
  ignore.ignore_unknown_fields = true;
  EXPECT_THAT(ValidateVSchemaJson(R"({"tables": {"t": {"x": 1}}})", ignore),
              IsOk());
  const char* params = R"({"sharded": true, "vindexes": {"h": {"type": "hash",
      "params": {"legacy": "1"}}}})";
  EXPECT_THAT(ValidateVSchemaJson(params),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown param(s) legacy")));
  EXPECT_THAT(ValidateVSchemaJson(params, ignore), IsOk());
}

}  // namespace
}  // namespace tessera::vschema

namespace tessera::vschema {
namespace {

TEST(VSchemaTest, SingleKeyspaceMayReferToOtherKeyspaces) {
  const char* json = R"({"tables": {
      "t": {"auto_increment": {"column": "id", "sequence": "other.seq"}},
      "r": {"type": "reference", "source": "other.r"},
      "u": {"auto_increment": {"column": "id", "sequence": "elsewhere"}}}})";
  EXPECT_THAT(ValidateVSchemaJson(json), IsOk());
  auto parsed = ParseVSchemaJson(json);
  ASSERT_THAT(parsed, IsOk());
  vindex::VindexRegistry registry = vindex::NewBuiltinRegistry();
  // Strict (whole-cluster) build: the references must resolve.
  EXPECT_THAT(VSchema::Build(*parsed, registry),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("keyspace 'other' is not defined")));
  BuildOptions lenient;
  lenient.allow_external_keyspaces = true;
  auto vs = VSchema::Build(*parsed, registry, lenient);
  ASSERT_THAT(vs, IsOk());
  const Table* t = *(*vs)->FindTable("ks", "t");
  EXPECT_EQ(t->auto_increment->sequence_name, "other.seq");
  EXPECT_EQ(t->auto_increment->sequence, nullptr);
  EXPECT_THAT((*vs)->Summary(), HasSubstr("source other.r (external)"));
  // A cluster document is always strict.
  EXPECT_THAT(ValidateVSchemaJson(R"({"keyspaces": {"ks": {"tables": {
      "t": {"auto_increment": {"column": "id", "sequence": "other.seq"}}}}}})"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace tessera::vschema
