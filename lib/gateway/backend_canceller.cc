#include "lib/gateway/backend_canceller.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "mariadb/mysql.h"

namespace tessera::gateway {

void BackendCanceller::Cancel() {
  unsigned long id = thread_id_.load();
  if (id == 0) return;
  MYSQL* m = mysql_init(nullptr);
  if (!m) return;
  unsigned int timeout = 2;
  mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &timeout);
  if (mysql_real_connect(m, options_.host.c_str(), options_.user.c_str(),
                         options_.password.c_str(), nullptr, options_.port,
                         nullptr, 0)) {
    std::string kill = absl::StrCat("KILL QUERY ", id);
    mysql_real_query(m, kill.data(), kill.size());
  }
  mysql_close(m);
}

}  // namespace tessera::gateway
