// The protocol server against the real libmariadb client, with an in-memory
// session (no MariaDB server needed): queries, auth, TLS, compression.
#include <sys/stat.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/mysql/server_test_base.h"

namespace tessera::mysql {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Rows_t = std::vector<std::vector<std::string>>;

class ServerTest : public ServerTestBase {};

TEST_F(ServerTest, HandshakeAdvertisesMariadbAndConnectionIds) {
  StartServer();
  MYSQL* a = Connect("app", "secret");
  ASSERT_NE(a, nullptr) << error_;
  MYSQL* b = Connect("app", "secret");
  ASSERT_NE(b, nullptr) << error_;
  EXPECT_THAT(mysql_get_server_info(a), HasSubstr("MariaDB-tessera"));
  EXPECT_NE(mysql_thread_id(a), mysql_thread_id(b));
  EXPECT_GT(mysql_thread_id(a), 0u);
  mysql_close(a);
  mysql_close(b);
}

TEST_F(ServerTest, TextQueriesAndErrors) {
  StartServer();
  MYSQL* m = Connect("app", "secret");
  ASSERT_NE(m, nullptr) << error_;
  EXPECT_EQ(Rows(m, "select rows 3"), (Rows_t{{"1"}, {"2"}, {"3"}}));
  EXPECT_EQ(Rows(m, "echo héllo"), (Rows_t{{"héllo"}}));
  EXPECT_EQ(Rows(m, "fail"), (Rows_t{{"ERR 1146"}}));
  EXPECT_STREQ(mysql_sqlstate(m), "42S02");
  EXPECT_EQ(Rows(m, "   "), (Rows_t{{"ERR 1065"}}));
  ASSERT_EQ(mysql_query(m, "insert"), 0);
  EXPECT_EQ(mysql_affected_rows(m), 3u);
  EXPECT_EQ(mysql_insert_id(m), 42u);
  // The connection still works after errors.
  EXPECT_EQ(Rows(m, "select rows 1"), (Rows_t{{"1"}}));
  mysql_close(m);
}

TEST_F(ServerTest, MultiStatementsAndMultiResults) {
  StartServer();
  MYSQL* m = Connect("app", "secret");
  ASSERT_NE(m, nullptr) << error_;
  ASSERT_EQ(mysql_query(m, "select rows 2; insert; echo x; fail; echo never"),
            0);
  std::vector<std::string> seen;
  int status = 0;
  do {
    MYSQL_RES* res = mysql_store_result(m);
    if (res) {
      seen.push_back("rows:" + std::to_string(mysql_num_rows(res)));
      mysql_free_result(res);
    } else {
      seen.push_back("ok:" + std::to_string(mysql_affected_rows(m)));
    }
    status = mysql_next_result(m);
  } while (status == 0);
  EXPECT_THAT(seen, ElementsAre("rows:2", "ok:3", "rows:1"));
  EXPECT_GT(status, 0);  // the failing statement
  EXPECT_EQ(mysql_errno(m), 1146u);
  EXPECT_EQ(Rows(m, "select rows 1"), (Rows_t{{"1"}}));

  // COM_SET_OPTION turns multi-statements off: the text is one statement.
  ASSERT_EQ(mysql_set_server_option(m, MYSQL_OPTION_MULTI_STATEMENTS_OFF), 0);
  EXPECT_EQ(Rows(m, "select rows 1; select rows 2"), (Rows_t{{"ERR 1064"}}));
  mysql_close(m);
}

TEST_F(ServerTest, WrongPasswordAndUnknownUser) {
  StartServer();
  EXPECT_EQ(Connect("app", "wrong"), nullptr);
  EXPECT_EQ(errno_, 1045u);
  EXPECT_THAT(error_, HasSubstr("Access denied for user 'app'"));
  EXPECT_EQ(Connect("ghost", "x"), nullptr);
  EXPECT_EQ(errno_, 1045u);
  EXPECT_EQ(Connect("app", ""), nullptr);
  EXPECT_THAT(error_, HasSubstr("using password: NO"));
  EXPECT_EQ(auth_.failures(), 3);
  EXPECT_EQ(server_->stats().login_failures, 3u);
  MYSQL* m = Connect("nopw", "");
  ASSERT_NE(m, nullptr) << error_;
  mysql_close(m);
}

TEST_F(ServerTest, UnknownDatabaseRefusesLogin) {
  StartServer();
  ConnectOptions o;
  o.db = "nope";
  EXPECT_EQ(Connect("app", "secret", o), nullptr);
  EXPECT_EQ(errno_, 1049u);
}

TEST_F(ServerTest, AuthSwitchToCachingSha2NeedsTlsForFullPath) {
  ServerOptions o;
  o.tls.rsa_key_exchange = false;  // server_rsa_test covers it
  StartServer(o);
  // Plain TCP: the fast path has no cached hash yet, full path needs TLS.
  EXPECT_EQ(Connect("sha", "sha-pass"), nullptr);
  // 1045 from the server, or libmariadb's own 2061 when it refuses to ask
  // for an RSA key.
  EXPECT_TRUE(errno_ == 1045u || errno_ == 2061u) << errno_ << " " << error_;
  EXPECT_FALSE(auth_.sha2_cached());
}

TEST_F(ServerTest, PingInitDbResetChangeUserStatistics) {
  StartServer();
  MYSQL* m = Connect("app", "secret");
  ASSERT_NE(m, nullptr) << error_;
  EXPECT_EQ(mysql_ping(m), 0);
  EXPECT_EQ(mysql_select_db(m, "other"), 0);
  EXPECT_NE(mysql_select_db(m, "nope"), 0);
  EXPECT_EQ(mysql_errno(m), 1049u);
  EXPECT_EQ(mysql_reset_connection(m), 0);
  const char* stat = mysql_stat(m);
  ASSERT_NE(stat, nullptr);
  EXPECT_THAT(stat, HasSubstr("Uptime:"));
  EXPECT_EQ(mysql_change_user(m, "both", "pw", nullptr), 0) << mysql_error(m);
  EXPECT_EQ(Rows(m, "select rows 1"), (Rows_t{{"1"}}));
  EXPECT_NE(mysql_change_user(m, "app", "bad", nullptr), 0);
  EXPECT_EQ(mysql_errno(m), 1045u);
  mysql_close(m);
}

TEST_F(ServerTest, CompressedProtocol) {
  StartServer();
  ConnectOptions o;
  o.compress = true;
  MYSQL* m = Connect("app", "secret", o);
  ASSERT_NE(m, nullptr) << error_;
  Rows_t rows = Rows(m, "select rows 2000");
  ASSERT_EQ(rows.size(), 2000u);
  EXPECT_EQ(rows[1999][0], "2000");
  std::string big(100000, 'q');
  EXPECT_EQ(Rows(m, "echo " + big), (Rows_t{{big}}));
  EXPECT_EQ(Rows(m, "fail"), (Rows_t{{"ERR 1146"}}));
  EXPECT_EQ(Rows(m, "select rows 1"), (Rows_t{{"1"}}));
  mysql_close(m);
}

TEST_F(ServerTest, PacketsOver16MiBAreSplitAndJoined) {
  StartServer();
  MYSQL* m = Connect("app", "secret");
  ASSERT_NE(m, nullptr) << error_;
  std::string big(17 << 20, 'z');
  big[0] = 'a';
  big.back() = 'b';
  Rows_t rows = Rows(m, "echo " + big);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], big);
  mysql_close(m);
}

