// The C test fixture over MariadbFixture.
#include "lib/capi/testing/cluster_c.h"

#include <memory>
#include <string>

#include "lib/capi/internal.h"
#include "lib/testing/mariadb_fixture.h"

struct tessera_test_cluster_t {
  std::unique_ptr<tessera::testing::MariadbFixture> rep;
};

extern "C" {

tessera_test_cluster_t* tessera_test_cluster_start(int servers, char** errptr) {
  auto db = tessera::testing::MariadbFixture::Start({.shards = servers});
  if (!db.ok()) {
    tessera::capi::SaveError(errptr, db.status());
    return nullptr;
  }
  auto* c = new tessera_test_cluster_t;
  c->rep = std::move(*db);
  return c;
}

void tessera_test_cluster_stop(tessera_test_cluster_t* cluster) {
  delete cluster;
}

int tessera_test_cluster_port(const tessera_test_cluster_t* cluster, int i) {
  return cluster->rep->primary(i).port;
}

void tessera_test_cluster_exec(const tessera_test_cluster_t* cluster, int i,
                               const char* database, const char* sql,
                               char** errptr) {
  absl::Status s = tessera::testing::Exec(cluster->rep->primary(i), sql,
                                          database == nullptr ? "" : database);
  if (!s.ok()) tessera::capi::SaveError(errptr, s);
}

}  // extern "C"
