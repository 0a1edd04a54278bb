// Checks the corpus vschema.json against Tessera's VSchema builder, and the
// corpus's routing assumptions against the vindexes: values that compare
// equal under utf8mb4_general_ci must map to one keyspace id through
// merchant's unicode_loose_md5, or point queries through the router would
// miss rows the single server finds.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "lib/vindex/builtin.h"
#include "lib/vindex/vindex.h"
#include "lib/vschema/loader.h"
#include "lib/vschema/vschema.h"

namespace tessera {
namespace {

using vindex::Destination;
using vindex::Value;
using vschema::TableType;

class VschemaCorpusTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    registry_ = new vindex::VindexRegistry(vindex::NewBuiltinRegistry());
    auto source =
        vschema::LoadVSchemaFile("tests/differential/vschema.json", {});
    ASSERT_TRUE(source.ok()) << source.status();
    auto built = vschema::VSchema::Build(*source, *registry_);
    ASSERT_TRUE(built.ok()) << built.status();
    vschema_ = built->release();
  }
  static void TearDownTestSuite() {
    delete vschema_;
    delete registry_;
  }

  static const vschema::Table& TableOf(const char* keyspace, const char* name) {
    auto table = vschema_->FindTable(keyspace, name);
    EXPECT_TRUE(table.ok())
        << keyspace << "." << name << ": " << table.status();
    return **table;
  }

  static std::string Ksid(const vindex::Vindex& v, Value value) {
    auto dest = v.Map({vindex::Row{std::move(value)}}, nullptr);
    EXPECT_TRUE(dest.ok()) << dest.status();
    if (!dest.ok() || dest->size() != 1) return "";
    EXPECT_EQ((*dest)[0].kind, Destination::Kind::kKeyspaceId);
    return (*dest)[0].ksids.empty() ? "" : (*dest)[0].ksids[0];
  }

  static vindex::VindexRegistry* registry_;
  static vschema::VSchema* vschema_;
};

vindex::VindexRegistry* VschemaCorpusTest::registry_ = nullptr;
vschema::VSchema* VschemaCorpusTest::vschema_ = nullptr;

TEST_F(VschemaCorpusTest, Keyspaces) {
  ASSERT_NE(vschema_, nullptr);
  ASSERT_NE(vschema_->FindKeyspace("commerce"), nullptr);
  ASSERT_NE(vschema_->FindKeyspace("main"), nullptr);
  EXPECT_TRUE(vschema_->FindKeyspace("commerce")->sharded);
  EXPECT_FALSE(vschema_->FindKeyspace("main")->sharded);
  EXPECT_EQ(vschema_->keyspaces().size(), 2u);
}

TEST_F(VschemaCorpusTest, PrimaryVindexes) {
  ASSERT_NE(vschema_, nullptr);
  struct Case {
    const char* table;
    const char* column;
    const char* type;
  };
  for (const Case& c :
       std::vector<Case>{{"customer", "customer_id", "hash"},
                         {"corder", "customer_id", "hash"},
                         {"order_line", "order_id", "xxhash"},
                         {"merchant", "handle", "unicode_loose_md5"},
                         {"api_key", "key_bytes", "binary_md5"},
                         {"device_event", "device_id", "hash"}}) {
    const vschema::Table& t = TableOf("commerce", c.table);
    ASSERT_FALSE(t.column_vindexes.empty()) << c.table;
    const auto& primary = t.column_vindexes[0];
    EXPECT_EQ(primary.columns, std::vector<std::string>{c.column}) << c.table;
    ASSERT_NE(primary.vindex, nullptr) << c.table;
    EXPECT_EQ(primary.vindex->type(), c.type) << c.table;
    EXPECT_TRUE(primary.vindex->unique()) << c.table;
  }
}

