// caching_sha2_password's RSA key exchange with libmariadb on plaintext
// connections: the client fetches the server's public key (or is given it)
// and sends the password encrypted; the server decrypts and checks it.
#include <cstdlib>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "lib/mysql/server_test_base.h"

namespace tessera::mysql {
namespace {

using Rows_t = std::vector<std::vector<std::string>>;

class ServerRsaTest : public ServerTestBase {
 protected:
  void SetUp() override { dir_ = std::string(getenv("TEST_TMPDIR")); }

  // A plaintext caching_sha2_password login as "sha"; `pubkey` is a PEM
  // public key file the client uses instead of asking the server.
  MYSQL* ConnectSha2(const char* password, const char* pubkey = nullptr) {
    MYSQL* m = mysql_init(nullptr);
    unsigned int timeout = 20;
    mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &timeout);
    my_bool off = 0;
    mysql_options(m, MYSQL_OPT_SSL_ENFORCE, &off);
    mysql_options(m, MYSQL_DEFAULT_AUTH, "caching_sha2_password");
    if (pubkey != nullptr) mysql_options(m, MYSQL_SERVER_PUBLIC_KEY, pubkey);
    if (!mysql_real_connect(m, "127.0.0.1", "sha", password, nullptr,
                            server_->port(), nullptr, 0)) {
      errno_ = mysql_errno(m);
      error_ = mysql_error(m);
      mysql_close(m);
      return nullptr;
    }
    return m;
  }

  // Writes an RSA private key and its public key (PEM) with openssl.
  void MakeKey(const std::string& name) {
    std::string cmd =
        "openssl genpkey -algorithm RSA -pkeyopt "
        "rsa_keygen_bits:2048 -out " +
        dir_ + "/" + name + ".pem 2>/dev/null && openssl pkey -in " + dir_ +
        "/" + name + ".pem -pubout -out " + dir_ + "/" + name +
        ".pub 2>/dev/null";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }

  std::string dir_;
};

TEST_F(ServerRsaTest, PlaintextFullAuthenticationFetchesThePublicKey) {
  StartServer();  // RSA key exchange is on by default
  // Nothing cached: both logins take the full path over RSA.
  EXPECT_EQ(ConnectSha2("wrong"), nullptr);
  EXPECT_EQ(errno_, 1045u) << error_;
  EXPECT_FALSE(auth_.sha2_cached());
  MYSQL* m = ConnectSha2("sha-pass");
  ASSERT_NE(m, nullptr) << errno_ << " " << error_;
  EXPECT_EQ(mysql_get_ssl_cipher(m), nullptr);
  EXPECT_EQ(Rows(m, "select rows 2"), (Rows_t{{"1"}, {"2"}}));
  mysql_close(m);
  // The full path filled the cache: the fast path answers next time.
  EXPECT_TRUE(auth_.sha2_cached());
  m = ConnectSha2("sha-pass");
  ASSERT_NE(m, nullptr) << error_;
  mysql_close(m);
}

TEST_F(ServerRsaTest, KeyFromFileAndClientsThatHaveItsPublicKey) {
  MakeKey("server");
  MakeKey("other");
  ServerOptions o;
  o.tls.rsa_private_key_file = dir_ + "/server.pem";
  StartServer(o);
  // A client given another server's public key sends a ciphertext this
  // server cannot decrypt: refused like a wrong password.
  std::string other = dir_ + "/other.pub";
  EXPECT_EQ(ConnectSha2("sha-pass", other.c_str()), nullptr);
  EXPECT_EQ(errno_, 1045u) << error_;
  std::string pub = dir_ + "/server.pub";
  EXPECT_EQ(ConnectSha2("bad", pub.c_str()), nullptr);
  EXPECT_EQ(errno_, 1045u) << error_;
  MYSQL* m = ConnectSha2("sha-pass", pub.c_str());
  ASSERT_NE(m, nullptr) << errno_ << " " << error_;
  mysql_close(m);
}

TEST_F(ServerRsaTest, TurnedOffNeedsTls) {
  ServerOptions o;
  o.tls.rsa_key_exchange = false;
  StartServer(o);
  EXPECT_EQ(ConnectSha2("sha-pass"), nullptr);
  EXPECT_TRUE(errno_ == 1045u || errno_ == 2061u) << errno_ << " " << error_;
  EXPECT_FALSE(auth_.sha2_cached());
}

TEST_F(ServerRsaTest, BadKeyFilesAreAnError) {
  ServerOptions o;
  o.port = 0;
  o.tls.rsa_private_key_file = dir_ + "/missing.pem";
  Server missing(o, &factory_, &auth_);
  EXPECT_EQ(missing.Start().code(), absl::StatusCode::kInvalidArgument);
  std::string garbage = dir_ + "/garbage.pem";
  ASSERT_EQ(std::system(("echo nonsense > " + garbage).c_str()), 0);
  o.tls.rsa_private_key_file = garbage;
  Server bad(o, &factory_, &auth_);
  absl::Status s = bad.Start();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("garbage.pem"), std::string::npos) << s;
}

}  // namespace
}  // namespace tessera::mysql
