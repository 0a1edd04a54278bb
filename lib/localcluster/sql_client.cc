#include "lib/localcluster/sql_client.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "mariadb/mysql.h"

namespace tessera::localcluster {
namespace {

struct MysqlCloser {
  void operator()(MYSQL* m) const { mysql_close(m); }
};
using MysqlPtr = std::unique_ptr<MYSQL, MysqlCloser>;

absl::Status ServerError(MYSQL* m) {
  return MysqlError(static_cast<uint16_t>(mysql_errno(m)), mysql_sqlstate(m),
                    mysql_error(m));
}

absl::StatusOr<MysqlPtr> Connect(const MariadbServer& s, absl::string_view db,
                                 bool multi) {
  MysqlPtr m(mysql_init(nullptr));
  if (!m) return absl::ResourceExhaustedError("mysql_init failed");
  unsigned int timeout = 10;
  mysql_optionsv(m.get(), MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  std::string db_str(db);
  bool unix_socket = !s.socket.empty();
  if (!mysql_real_connect(
          m.get(), unix_socket ? "localhost" : s.host.c_str(), s.user.c_str(),
          s.password.c_str(), db_str.empty() ? nullptr : db_str.c_str(),
          unix_socket ? 0 : s.port, unix_socket ? s.socket.c_str() : nullptr,
          multi ? CLIENT_MULTI_STATEMENTS : 0)) {
    return ServerError(m.get());
  }
  return m;
}

}  // namespace

absl::Status Exec(const MariadbServer& server, absl::string_view sql,
                  absl::string_view db) {
  auto m = Connect(server, db, /*multi=*/true);
  if (!m.ok()) return m.status();
  MYSQL* c = m->get();
  if (mysql_real_query(c, sql.data(), sql.size()) != 0) return ServerError(c);
  while (true) {
    MYSQL_RES* res = mysql_store_result(c);
    if (res != nullptr) mysql_free_result(res);
    int next = mysql_next_result(c);
    if (next > 0) return ServerError(c);
    if (next < 0) break;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<TextRow>> Query(const MariadbServer& server,
                                           absl::string_view sql,
                                           absl::string_view db) {
  auto m = Connect(server, db, /*multi=*/false);
  if (!m.ok()) return m.status();
  MYSQL* c = m->get();
  if (mysql_real_query(c, sql.data(), sql.size()) != 0) return ServerError(c);
  MYSQL_RES* res = mysql_store_result(c);
  std::vector<TextRow> rows;
  if (res == nullptr) {
    if (mysql_field_count(c) != 0) return ServerError(c);
    return rows;
  }
  unsigned int n = mysql_num_fields(res);
  while (MYSQL_ROW row = mysql_fetch_row(res)) {
    unsigned long* lengths = mysql_fetch_lengths(res);
    TextRow out;
    out.reserve(n);
    for (unsigned int i = 0; i < n; ++i) {
      if (row[i] == nullptr) {
        out.emplace_back(std::nullopt);
      } else {
        out.emplace_back(std::string(row[i], lengths[i]));
      }
    }
    rows.push_back(std::move(out));
  }
  mysql_free_result(res);
  return rows;
}

absl::Status Ping(const MariadbServer& server) {
  auto m = Connect(server, "", false);
  if (!m.ok()) return m.status();
  if (mysql_ping(m->get()) != 0) return ServerError(m->get());
  return absl::OkStatus();
}

}  // namespace tessera::localcluster