TEST_F(VschemaCorpusTest, LookupSequencesAndReference) {
  ASSERT_NE(vschema_, nullptr);
  const vschema::Table& corder = TableOf("commerce", "corder");
  ASSERT_EQ(corder.column_vindexes.size(), 2u);
  const auto& lookup = corder.column_vindexes[1];
  EXPECT_EQ(lookup.columns, std::vector<std::string>{"order_id"});
  ASSERT_NE(lookup.vindex, nullptr);
  EXPECT_EQ(lookup.vindex->type(), "lookup_unique");
  EXPECT_TRUE(lookup.vindex->needs_lookup());
  EXPECT_TRUE(lookup.owned);

  for (const char* name : {"customer", "corder"}) {
    const vschema::Table& t = TableOf("commerce", name);
    ASSERT_TRUE(t.auto_increment.has_value()) << name;
    ASSERT_NE(t.auto_increment->sequence, nullptr) << name;
    EXPECT_EQ(t.auto_increment->sequence->type, TableType::kSequence);
    EXPECT_EQ(t.auto_increment->sequence->QualifiedName(),
              std::string("main.") + name + "_seq");
  }
  EXPECT_EQ(TableOf("commerce", "customer").auto_increment->column,
            "customer_id");
  EXPECT_EQ(TableOf("commerce", "corder").auto_increment->column, "order_id");
  EXPECT_EQ(TableOf("commerce", "product").type, TableType::kReference);
  EXPECT_EQ(TableOf("main", "country").type, TableType::kNormal);
  EXPECT_EQ(TableOf("main", "corder_keyspace_idx").type, TableType::kNormal);
}

// Handles of merchant that tie under utf8mb4_general_ci (data.sql and the
// sharded-on-text group of dml.sql) must share a keyspace id.
TEST_F(VschemaCorpusTest, CaseAndAccentTiesShareAKeyspaceId) {
  ASSERT_NE(vschema_, nullptr);
  const vindex::Vindex& v =
      *TableOf("commerce", "merchant").column_vindexes[0].vindex;
  const std::vector<std::vector<std::string>> ties = {
      {"acme", "Acme", "ACME"},
      {"caf\xc3\xa9-bleu", "cafe-bleu", "Caf\xc3\xa9-Bleu", "CAFE-BLEU"},
      {"z\xc3\xbcrich-ltd", "zurich-ltd", "Zurich-Ltd", "Z\xc3\xbcrich-LTD"},
      {"se\xc3\xb1or-taco", "senor-taco"},
      {"cr\xc3\xa8me-br\xc3\xbbl\xc3\xa9"
       "e",
       "creme-brulee"},
      {"g\xc3\xb6teborg", "goteborg", "GOTEBORG"},
      {"na\xc3\xafve-art", "naive-art"},
      {"\xc3\xbc"
       "ber",
       "uber"},
      {"\xc3\xa0la-carte", "ala-carte"},
      {"z", "Z"},
      {"Cr\xc3\xaape-Noire", "crepe-noire", "CREPE-NOIRE",
       "cr\xc3\xaape-noire"},
  };
  for (const auto& group : ties) {
    const std::string first = Ksid(v, Value::Text(group[0]));
    EXPECT_FALSE(first.empty()) << group[0];
    for (const std::string& s : group) {
      EXPECT_EQ(Ksid(v, Value::Text(s)), first) << group[0] << " vs " << s;
    }
  }
  EXPECT_NE(Ksid(v, Value::Text("acme")), Ksid(v, Value::Text("shop")));
}

// api_key's binary_md5 keeps bytes distinct: case differs, so ids may differ.
TEST_F(VschemaCorpusTest, BinaryKeysAreExact) {
  ASSERT_NE(vschema_, nullptr);
  const vindex::Vindex& v =
      *TableOf("commerce", "api_key").column_vindexes[0].vindex;
  EXPECT_NE(Ksid(v, Value::Binary("Key-1")), Ksid(v, Value::Binary("KEY-1")));
  EXPECT_NE(Ksid(v, Value::Binary(std::string("\0", 1))),
            Ksid(v, Value::Binary(std::string("\0\0", 2))));
}

}  // namespace
}  // namespace tessera
