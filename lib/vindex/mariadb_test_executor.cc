#include "lib/vindex/mariadb_test_executor.h"

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "mariadb/mysql.h"

namespace tessera::vindex::testing {

struct MariadbTestExecutor::Conn {
  MYSQL* mysql = nullptr;
  bool in_txn = false;
  ~Conn() {
    if (mysql != nullptr) mysql_close(mysql);
  }
};

namespace {

absl::Status ErrorOf(MYSQL* m) {
  return MysqlError(static_cast<uint16_t>(mysql_errno(m)), mysql_sqlstate(m),
                    mysql_error(m));
}

ValueType TypeOf(const MYSQL_FIELD& f) {
  switch (f.type) {
    case MYSQL_TYPE_TINY:
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONGLONG:
      return (f.flags & UNSIGNED_FLAG) ? ValueType::kUint64 : ValueType::kInt64;
    case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL:
      return ValueType::kDecimal;
    case MYSQL_TYPE_FLOAT:
    case MYSQL_TYPE_DOUBLE:
      return ValueType::kFloat64;
    default:
      return f.charsetnr == 63 ? ValueType::kBinary : ValueType::kText;
  }
}

}  // namespace

MariadbTestExecutor::MariadbTestExecutor(MariadbConnParams params)
    : params_(std::move(params)) {}

MariadbTestExecutor::~MariadbTestExecutor() = default;

absl::StatusOr<std::unique_ptr<MariadbTestExecutor>>
MariadbTestExecutor::Connect(const MariadbConnParams& params) {
  std::unique_ptr<MariadbTestExecutor> ex(new MariadbTestExecutor(params));
  auto c = ex->Get(ExecMode::kSession);
  if (!c.ok()) return c.status();
  return ex;
}

absl::StatusOr<MariadbTestExecutor::Conn*> MariadbTestExecutor::Get(
    ExecMode mode) {
  std::unique_ptr<Conn>& slot = conns_[static_cast<int>(mode)];
  if (slot == nullptr) {
    auto c = std::make_unique<Conn>();
    c->mysql = mysql_init(nullptr);
    if (mysql_real_connect(c->mysql, params_.host.c_str(), params_.user.c_str(),
                           params_.password.c_str(), params_.database.c_str(),
                           params_.port, nullptr, 0) == nullptr) {
      return ErrorOf(c->mysql);
    }
    slot = std::move(c);
  }
  Conn* conn = slot.get();
  if ((mode == ExecMode::kPre || mode == ExecMode::kPost) && !conn->in_txn) {
    if (mysql_query(conn->mysql, "begin") != 0) return ErrorOf(conn->mysql);
    conn->in_txn = true;
  }
  return conn;
}

absl::StatusOr<QueryResult> MariadbTestExecutor::Execute(
    const BoundQuery& query, ExecMode mode) {
  auto sql = InterpolateQuery(query);
  if (!sql.ok()) return sql.status();
  auto conn = Get(mode);
  if (!conn.ok()) return conn.status();
  MYSQL* m = (*conn)->mysql;
  if (mysql_real_query(m, sql->data(), sql->size()) != 0) return ErrorOf(m);
  QueryResult out;
  MYSQL_RES* res = mysql_store_result(m);
  if (res == nullptr) {
    if (mysql_field_count(m) != 0) return ErrorOf(m);
    out.rows_affected = mysql_affected_rows(m);
    return out;
  }
  unsigned n = mysql_num_fields(res);
  MYSQL_FIELD* fields = mysql_fetch_fields(res);
  while (MYSQL_ROW row = mysql_fetch_row(res)) {
    unsigned long* lens = mysql_fetch_lengths(res);
    std::vector<Value> r;
    for (unsigned i = 0; i < n; ++i) {
      if (row[i] == nullptr) {
        r.push_back(Value::Null());
      } else {
        r.emplace_back(TypeOf(fields[i]), std::string(row[i], lens[i]));
      }
    }
    out.rows.push_back(std::move(r));
  }
  mysql_free_result(res);
  return out;
}

absl::Status MariadbTestExecutor::Commit() {
  for (ExecMode mode : {ExecMode::kPre, ExecMode::kSession, ExecMode::kPost}) {
    Conn* c = conns_[static_cast<int>(mode)].get();
    if (c == nullptr) continue;
    if (mysql_query(c->mysql, "commit") != 0) return ErrorOf(c->mysql);
    c->in_txn = false;
  }
  return absl::OkStatus();
}

absl::Status MariadbTestExecutor::Rollback() {
  for (ExecMode mode : {ExecMode::kPre, ExecMode::kSession, ExecMode::kPost}) {
    Conn* c = conns_[static_cast<int>(mode)].get();
    if (c == nullptr) continue;
    if (mysql_query(c->mysql, "rollback") != 0) return ErrorOf(c->mysql);
    c->in_txn = false;
  }
  return absl::OkStatus();
}

}  // namespace tessera::vindex::testing
