// TLS to a real mariadbd configured with a certificate made by the openssl
// command-line tool for this test (self-signed for 127.0.0.1).
#include <cstdlib>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/mysql/client/connection.h"
#include "lib/testing/mariadb_fixture.h"
#include "lib/testing/status_matchers.h"

namespace tessera::mysql {
namespace {

using ::tessera::testing::MariadbFixture;

// Writes a self-signed certificate and key for 127.0.0.1 under `dir`.
bool MakeCert(const std::string& dir, const std::string& name) {
  std::string cmd = absl::StrCat(
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
      "-addext subjectAltName=IP:127.0.0.1 -keyout ",
      dir, "/", name, "-key.pem -out ", dir, "/", name,
      "-cert.pem >/dev/null 2>&1");
  return std::system(cmd.c_str()) == 0;
}

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* tmp = std::getenv("TEST_TMPDIR");
    dir_ = new std::string(tmp != nullptr ? tmp : "/tmp");
    ASSERT_TRUE(MakeCert(*dir_, "server"));
    ASSERT_TRUE(MakeCert(*dir_, "other"));
    tessera::testing::MariadbOptions o;
    o.extra_config = {absl::StrCat("ssl-ca=", *dir_, "/server-cert.pem"),
                      absl::StrCat("ssl-cert=", *dir_, "/server-cert.pem"),
                      absl::StrCat("ssl-key=", *dir_, "/server-key.pem")};
    auto db = MariadbFixture::Start(o);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = db->release();
  }
  static void TearDownTestSuite() {
    delete db_;
    delete dir_;
  }
  static ConnectOptions Options() {
    ConnectOptions o;
    o.host = db_->primary(0).host;
    o.port = db_->primary(0).port;
    o.user = db_->primary(0).user;
    o.password = db_->primary(0).password;
    return o;
  }
  static MariadbFixture* db_;
  static std::string* dir_;
};
MariadbFixture* TlsTest::db_ = nullptr;
std::string* TlsTest::dir_ = nullptr;

TEST_F(TlsTest, VerifiedTlsConnectionIsEncrypted) {
  ConnectOptions o = Options();
  o.tls.enabled = true;
  o.tls.require = true;
  o.tls.verify_server_cert = true;
  o.tls.ca_file = *dir_ + "/server-cert.pem";
  TESSERA_ASSERT_OK_AND_ASSIGN(auto conn, BackendConnection::Connect(o));
  EXPECT_FALSE(conn->tls_cipher().empty());
  TESSERA_ASSERT_OK_AND_ASSIGN(
      Result r, conn->Execute("show session status like 'Ssl_version'"));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_THAT(r.rows[0][1].bytes(), ::testing::StartsWith("TLS"));
}

TEST_F(TlsTest, WrongCaIsRefused) {
  ConnectOptions o = Options();
  o.tls.enabled = true;
  o.tls.require = true;
  o.tls.verify_server_cert = true;
  o.tls.ca_file = *dir_ + "/other-cert.pem";
  auto conn = BackendConnection::Connect(o);
  EXPECT_FALSE(conn.ok());
}

TEST_F(TlsTest, PlainConnectionStillWorksWhenTlsIsOff) {
  TESSERA_ASSERT_OK_AND_ASSIGN(auto conn,
                               BackendConnection::Connect(Options()));
  EXPECT_TRUE(conn->tls_cipher().empty());
}

}  // namespace
}  // namespace tessera::mysql
