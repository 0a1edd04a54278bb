#include "lib/sql/testing/mariadb_suite.h"

#include "absl/strings/str_cat.h"
#include "lib/sql/testing/corpus.h"
#include "lib/testing/sql_client.h"
#include "lib/testing/status_matchers.h"

namespace tessera::sql::testing {

using ::tessera::testing::Exec;
using ::tessera::testing::IsOk;
using ::tessera::testing::MariadbFixture;
using ::tessera::testing::MariadbServer;

MariadbFixture* MariadbSuite::fixture_ = nullptr;

void MariadbSuite::StartServer(
    const std::vector<std::pair<std::string, std::string>>& databases) {
  auto db = MariadbFixture::Start({});
  ASSERT_THAT(db, IsOk());
  fixture_ = db->release();
  for (const auto& [name, file] : databases) {
    ASSERT_THAT(Exec(server(), absl::StrCat("CREATE DATABASE ", name)), IsOk());
    auto text = ReadTextFile(file);
    ASSERT_TRUE(text.ok()) << text.status();
    ASSERT_THAT(Exec(server(), *text, name), IsOk()) << file;
  }
}

void MariadbSuite::TearDownTestSuite() {
  delete fixture_;
  fixture_ = nullptr;
}

const MariadbServer& MariadbSuite::server() { return fixture_->primary(0); }

}  // namespace tessera::sql::testing
