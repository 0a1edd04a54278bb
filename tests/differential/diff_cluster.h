// The router's differential setup: 4 shards of `commerce`, one `main` shard
// and one reference server holding everything, loaded with the corpus
// (schema.sql, data.sql) and a tessera::Router over the shards with
// vschema.json.
//
//   TESSERA_ASSIGN_OR_RETURN(auto cluster, DiffCluster::Start());
//   auto session = cluster->router().NewSession("commerce");
//   Outcome ref = cluster->reference().Run(sql);
#ifndef TESSERA_TESTS_DIFFERENTIAL_DIFF_CLUSTER_H_
#define TESSERA_TESTS_DIFFERENTIAL_DIFF_CLUSTER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "lib/testing/mariadb_fixture.h"
#include "tessera/router.h"
#include "tests/differential/outcome.h"

namespace tessera::difftest {

class DiffCluster {
 public:
  // Starts the servers and loads both sides. The shards are loaded through
  // a router whose vschema drops what the router cannot write yet (sequence
  // auto_increment, the owned lookup vindex) — every row given carries its
  // ids — plus `product` copied to every shard and the lookup table filled
  // with the keyspace ids of hash(customer_id); queries then go through a
  // router with the full vschema.json.
  static absl::StatusOr<std::unique_ptr<DiffCluster>> Start();
  ~DiffCluster();

  Router& router() { return *router_; }
  // A new connection to the reference server, default database `commerce`.
  absl::StatusOr<std::unique_ptr<ReferenceConnection>> Reference() const;

 private:
  DiffCluster() = default;
  absl::Status LoadReference();
  absl::Status LoadShards();
  absl::Status FillLookupTable();
  absl::StatusOr<std::unique_ptr<Router>> NewRouter(
      const std::string& vschema_json) const;

  std::unique_ptr<testing::MariadbFixture> db_;
  std::string vschema_json_;
  std::unique_ptr<Router> router_;
};

}  // namespace tessera::difftest

#endif  // TESSERA_TESTS_DIFFERENTIAL_DIFF_CLUSTER_H_