TEST_F(ServerTest, TooLargePacketIsRefused) {
  ServerOptions o;
  o.max_packet_size = 1 << 20;
  StartServer(o);
  MYSQL* m = Connect("app", "secret");
  ASSERT_NE(m, nullptr) << error_;
  std::string big(2 << 20, 'z');
  EXPECT_NE(mysql_query(m, ("echo " + big).c_str()), 0);
  // Either the ERR packet (1153) or a lost connection, depending on when
  // the client reads; never a server crash.
  mysql_close(m);
  MYSQL* again = Connect("app", "secret");
  ASSERT_NE(again, nullptr) << error_;
  EXPECT_EQ(Rows(again, "select rows 1"), (Rows_t{{"1"}}));
  mysql_close(again);
}

TEST_F(ServerTest, MaxConnections) {
  ServerOptions o;
  o.max_connections = 2;
  StartServer(o);
  MYSQL* a = Connect("app", "secret");
  MYSQL* b = Connect("app", "secret");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(Connect("app", "secret"), nullptr);
  EXPECT_EQ(errno_, 1040u);
  mysql_close(a);
  // The slot frees up once the server has seen the close.
  MYSQL* c = nullptr;
  for (int i = 0; i < 200 && !c; ++i) {
    c = Connect("app", "secret");
    if (!c) usleep(10000);
  }
  ASSERT_NE(c, nullptr);
  mysql_close(b);
  mysql_close(c);
  EXPECT_GE(server_->stats().connections_refused, 1u);
}

