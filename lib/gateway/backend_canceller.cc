#include "lib/gateway/backend_canceller.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "mariadb/mysql.h"

namespace tessera::gateway {

void ApplyBackendTls(MYSQL* m, const BackendTlsOptions& tls) {
  if (!tls.enabled) return;
  if (!tls.ca_file.empty()) {
    mysql_optionsv(m, MYSQL_OPT_SSL_CA, tls.ca_file.c_str());
  }
  if (!tls.cert_file.empty()) {
    mysql_optionsv(m, MYSQL_OPT_SSL_CERT, tls.cert_file.c_str());
  }
  if (!tls.key_file.empty()) {
    mysql_optionsv(m, MYSQL_OPT_SSL_KEY, tls.key_file.c_str());
  }
  my_bool verify = tls.verify_server_certificate ? 1 : 0;
  my_bool enforce = 1;
  mysql_optionsv(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
  mysql_optionsv(m, MYSQL_OPT_SSL_ENFORCE, &enforce);
}

void BackendCanceller::Cancel() {
  unsigned long id = thread_id_.load();
  if (id == 0) return;
  MYSQL* m = mysql_init(nullptr);
  if (!m) return;
  unsigned int timeout = 2;
  mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &timeout);
  ApplyBackendTls(m, options_.tls);
  if (mysql_real_connect(m, options_.host.c_str(), options_.user.c_str(),
                         options_.password.c_str(), nullptr, options_.port,
                         nullptr, 0)) {
    std::string kill = absl::StrCat("KILL QUERY ", id);
    mysql_real_query(m, kill.data(), kill.size());
  }
  mysql_close(m);
}

}  // namespace tessera::gateway
