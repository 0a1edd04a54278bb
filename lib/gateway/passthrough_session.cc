#include "lib/gateway/passthrough_session.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <memory>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/gateway/backend_canceller.h"
#include "lib/gateway/keyspace_access.h"
#include "lib/gateway/passthrough_cursor.h"
#include "lib/mysql/binary_protocol.h"
#include "mariadb/errmsg.h"
#include "mariadb/mysql.h"

namespace tessera::gateway {
namespace {

using mysql::ParamValue;
using mysql::PrepareInfo;
using mysql::QueryOptions;
using mysql::QueryResult;

absl::Status BackendError(MYSQL* m) {
  return MysqlError(static_cast<uint16_t>(mysql_errno(m)), mysql_sqlstate(m),
                    mysql_error(m));
}

absl::Status StmtError(MYSQL_STMT* s) {
  return MysqlError(static_cast<uint16_t>(mysql_stmt_errno(s)),
                    mysql_stmt_sqlstate(s), mysql_stmt_error(s));
}

Field ToField(const MYSQL_FIELD& f) {
  Field out;
  out.name.assign(f.name, f.name_length);
  out.org_name.assign(f.org_name, f.org_name_length);
  out.table.assign(f.table, f.table_length);
  out.org_table.assign(f.org_table, f.org_table_length);
  out.database.assign(f.db, f.db_length);
  out.type = static_cast<FieldType>(f.type);
  out.flags = f.flags;
  out.charset = static_cast<uint16_t>(f.charsetnr);
  out.column_length = static_cast<uint32_t>(f.length);
  out.decimals = static_cast<uint8_t>(f.decimals);
  return out;
}

// LOAD DATA LOCAL INFILE on the backend connection: libmariadb's callbacks
// serve the file the client sent through the gateway (QueryOptions::
// local_infile), whatever name the backend asks for; without one (e.g. a
// LOAD DATA LOCAL hidden in an executable comment) they fail, so a backend
// can never make the gateway read one of its own host's files.
struct InfileSource {
  const std::string* data = nullptr;
  size_t pos = 0;
};

int InfileInit(void** ptr, const char* /*file*/, void* userdata) {
  auto* src = static_cast<InfileSource*>(userdata);
  *ptr = src;
  src->pos = 0;
  return src->data == nullptr ? 1 : 0;
}

int InfileRead(void* ptr, char* buf, unsigned int len) {
  auto* src = static_cast<InfileSource*>(ptr);
  if (src->data == nullptr) return -1;
  const size_t n = std::min<size_t>(len, src->data->size() - src->pos);
  std::memcpy(buf, src->data->data() + src->pos, n);
  src->pos += n;
  return static_cast<int>(n);
}

void InfileEnd(void* /*ptr*/) {}

int InfileError(void* /*ptr*/, char* msg, unsigned int len) {
  std::snprintf(msg, len,
                "LOAD DATA LOCAL INFILE: only a file sent by the client "
                "through the gateway can be loaded");
  return CR_UNKNOWN_ERROR;
}

class PassthroughSession : public mysql::Session {
 public:
  PassthroughSession(const BackendOptions& options,
                     const mysql::SessionContext& context)
      : options_(options),
        context_(context),
        db_(context.database),
        canceller_(std::make_shared<BackendCanceller>(options)) {}

  std::shared_ptr<mysql::QueryCanceller> canceller() override {
    return canceller_;
  }
  bool SupportsLocalInfile() const override { return true; }
  ~PassthroughSession() override {
    if (conn_) mysql_close(conn_);
  }

