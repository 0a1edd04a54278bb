// Fixture for server tests: a Server on a free loopback port with the fake
// session and authenticator, and libmariadb connection helpers.
#ifndef TESSERA_LIB_MYSQL_SERVER_TEST_BASE_H_
#define TESSERA_LIB_MYSQL_SERVER_TEST_BASE_H_

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "lib/mysql/fake_backend_test_util.h"
#include "lib/mysql/server.h"
#include "mariadb/mysql.h"

namespace tessera::mysql {

class ServerTestBase : public ::testing::Test {
 protected:
  void TearDown() override {
    if (server_) server_->Stop();
  }

  void StartServer(ServerOptions options = {}) {
    options.io_threads = 2;
    options.worker_threads = 4;
    StartServerAsIs(options);
  }
  // Keeps the thread settings of `options`.
  void StartServerAsIs(ServerOptions options) {
    mysql_library_init(0, nullptr, nullptr);  // before client threads
    options.host = "127.0.0.1";
    options.port = 0;
    server_ = std::make_unique<Server>(options, &factory_, &auth_);
    absl::Status s = server_->Start();
    ASSERT_TRUE(s.ok()) << s;
  }

  struct ConnectOptions {
    unsigned long flags = CLIENT_MULTI_STATEMENTS;
    const char* db = nullptr;
    bool compress = false;
    bool tls = false;
    const char* plugin = nullptr;    // MYSQL_DEFAULT_AUTH
    bool local_infile = false;       // MYSQL_OPT_LOCAL_INFILE
    const char* tls_cert = nullptr;  // client certificate (with tls)
    const char* tls_key = nullptr;
  };

  // Connects; nullptr on failure with errno_ / error_ set.
  MYSQL* Connect(const char* user, const char* password,
                 const ConnectOptions& o) {
    MYSQL* m = mysql_init(nullptr);
    unsigned int timeout = 20;
    mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &timeout);
    mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &timeout);
    unsigned long max_packet = 256ul << 20;
    mysql_options(m, MYSQL_OPT_MAX_ALLOWED_PACKET, &max_packet);
    if (o.compress) mysql_options(m, MYSQL_OPT_COMPRESS, nullptr);
    my_bool on = 1, off = 0;
    if (o.tls) {
      mysql_ssl_set(m, o.tls_key, o.tls_cert, nullptr, nullptr, nullptr);
      mysql_options(m, MYSQL_OPT_SSL_ENFORCE, &on);
      mysql_options(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &off);
    } else {
      mysql_options(m, MYSQL_OPT_SSL_ENFORCE, &off);
    }
    if (o.plugin) mysql_options(m, MYSQL_DEFAULT_AUTH, o.plugin);
    unsigned int local_infile = o.local_infile ? 1 : 0;
    mysql_options(m, MYSQL_OPT_LOCAL_INFILE, &local_infile);
    if (!mysql_real_connect(m, "127.0.0.1", user, password, o.db,
                            server_->port(), nullptr, o.flags)) {
      errno_ = mysql_errno(m);
      error_ = mysql_error(m);
      mysql_close(m);
      return nullptr;
    }
    return m;
  }
  MYSQL* Connect(const char* user, const char* password) {
    return Connect(user, password, ConnectOptions());
  }

  // Runs `sql` and returns every row of the first result as text ("NULL"
  // for NULL), or {"ERR <errno>"}.
  static std::vector<std::vector<std::string>> Rows(MYSQL* m,
                                                    const std::string& sql) {
    std::vector<std::vector<std::string>> out;
    if (mysql_real_query(m, sql.data(), sql.size()) != 0) {
      return {{"ERR " + std::to_string(mysql_errno(m))}};
    }
    MYSQL_RES* res = mysql_store_result(m);
    if (!res) return out;
    unsigned n = mysql_num_fields(res);
    while (MYSQL_ROW row = mysql_fetch_row(res)) {
      unsigned long* lengths = mysql_fetch_lengths(res);
      std::vector<std::string> r;
      for (unsigned i = 0; i < n; ++i) {
        r.push_back(row[i] ? std::string(row[i], lengths[i]) : "NULL");
      }
      out.push_back(std::move(r));
    }
    mysql_free_result(res);
    return out;
  }

  // The session-tracking entries of `type` in the last OK packet
  // (libmariadb's mysql_session_track_get_first/next; system variables come
  // as name, value, name, value ...).
  static std::vector<std::string> Tracked(MYSQL* m,
                                          enum enum_session_state_type type) {
    std::vector<std::string> out;
    const char* data = nullptr;
    size_t length = 0;
    if (mysql_session_track_get_first(m, type, &data, &length) != 0) {
      return out;
    }
    do {
      out.emplace_back(data, length);
    } while (mysql_session_track_get_next(m, type, &data, &length) == 0);
    return out;
  }

  testing::FakeSessionFactory factory_;
  testing::FakeAuthenticator auth_;
  std::unique_ptr<Server> server_;
  unsigned errno_ = 0;
  std::string error_;
};

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_SERVER_TEST_BASE_H_