TEST_F(ServerTest, IdleTimeoutClosesTheConnection) {
  ServerOptions o;
  o.idle_timeout = absl::Milliseconds(100);
  StartServer(o);
  MYSQL* m = Connect("app", "secret");
  ASSERT_NE(m, nullptr);
  // Wait (bounded) until the server has closed it.
  for (int i = 0; i < 300 && server_->stats().connections_open > 0; ++i) {
    usleep(10000);
  }
  EXPECT_EQ(server_->stats().connections_open, 0);
  EXPECT_NE(mysql_query(m, "select rows 1"), 0);
  mysql_close(m);
}

TEST_F(ServerTest, InlineSessionsOnMultiThreadedIoContexts) {
  ServerOptions o;
  o.io_threads = 2;
  o.worker_threads = 0;
  o.threads_per_io_context = 3;
  StartServerAsIs(o);
  std::vector<std::thread> clients;
  std::atomic<int> good{0};
  for (int t = 0; t < 6; ++t) {
    clients.emplace_back([&, t] {
      MYSQL* m = Connect("app", "secret");
      if (!m) return;
      for (int i = 0; i < 100; ++i) {
        int n = 1 + (t + i) % 5;
        if (Rows(m, "select rows " + std::to_string(n)).size() ==
            static_cast<size_t>(n)) {
          ++good;
        }
      }
      mysql_close(m);
    });
  }
  for (auto& c : clients) c.join();
  EXPECT_EQ(good.load(), 600);
}

class TlsServerTest : public ServerTestBase {
 protected:
  void SetUp() override {
    dir_ = std::string(getenv("TEST_TMPDIR")) + "/tls";
    mkdir(dir_.c_str(), 0700);
    ASSERT_TRUE(testing::MakeTestCertificate(dir_).ok());
  }
  ServerOptions TlsOptions(bool require) {
    ServerOptions o;
    o.tls.cert_file = dir_ + "/cert.pem";
    o.tls.key_file = dir_ + "/key.pem";
    o.tls.require_secure_transport = require;
    return o;
  }
  std::string dir_;
};

TEST_F(TlsServerTest, TlsQueriesAndCachingSha2FullThenFastPath) {
  StartServer(TlsOptions(false));
  ConnectOptions tls;
  tls.tls = true;
  MYSQL* m = Connect("app", "secret", tls);
  ASSERT_NE(m, nullptr) << error_;
  ASSERT_NE(mysql_get_ssl_cipher(m), nullptr);
  EXPECT_EQ(Rows(m, "select rows 2"), (Rows_t{{"1"}, {"2"}}));
  mysql_close(m);

  // caching_sha2_password: full path over TLS fills the cache ...
  m = Connect("sha", "sha-pass", tls);
  ASSERT_NE(m, nullptr) << error_;
  EXPECT_TRUE(auth_.sha2_cached());
  mysql_close(m);
  // ... then the fast path works without TLS, and checks the password.
  ConnectOptions plain;
  plain.plugin = "caching_sha2_password";
  m = Connect("sha", "sha-pass", plain);
  ASSERT_NE(m, nullptr) << error_;
  EXPECT_EQ(mysql_get_ssl_cipher(m), nullptr);
  mysql_close(m);
  EXPECT_EQ(Connect("sha", "wrong", plain), nullptr);
  EXPECT_EQ(errno_, 1045u);

  // TLS with compression on top.
  tls.compress = true;
  m = Connect("app", "secret", tls);
  ASSERT_NE(m, nullptr) << error_;
  EXPECT_EQ(Rows(m, "select rows 500").size(), 500u);
  mysql_close(m);
}