  absl::Status Connect() {
    if (conn_) mysql_close(conn_);
    conn_ = mysql_init(nullptr);
    if (!conn_) return InternalMysqlError("out of memory");
    unsigned int timeout = options_.connect_timeout_seconds;
    mysql_options(conn_, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    if (options_.io_timeout_seconds > 0) {
      unsigned int io = options_.io_timeout_seconds;
      mysql_options(conn_, MYSQL_OPT_READ_TIMEOUT, &io);
      mysql_options(conn_, MYSQL_OPT_WRITE_TIMEOUT, &io);
    }
    unsigned long max_packet = 1ul << 30;
    mysql_options(conn_, MYSQL_OPT_MAX_ALLOWED_PACKET, &max_packet);
    // libmariadb's packet buffer starts at net_buffer_length (and grows for
    // bigger packets): small for the many idle connections a gateway holds.
    unsigned long net_buffer = 4096;
    mysql_options(conn_, MYSQL_OPT_NET_BUFFER_LENGTH, &net_buffer);
    mysql_options(conn_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    mysql_optionsv(conn_, MYSQL_OPT_CONNECT_ATTR_ADD, "tessera_client",
                   context_.client_address.c_str());
    unsigned int local_infile = 1;
    mysql_options(conn_, MYSQL_OPT_LOCAL_INFILE, &local_infile);
    mysql_set_local_infile_handler(conn_, InfileInit, InfileRead, InfileEnd,
                                   InfileError, &infile_);
    ApplyBackendTls(conn_, options_.tls);
    if (!mysql_real_connect(conn_, options_.host.c_str(), options_.user.c_str(),
                            options_.password.c_str(),
                            db_.empty() ? nullptr : db_.c_str(), options_.port,
                            nullptr,
                            CLIENT_MULTI_STATEMENTS | CLIENT_MULTI_RESULTS)) {
      absl::Status s = BackendError(conn_);
      mysql_close(conn_);
      conn_ = nullptr;
      return s;
    }
    multi_ = true;
    canceller_->set_thread_id(mysql_thread_id(conn_));
    return EnableTracking();
  }

  QueryResult Query(absl::string_view sql,
                    const QueryOptions& options) override {
    QueryResult out;
    if (absl::Status s = Ready(); !s.ok()) {
      out.error = s;
      return out;
    }
    if (options.multi_statements != multi_) {
      if (mysql_set_server_option(conn_,
                                  options.multi_statements
                                      ? MYSQL_OPTION_MULTI_STATEMENTS_ON
                                      : MYSQL_OPTION_MULTI_STATEMENTS_OFF)) {
        out.error = Failed(BackendError(conn_));
        return out;
      }
      multi_ = options.multi_statements;
    }
    if (absl::Status s =
            CheckUseStatement(sql, context_.user, context_.allowed_keyspaces);
        !s.ok()) {
      out.error = s;
      out.status_flags = StatusFlags();
      return out;
    }
    infile_.data = options.local_infile;
    const int failed = mysql_real_query(conn_, sql.data(), sql.size());
    infile_.data = nullptr;
    if (failed != 0) {
      out.error = Failed(BackendError(conn_));
      out.status_flags = StatusFlags();
      return out;
    }
    while (true) {
      absl::Status s = CollectOne(out);
      if (!s.ok()) {
        out.error = Failed(s);
        break;
      }
      int next = mysql_next_result(conn_);
      if (next < 0) break;
      if (next > 0) {
        out.error = Failed(BackendError(conn_));
        break;
      }
    }
    out.status_flags = StatusFlags();
    return out;
  }

  absl::StatusOr<PrepareInfo> Prepare(absl::string_view sql) override {
    if (absl::Status s = Ready(); !s.ok()) return s;
    MYSQL_STMT* stmt = mysql_stmt_init(conn_);
    if (!stmt) return Failed(BackendError(conn_));
    PrepareInfo info;
    absl::Status status;
    if (mysql_stmt_prepare(stmt, sql.data(), sql.size()) != 0) {
      status = StmtError(stmt);
    } else {
      info.num_params = mysql_stmt_param_count(stmt);
      if (MYSQL_RES* meta = mysql_stmt_result_metadata(stmt)) {
        unsigned n = mysql_num_fields(meta);
        MYSQL_FIELD* fields = mysql_fetch_fields(meta);
        for (unsigned i = 0; i < n; ++i)
          info.columns.push_back(ToField(fields[i]));
        mysql_free_result(meta);
      }
      if (info.num_params != mysql::CountPlaceholders(sql)) {
        status = UnsupportedError(
            "statement placeholders could not be located for passthrough");
      }
    }
    mysql_stmt_close(stmt);
    if (!status.ok()) return Failed(status);
    return info;
  }

  QueryResult Execute(absl::string_view sql,
                      absl::Span<const ParamValue> params) override {
    auto text = mysql::InterpolateParams(sql, params);
    if (!text.ok()) {
      QueryResult out;
      out.error = text.status();
      out.status_flags = StatusFlags();
      return out;
    }
    return Query(*text, QueryOptions{});
  }

  // A statement with one result set streams it (passthrough_cursor.h);
  // others are answered whole, as by Execute().
  mysql::CursorExecution ExecuteCursor(
      absl::string_view sql, absl::Span<const ParamValue> params) override {
    mysql::CursorExecution out;
    auto text = mysql::InterpolateParams(sql, params);
    absl::Status s = text.ok() ? Ready() : text.status();
    if (s.ok() && multi_) {
      if (mysql_set_server_option(conn_, MYSQL_OPTION_MULTI_STATEMENTS_OFF)) {
        s = Failed(BackendError(conn_));
      } else {
        multi_ = false;
      }
    }
    if (s.ok() && mysql_real_query(conn_, text->data(), text->size()) != 0) {
      s = Failed(BackendError(conn_));
    }
    if (s.ok() && mysql_field_count(conn_) == 0) {
      s = CollectOne(out.result);  // no result set
      if (!s.ok()) out.result.error = Failed(s);
      DiscardResults();
    } else if (s.ok()) {
      MYSQL_RES* res = mysql_use_result(conn_);
      if (res == nullptr) {
        s = Failed(BackendError(conn_));
      } else {
        out.cursor = std::make_unique<PassthroughCursor>(
            conn_, res, options_.max_result_rows, options_.max_result_bytes);
      }
    }
    if (!s.ok()) out.result.error = s;
    out.result.status_flags = StatusFlags();
    return out;
  }

  absl::Status InitDb(absl::string_view database) override {
    if (!KeyspaceAllowed(context_.allowed_keyspaces, database)) {
      return DbAccessDenied(context_.user, database);
    }
    if (absl::Status s = Ready(); !s.ok()) return s;
    std::string db(database);
    if (mysql_select_db(conn_, db.c_str()) != 0) {
      return Failed(BackendError(conn_));
    }
    db_ = db;
    return absl::OkStatus();
  }

  absl::Status Reset() override {
    if (absl::Status s = Ready(); !s.ok()) return s;
    if (mysql_reset_connection(conn_) != 0) return Failed(BackendError(conn_));
    multi_ = true;
    if (absl::Status s = EnableTracking(); !s.ok()) return s;
    if (!db_.empty() && mysql_select_db(conn_, db_.c_str()) != 0) {
      return Failed(BackendError(conn_));
    }
    return absl::OkStatus();
  }

  absl::Status Ping() override {
    if (absl::Status s = Ready(); !s.ok()) return s;
    if (mysql_ping(conn_) != 0) return Failed(BackendError(conn_));
    return absl::OkStatus();
  }

 private:
  // A client that asked for session tracking gets the backend's own
  // trackers: every system variable, the schema and the state flag.
  absl::Status EnableTracking() {
    if (!context_.session_tracking) return absl::OkStatus();
    static constexpr absl::string_view kTrackAll =
        "SET SESSION session_track_system_variables='*', "
        "session_track_schema=ON, session_track_state_change=ON";
    if (mysql_real_query(conn_, kTrackAll.data(), kTrackAll.size()) != 0) {
      return Failed(BackendError(conn_));
    }
    return absl::OkStatus();
  }

  // The backend's session-state changes of the statement just read.
  void ReadTracking(mysql::SessionStateChanges& out) {
    if (!context_.session_tracking) return;
    const char* data = nullptr;
    size_t length = 0;
    if (mysql_session_track_get_first(conn_, SESSION_TRACK_SYSTEM_VARIABLES,
                                      &data, &length) == 0) {
      do {
        std::string name(data, length);
        if (mysql_session_track_get_next(conn_, SESSION_TRACK_SYSTEM_VARIABLES,
                                         &data, &length) != 0) {
          break;
        }
        out.SetVariable(name, absl::string_view(data, length));
      } while (mysql_session_track_get_next(
                   conn_, SESSION_TRACK_SYSTEM_VARIABLES, &data, &length) == 0);
    }
    if (mysql_session_track_get_first(conn_, SESSION_TRACK_SCHEMA, &data,
                                      &length) == 0) {
      out.schema = std::string(data, length);
    }
    if (mysql_session_track_get_first(conn_, SESSION_TRACK_STATE_CHANGE, &data,
                                      &length) == 0) {
      out.state_changed = true;
    }
  }

  // Reconnects after a lost backend connection (session state is lost, as
  // after a server restart).
  absl::Status Ready() {
    if (conn_ && !broken_) return absl::OkStatus();
    broken_ = false;
    return Connect();
  }

  // Marks the connection broken on client-side (2xxx) errors.
  absl::Status Failed(absl::Status s) {
    unsigned e = conn_ ? mysql_errno(conn_) : 0;
    if (e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST ||
        e == CR_CONNECTION_ERROR) {
      broken_ = true;
    }
    return s;
  }

  uint16_t StatusFlags() {
    unsigned int status = 0;
    if (conn_)
      mariadb_get_infov(conn_, MARIADB_CONNECTION_SERVER_STATUS, &status);
    return static_cast<uint16_t>(status & 0x3);  // IN_TRANS | AUTOCOMMIT
  }

  // Appends the current result of the backend connection, streaming rows
  // so the limits bound memory.
  absl::Status CollectOne(QueryResult& out) {
    Result r;
    MYSQL_RES* res = mysql_use_result(conn_);
    if (!res) {
      if (mysql_field_count(conn_) != 0) return BackendError(conn_);
      r.affected_rows = mysql_affected_rows(conn_);
      r.last_insert_id = mysql_insert_id(conn_);
      r.warnings = static_cast<uint16_t>(mysql_warning_count(conn_));
      if (const char* info = mysql_info(conn_)) r.info = info;
      out.results.push_back(std::move(r));
      ReadTracking(out.session_state);
      return absl::OkStatus();
    }
    unsigned n = mysql_num_fields(res);
    MYSQL_FIELD* fields = mysql_fetch_fields(res);
    r.fields.reserve(n);
    for (unsigned i = 0; i < n; ++i) r.fields.push_back(ToField(fields[i]));
    uint64_t bytes = 0;
    uint64_t max_rows = options_.max_result_rows;
    uint64_t max_bytes = options_.max_result_bytes;
    while (MYSQL_ROW row = mysql_fetch_row(res)) {
      unsigned long* lengths = mysql_fetch_lengths(res);
      Row values;
      values.reserve(n);
      for (unsigned i = 0; i < n; ++i) {
        bytes += lengths[i];
        values.push_back(row[i] ? Value::Text(std::string(row[i], lengths[i]))
                                : Value::Null());
      }
      r.rows.push_back(std::move(values));
      if ((max_rows > 0 && r.rows.size() > max_rows) ||
          (max_bytes > 0 && bytes > max_bytes)) {
        mysql_free_result(res);  // reads and drops the rest
        DiscardResults();
        return MysqlError(
            er::kTooBigSelect, "42000",
            absl::StrCat("result exceeds the gateway's limit of ", max_rows,
                         " rows or ", max_bytes, " bytes; add a LIMIT"));
      }
    }
    absl::Status status =
        mysql_errno(conn_) != 0 ? BackendError(conn_) : absl::OkStatus();
    r.warnings = static_cast<uint16_t>(mysql_warning_count(conn_));
    mysql_free_result(res);
    if (!status.ok()) return status;
    out.results.push_back(std::move(r));
    return absl::OkStatus();
  }

  // Reads and drops the results still pending after a failed one.
  void DiscardResults() {
    while (mysql_more_results(conn_) && mysql_next_result(conn_) == 0) {
      if (MYSQL_RES* res = mysql_use_result(conn_)) mysql_free_result(res);
    }
  }

  const BackendOptions& options_;
  const mysql::SessionContext context_;
  std::string db_;
  std::shared_ptr<BackendCanceller> canceller_;
  MYSQL* conn_ = nullptr;
  InfileSource infile_;
  bool multi_ = true;
  bool broken_ = false;
};

}  // namespace

PassthroughSessionFactory::PassthroughSessionFactory(BackendOptions options)
    : options_(std::move(options)) {
  mysql_library_init(0, nullptr, nullptr);
}

absl::StatusOr<std::unique_ptr<mysql::Session>>
PassthroughSessionFactory::Create(const mysql::SessionContext& context) {
  if (!KeyspaceAllowed(context.allowed_keyspaces, context.database)) {
    return DbAccessDenied(context.user, context.database);
  }
  auto session = std::make_unique<PassthroughSession>(options_, context);
  absl::Status s = session->Connect();
  if (!s.ok()) return s;
  return session;
}

}  // namespace tessera::gateway
