#include "lib/mysql/client/connection.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "mariadb/errmsg.h"
#include "mariadb/mysql.h"

namespace tessera::mysql {
namespace {

unsigned int Seconds(absl::Duration d) {
  int64_t s = absl::ToInt64Seconds(d);
  return s < 1 ? 1u : static_cast<unsigned int>(s);
}

bool IsConnectionError(unsigned int code) {
  return code == CR_SERVER_GONE_ERROR || code == CR_SERVER_LOST ||
         code == CR_CONNECTION_ERROR || code == CR_CONN_HOST_ERROR ||
         code == CR_SERVER_LOST_EXTENDED || code == CR_COMMANDS_OUT_OF_SYNC;
}

// libmariadb's LOAD DATA LOCAL INFILE callbacks: they serve only the data
// ExecuteLocalInfile armed, never a file of this host.
int InfileInit(void** ptr, const char* /*file*/, void* userdata) {
  auto* src = static_cast<LocalInfileSource*>(userdata);
  *ptr = src;
  src->pos = 0;
  return src->armed ? 0 : 1;
}

int InfileRead(void* ptr, char* buf, unsigned int len) {
  auto* src = static_cast<LocalInfileSource*>(ptr);
  if (!src->armed) return -1;
  const size_t n = std::min<size_t>(len, src->data.size() - src->pos);
  std::memcpy(buf, src->data.data() + src->pos, n);
  src->pos += n;
  return static_cast<int>(n);
}

void InfileEnd(void* /*ptr*/) {}

int InfileError(void* /*ptr*/, char* msg, unsigned int len) {
  std::snprintf(msg, len,
                "LOAD DATA LOCAL INFILE: the router sends only the file a "
                "client gave it");
  return CR_UNKNOWN_ERROR;
}

}  // namespace

Field FieldFromMysql(const void* p) {
  const MYSQL_FIELD* f = static_cast<const MYSQL_FIELD*>(p);
  Field out;
  out.name.assign(f->name, f->name_length);
  out.org_name.assign(f->org_name, f->org_name_length);
  out.table.assign(f->table, f->table_length);
  out.org_table.assign(f->org_table, f->org_table_length);
  out.database.assign(f->db, f->db_length);
  out.type = static_cast<FieldType>(f->type);
  out.flags = f->flags;
  out.charset = static_cast<uint16_t>(f->charsetnr);
  out.column_length = static_cast<uint32_t>(f->length);
  out.decimals = static_cast<uint8_t>(f->decimals);
  return out;
}

absl::StatusOr<std::unique_ptr<BackendConnection>> BackendConnection::Connect(
    const ConnectOptions& o) {
  MYSQL* m = mysql_init(nullptr);
  if (m == nullptr) {
    return MysqlError(er::kOutOfResources, "HY000", "mysql_init failed");
  }
  std::unique_ptr<BackendConnection> conn(new BackendConnection(m));
  unsigned int connect_s = Seconds(o.connect_timeout);
  unsigned int read_s = Seconds(o.read_timeout);
  unsigned int write_s = Seconds(o.write_timeout);
  mysql_optionsv(m, MYSQL_OPT_CONNECT_TIMEOUT, &connect_s);
  mysql_optionsv(m, MYSQL_OPT_READ_TIMEOUT, &read_s);
  mysql_optionsv(m, MYSQL_OPT_WRITE_TIMEOUT, &write_s);
  mysql_optionsv(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  // LOAD DATA LOCAL INFILE is negotiated, but the callbacks serve only
  // what ExecuteLocalInfile hands them: a shard can never make the router
  // read one of its host's files (a LOAD DATA LOCAL hidden in an
  // executable comment fails).
  unsigned int local_infile = 1;
  mysql_optionsv(m, MYSQL_OPT_LOCAL_INFILE, &local_infile);
  mysql_set_local_infile_handler(m, InfileInit, InfileRead, InfileEnd,
                                 InfileError, &conn->local_infile_);
  if (o.tls.enabled || o.tls.require) {
    my_bool verify = o.tls.verify_server_cert ? 1 : 0;
    my_bool enforce = 1;
    if (!o.tls.ca_file.empty()) {
      mysql_optionsv(m, MYSQL_OPT_SSL_CA, o.tls.ca_file.c_str());
    }
    if (!o.tls.cert_file.empty()) {
      mysql_optionsv(m, MYSQL_OPT_SSL_CERT, o.tls.cert_file.c_str());
    }
    if (!o.tls.key_file.empty()) {
      mysql_optionsv(m, MYSQL_OPT_SSL_KEY, o.tls.key_file.c_str());
    }
    mysql_optionsv(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
    if (o.tls.require) mysql_optionsv(m, MYSQL_OPT_SSL_ENFORCE, &enforce);
  }
  if (mysql_real_connect(m, o.host.c_str(), o.user.c_str(), o.password.c_str(),
                         o.database.empty() ? nullptr : o.database.c_str(),
                         static_cast<unsigned int>(o.port), nullptr,
                         0) == nullptr) {
    return conn->Error(absl::StrCat("connect to ", o.host, ":", o.port));
  }
  return conn;
}

BackendConnection::~BackendConnection() {
  if (mysql_ != nullptr) mysql_close(mysql_);
}

absl::Status BackendConnection::Error(absl::string_view what) {
  unsigned int code = mysql_errno(mysql_);
  if (code == 0) code = er::kUnknownError;
  if (IsConnectionError(code) || code == CR_SERVER_HANDSHAKE_ERR) {
    broken_ = true;
  }
  std::string state = mysql_sqlstate(mysql_);
  if (code >= 2000 && code < 3000 && state == "HY000") {
    state = "08S01";  // client/communication errors
  }
  return MysqlError(static_cast<uint16_t>(code), state,
                    absl::StrCat(mysql_error(mysql_), " (", what, ")"));
}

absl::Status BackendConnection::Send(absl::string_view sql) {
  if (broken_) {
    return MysqlError(CR_SERVER_GONE_ERROR, "08S01",
                      "backend connection is broken");
  }
  if (state_ != State::kIdle) {
    return InternalMysqlError("backend connection is busy");
  }
  last_used_ = absl::Now();
  if (mysql_send_query(mysql_, sql.data(),
                       static_cast<unsigned long>(sql.size())) != 0) {
    return Error("send query");
  }
  state_ = State::kSent;
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<ResultStream>> BackendConnection::ReadResult(
    bool streaming) {
  if (state_ != State::kSent) {
    return InternalMysqlError("no query was sent on this connection");
  }
  state_ = State::kIdle;
  if (mysql_read_query_result(mysql_) != 0) return Error("query");
  MYSQL_RES* res = nullptr;
  if (mysql_field_count(mysql_) > 0) {
    res = streaming ? mysql_use_result(mysql_) : mysql_store_result(mysql_);
    if (res == nullptr) return Error("read result");
    if (streaming) state_ = State::kStreaming;
  }
  return std::unique_ptr<ResultStream>(
      new ResultStream(this, res, /*buffered=*/!streaming));
}

absl::StatusOr<Result> BackendConnection::Execute(absl::string_view sql) {
  TESSERA_RETURN_IF_ERROR(Send(sql));
  TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<ResultStream> s, ReadResult(false));
  Result r;
  r.fields = s->fields();
  Row row;
  while (true) {
    TESSERA_ASSIGN_OR_RETURN(bool more, s->Next(&row));
    if (!more) break;
    r.rows.push_back(std::move(row));
    row.clear();
  }
  r.affected_rows = s->affected_rows();
  r.last_insert_id = s->last_insert_id();
  r.warnings = s->warnings();
  return r;
}

absl::StatusOr<Result> BackendConnection::ExecuteLocalInfile(
    absl::string_view sql, absl::string_view data) {
  local_infile_.armed = true;
  local_infile_.data = data;
  local_infile_.pos = 0;
  absl::StatusOr<Result> r = Execute(sql);
  local_infile_ = LocalInfileSource();
  if (r.ok()) {
    const char* info = mysql_info(mysql_);
    if (info != nullptr) r->info = info;
  }
  return r;
}

absl::Status BackendConnection::Ping() {
  if (state_ != State::kIdle) {
    return InternalMysqlError("ping on a busy connection");
  }
  if (mysql_ping(mysql_) != 0) {
    broken_ = true;
    return Error("ping");
  }
  return absl::OkStatus();
}

uint64_t BackendConnection::thread_id() const {
  return mysql_thread_id(mysql_);
}

bool BackendConnection::no_backslash_escapes() const {
  unsigned int status = 0;
  mariadb_get_infov(mysql_, MARIADB_CONNECTION_SERVER_STATUS, &status);
  return (status & SERVER_STATUS_NO_BACKSLASH_ESCAPES) != 0;
}

std::string BackendConnection::tls_cipher() const {
  const char* c = mysql_get_ssl_cipher(mysql_);
  return c == nullptr ? "" : c;
}

ResultStream::ResultStream(BackendConnection* conn, MYSQL_RES* res,
                           bool buffered)
    : conn_(conn), res_(res), buffered_(buffered) {
  MYSQL* m = conn->mysql_;
  warnings_ = static_cast<uint16_t>(mysql_warning_count(m));
  if (res_ == nullptr) {
    done_ = true;
    affected_rows_ = mysql_affected_rows(m);
    last_insert_id_ = mysql_insert_id(m);
    return;
  }
  unsigned int n = mysql_num_fields(res_);
  MYSQL_FIELD* fields = mysql_fetch_fields(res_);
  fields_.reserve(n);
  for (unsigned int i = 0; i < n; ++i) {
    fields_.push_back(FieldFromMysql(&fields[i]));
  }
}

ResultStream::~ResultStream() {
  // mysql_free_result reads and drops the rest of an unbuffered result.
  if (res_ != nullptr) mysql_free_result(res_);
  if (!buffered_ && conn_->state_ == BackendConnection::State::kStreaming)
    conn_->StreamDone();
}

absl::StatusOr<bool> ResultStream::Next(Row* row) {
  if (done_) return false;
  MYSQL_ROW r = mysql_fetch_row(res_);
  if (r == nullptr) {
    done_ = true;
    // A buffered result was complete when read; the connection may have
    // run other statements since, so its error state is not ours.
    if (buffered_) return false;
    MYSQL* m = conn_->mysql_;
    if (conn_->state_ == BackendConnection::State::kStreaming)
      conn_->StreamDone();
    if (mysql_errno(m) != 0) return conn_->Error("fetch row");
    warnings_ = static_cast<uint16_t>(mysql_warning_count(m));
    return false;
  }
  const unsigned int n = static_cast<unsigned int>(fields_.size());
  unsigned long* lengths = mysql_fetch_lengths(res_);
  row->resize(n);
  for (unsigned int i = 0; i < n; ++i) {
    (*row)[i] = r[i] == nullptr ? Value::Null()
                                : Value::Text(std::string(r[i], lengths[i]));
  }
  return true;
}

}  // namespace tessera::mysql