TEST_F(TlsServerTest, RequireSecureTransportRefusesPlaintext) {
  StartServer(TlsOptions(true));
  EXPECT_EQ(Connect("app", "secret"), nullptr);
  EXPECT_EQ(errno_, 3159u);
  ConnectOptions tls;
  tls.tls = true;
  MYSQL* m = Connect("app", "secret", tls);
  ASSERT_NE(m, nullptr) << error_;
  mysql_close(m);
}

// A CA signs two client certificates and revokes one of them in its CRL.
class TlsCrlTest : public TlsServerTest {
 protected:
  void SetUp() override {
    TlsServerTest::SetUp();
    const std::string d = dir_;
    std::ofstream(d + "/ca.cnf")
        << "[ca]\ndefault_ca = d\n[d]\ndatabase = " << d
        << "/index.txt\ncrlnumber = " << d
        << "/crlnumber\ndefault_md = sha256\ndefault_crl_days = 2\n";
    std::ofstream(d + "/index.txt");
    std::ofstream(d + "/crlnumber") << "01\n";
    std::string cmd = absl::StrCat(
        "cd ", d, " && exec >/dev/null 2>&1 && ",
        "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=test-ca -days 2 ",
        "-keyout ca.key -out ca.pem");
    for (const char* who : {"alice", "bob", "carol"}) {
      absl::StrAppend(&cmd,
                      " && openssl req -newkey rsa:2048 -nodes -subj /CN=", who,
                      " -keyout ", who, ".key -out ", who, ".csr",
                      " && openssl x509 -req -in ", who,
                      ".csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 ",
                      "-out ", who, ".pem");
    }
    absl::StrAppend(&cmd,
                    " && openssl ca -config ca.cnf -keyfile ca.key -cert ca.pem"
                    " -revoke bob.pem",
                    " && openssl ca -config ca.cnf -keyfile ca.key -cert ca.pem"
                    " -gencrl -out crl.pem");
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
  ServerOptions CrlOptions() {
    ServerOptions o = TlsOptions(false);
    o.tls.ca_file = dir_ + "/ca.pem";
    o.tls.crl_file = dir_ + "/crl.pem";
    return o;
  }
  ConnectOptions As(const std::string& who) {
    cert_ = dir_ + "/" + who + ".pem";
    key_ = dir_ + "/" + who + ".key";
    ConnectOptions o;
    o.tls = true;
    o.tls_cert = cert_.c_str();
    o.tls_key = key_.c_str();
    return o;
  }
  std::string cert_, key_;
};

TEST_F(TlsCrlTest, RevokedClientCertificateFailsTheHandshake) {
  StartServer(CrlOptions());
  MYSQL* m = Connect("app", "secret", As("alice"));
  ASSERT_NE(m, nullptr) << error_;
  EXPECT_EQ(Rows(m, "select rows 1"), (Rows_t{{"1"}}));
  mysql_close(m);
  // Bob's certificate is in the CRL: no TLS session, so no login.
  EXPECT_EQ(Connect("app", "secret", As("bob")), nullptr);
  EXPECT_EQ(errno_, 2026u) << error_;  // CR_SSL_CONNECTION_ERROR
  // Without a client certificate TLS still works (certificates optional).
  ConnectOptions tls;
  tls.tls = true;
  m = Connect("app", "secret", tls);
  ASSERT_NE(m, nullptr) << error_;
  mysql_close(m);
}

TEST_F(TlsCrlTest, UserRequiringACertificateSubject) {
  StartServer(CrlOptions());
  MYSQL* m = Connect("alice", "secret", As("alice"));
  ASSERT_NE(m, nullptr) << error_;
  mysql_close(m);
  // The right certificate does not replace the password.
  EXPECT_EQ(Connect("alice", "wrong", As("alice")), nullptr);
  EXPECT_EQ(errno_, 1045u);
  // Another valid certificate, TLS without one, and plaintext: refused.
  EXPECT_EQ(Connect("alice", "secret", As("carol")), nullptr);
  EXPECT_EQ(errno_, 1045u) << error_;
  ConnectOptions tls;
  tls.tls = true;
  EXPECT_EQ(Connect("alice", "secret", tls), nullptr);
  EXPECT_EQ(errno_, 1045u);
  EXPECT_EQ(Connect("alice", "secret"), nullptr);
  EXPECT_EQ(errno_, 1045u);
  // Users without the requirement may use any certificate.
  m = Connect("app", "secret", As("carol"));
  ASSERT_NE(m, nullptr) << error_;
  mysql_close(m);
}

TEST_F(TlsCrlTest, UserLoggingInByCertificateAlone) {
  StartServer(CrlOptions());
  // carol has no password: her verified certificate logs her in.
  MYSQL* m = Connect("carol", "", As("carol"));
  ASSERT_NE(m, nullptr) << error_;
  EXPECT_EQ(Rows(m, "select rows 1"), (Rows_t{{"1"}}));
  // COM_CHANGE_USER to her on the same TLS session works as well ...
  EXPECT_EQ(mysql_change_user(m, "carol", "", nullptr), 0) << mysql_error(m);
  mysql_close(m);
  // ... with caching_sha2_password as the client's plugin too.
  ConnectOptions sha = As("carol");
  sha.plugin = "caching_sha2_password";
  m = Connect("carol", "", sha);
  ASSERT_NE(m, nullptr) << error_;
  mysql_close(m);
  // A password is refused (the account has none), as are another
  // certificate, a revoked one, TLS without one, and plaintext.
  EXPECT_EQ(Connect("carol", "anything", As("carol")), nullptr);
  EXPECT_EQ(errno_, 1045u) << error_;
  EXPECT_EQ(Connect("carol", "", As("alice")), nullptr);
  EXPECT_EQ(errno_, 1045u) << error_;
  EXPECT_EQ(Connect("carol", "", As("bob")), nullptr);
  EXPECT_EQ(errno_, 2026u) << error_;
  ConnectOptions tls;
  tls.tls = true;
  EXPECT_EQ(Connect("carol", "", tls), nullptr);
  EXPECT_EQ(errno_, 1045u) << error_;
  EXPECT_EQ(Connect("carol", ""), nullptr);
  EXPECT_EQ(errno_, 1045u) << error_;
}

TEST_F(TlsCrlTest, ChangeUserChecksTheCertificateSubject) {
  StartServer(CrlOptions());
  // Logged in as app with carol's certificate, switching to alice (who
  // needs alice's certificate) is refused even with her password.
  MYSQL* m = Connect("app", "secret", As("carol"));
  ASSERT_NE(m, nullptr) << error_;
  EXPECT_NE(mysql_change_user(m, "alice", "secret", nullptr), 0);
  EXPECT_EQ(mysql_errno(m), 1045u) << mysql_error(m);
  mysql_close(m);
  m = Connect("app", "secret", As("alice"));
  ASSERT_NE(m, nullptr) << error_;
  EXPECT_EQ(mysql_change_user(m, "alice", "secret", nullptr), 0)
      << mysql_error(m);
  mysql_close(m);
}

TEST_F(TlsCrlTest, BadCrlFileIsAnError) {
  ServerOptions o = CrlOptions();
  o.tls.crl_file = dir_ + "/ca.key";  // not a CRL
  testing::FakeSessionFactory factory;
  testing::FakeAuthenticator auth;
  o.port = 0;
  Server server(o, &factory, &auth);
  EXPECT_EQ(server.Start().code(), absl::StatusCode::kInvalidArgument);
  o.tls.crl_file = dir_ + "/crl.pem";
  o.tls.ca_file.clear();  // a CRL without a CA to check against
  Server no_ca(o, &factory, &auth);
  EXPECT_EQ(no_ca.Start().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ServerStartTest, BadTlsFilesAreAnError) {
  testing::FakeSessionFactory factory;
  testing::FakeAuthenticator auth;
  ServerOptions o;
  o.port = 0;
  o.tls.cert_file = "/nonexistent/cert.pem";
  o.tls.key_file = "/nonexistent/key.pem";
  Server server(o, &factory, &auth);
  EXPECT_EQ(server.Start().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tessera::mysql
