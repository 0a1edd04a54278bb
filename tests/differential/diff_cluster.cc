#include "tests/differential/diff_cluster.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/base/status_macros.h"
#include "lib/testing/sql_client.h"
#include "lib/vindex/builtin.h"
#include "lib/vindex/vindex.h"
#include "re2/re2.h"
#include "tests/differential/corpus_reader.h"

namespace tessera::difftest {
namespace {

// Servers of the fixture: commerce shards, the main shard, the reference.
constexpr int kCommerceShards = 4;
constexpr int kMainServer = 4;
constexpr int kReferenceServer = 5;
constexpr const char* kCommerceRanges[kCommerceShards] = {"-40", "40-80",
                                                          "80-c0", "c0-"};

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string CreateDatabase(const std::string& name) {
  return absl::StrCat("CREATE DATABASE `", name,
                      "` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
}

// vschema.json without the sequences and the owned lookup vindex, for
// loading rows that carry their ids.
absl::StatusOr<std::string> LoadingVSchema(std::string json) {
  int sequences =
      RE2::GlobalReplace(&json, R"(,\s*"auto_increment":\s*\{[^}]*\})", "");
  int lookups = RE2::GlobalReplace(
      &json, R"(,\s*\{"column":\s*"order_id",\s*"name":\s*"corder_order_id"\})",
      "");
  int owners = RE2::GlobalReplace(&json, R"(,\s*"owner":\s*"corder")", "");
  if (sequences != 2 || lookups != 1 || owners != 1) {
    return absl::FailedPreconditionError(
        "vschema.json changed: update LoadingVSchema");
  }
  return json;
}

absl::Status RunAll(Router& router, const std::string& keyspace,
                    const std::vector<std::string>& statements) {
  TESSERA_ASSIGN_OR_RETURN(auto session, router.NewSession(keyspace));
  for (const std::string& sql : statements) {
    absl::StatusOr<Result> r = router.Execute(*session, sql);
    if (!r.ok()) {
      return absl::Status(
          r.status().code(),
          absl::StrCat("loading ", keyspace,
                       " through the "
                       "router: ",
                       r.status().message(), "\n  ", sql.substr(0, 300)));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<DiffCluster>> DiffCluster::Start() {
  std::unique_ptr<DiffCluster> c(new DiffCluster());
  TESSERA_ASSIGN_OR_RETURN(
      c->db_, testing::MariadbFixture::Start({.shards = kReferenceServer + 1}));
  TESSERA_ASSIGN_OR_RETURN(c->vschema_json_,
                           ReadFile(CorpusPath("vschema.json")));
  TESSERA_RETURN_IF_ERROR(c->LoadReference());
  TESSERA_RETURN_IF_ERROR(c->LoadShards());
  TESSERA_RETURN_IF_ERROR(c->FillLookupTable());
  TESSERA_ASSIGN_OR_RETURN(c->router_, c->NewRouter(c->vschema_json_));
  return c;
}

DiffCluster::~DiffCluster() { router_.reset(); }

absl::StatusOr<std::unique_ptr<ReferenceConnection>> DiffCluster::Reference()
    const {
  const auto& s = db_->primary(kReferenceServer);
  return ReferenceConnection::Open(s.host, s.port, s.user, s.password,
                                   "commerce");
}

absl::StatusOr<std::unique_ptr<Router>> DiffCluster::NewRouter(
    const std::string& vschema_json) const {
  RouterOptions o;
  o.vschema_json = vschema_json;
  o.password = db_->primary(0).password;
  for (int i = 0; i < kCommerceShards; ++i) {
    o.shards.push_back(
        {"commerce", kCommerceRanges[i], "127.0.0.1", db_->primary(i).port});
  }
  o.shards.push_back(
      {"main", "-", "127.0.0.1", db_->primary(kMainServer).port});
  o.transaction_mode = TransactionMode::kMulti;
  return Router::Create(o);
}

absl::Status DiffCluster::LoadReference() {
  const auto& ref = db_->primary(kReferenceServer);
  for (const char* file : {"schema.sql", "data.sql"}) {
    TESSERA_ASSIGN_OR_RETURN(auto sections, ReadSections(CorpusPath(file)));
    for (const Section& s : sections) {
      if (absl::string_view(file) == "schema.sql") {
        TESSERA_RETURN_IF_ERROR(testing::Exec(ref, CreateDatabase(s.keyspace)));
      }
      for (const std::string& sql : s.statements) {
        TESSERA_RETURN_IF_ERROR(testing::Exec(ref, sql, s.keyspace));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status DiffCluster::LoadShards() {
  for (int i = 0; i < kCommerceShards; ++i) {
    TESSERA_RETURN_IF_ERROR(
        testing::Exec(db_->primary(i), CreateDatabase("commerce")));
  }
  TESSERA_RETURN_IF_ERROR(
      testing::Exec(db_->primary(kMainServer), CreateDatabase("main")));
  TESSERA_ASSIGN_OR_RETURN(std::string loading, LoadingVSchema(vschema_json_));
  TESSERA_ASSIGN_OR_RETURN(auto router, NewRouter(loading));
  TESSERA_ASSIGN_OR_RETURN(auto schema, ReadSections(CorpusPath("schema.sql")));
  for (const Section& s : schema) {
    TESSERA_RETURN_IF_ERROR(RunAll(*router, s.keyspace, s.statements));
  }
  TESSERA_ASSIGN_OR_RETURN(auto data, ReadSections(CorpusPath("data.sql")));
  for (const Section& s : data) {
    std::vector<std::string> routed;
    for (const std::string& sql : s.statements) {
      if (!absl::StartsWith(sql, "INSERT INTO product ")) {
        routed.push_back(sql);
        continue;
      }
      for (int i = 0; i < kCommerceShards; ++i) {  // the reference table
        TESSERA_RETURN_IF_ERROR(
            testing::Exec(db_->primary(i), sql, "commerce"));
      }
    }
    TESSERA_RETURN_IF_ERROR(RunAll(*router, s.keyspace, routed));
  }
  return absl::OkStatus();
}

absl::Status DiffCluster::FillLookupTable() {
  TESSERA_ASSIGN_OR_RETURN(
      auto rows,
      testing::Query(db_->primary(kReferenceServer),
                     "SELECT order_id, customer_id FROM corder", "commerce"));
  vindex::VindexRegistry registry = vindex::NewBuiltinRegistry();
  TESSERA_ASSIGN_OR_RETURN(auto hash, registry.Create({"hash", "hash"}));
  std::vector<std::string> values;
  for (const auto& row : rows) {
    if (!row[0] || !row[1]) continue;
    int64_t customer_id = 0;
    if (!absl::SimpleAtoi(*row[1], &customer_id)) {
      return absl::InternalError(absl::StrCat("customer_id ", *row[1]));
    }
    TESSERA_ASSIGN_OR_RETURN(
        auto dest,
        hash->Map({vindex::Row{vindex::Value::Int64(customer_id)}}, nullptr));
    if (dest.size() != 1 || dest[0].ksids.size() != 1) {
      return absl::InternalError("hash did not give one keyspace id");
    }
    values.push_back(absl::StrCat(
        "(", *row[0], ", X'", absl::BytesToHexString(dest[0].ksids[0]), "')"));
  }
  for (size_t i = 0; i < values.size(); i += 500) {
    size_t end = std::min(values.size(), i + 500);
    std::vector<std::string> part(values.begin() + i, values.begin() + end);
    TESSERA_RETURN_IF_ERROR(testing::Exec(
        db_->primary(kMainServer),
        absl::StrCat("INSERT INTO corder_keyspace_idx (order_id, keyspace_id) "
                     "VALUES ",
                     absl::StrJoin(part, ", ")),
        "main"));
  }
  return absl::OkStatus();
}

}  // namespace tessera::difftest
