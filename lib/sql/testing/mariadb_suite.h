// Test support: one MariaDB server for a whole test suite, with databases
// created from schema files (corpus_mariadb_test, dump_roundtrip_test).
//
//   class MyTest : public testing::MariadbSuite {
//    protected:
//     static void SetUpTestSuite() {
//       StartServer({{"d1", "lib/sql/testdata/corpus/dump_schema.sql"}});
//     }
//   };
//   TEST_F(MyTest, X) { ... server() ... }
#ifndef TESSERA_LIB_SQL_TESTING_MARIADB_SUITE_H_
#define TESSERA_LIB_SQL_TESTING_MARIADB_SUITE_H_

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "lib/testing/mariadb_fixture.h"

namespace tessera::sql::testing {

class MariadbSuite : public ::testing::Test {
 protected:
  // Starts one server and, for each {database, schema file} pair, creates
  // the database and runs the file (a path relative to the runfiles root)
  // in it. Failures are fatal to the suite (gtest assertions).
  static void StartServer(
      const std::vector<std::pair<std::string, std::string>>& databases);
  static void TearDownTestSuite();
  static const ::tessera::testing::MariadbServer& server();

 private:
  static ::tessera::testing::MariadbFixture* fixture_;
};

}  // namespace tessera::sql::testing

#endif  // TESSERA_LIB_SQL_TESTING_MARIADB_SUITE_H_
