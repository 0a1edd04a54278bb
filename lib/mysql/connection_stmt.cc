// Prepared statements: COM_STMT_PREPARE / EXECUTE / SEND_LONG_DATA / CLOSE /
// RESET (server-side cursors: connection_cursor.cc).
#include <algorithm>
#include <chrono>
#include <optional>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/mysql/binary_protocol.h"
#include "lib/mysql/connection.h"
#include "lib/mysql/result_writer.h"
#include "lib/mysql/wire.h"

namespace tessera::mysql {
namespace {

constexpr uint32_t kLastPrepared = 0xFFFFFFFF;  // MariaDB direct execution
// COM_STMT_EXECUTE flags asking for a cursor: CURSOR_TYPE_READ_ONLY,
// _FOR_UPDATE, _SCROLLABLE (a read-only forward cursor serves them all).
constexpr uint8_t kCursorFlags = 0x01 | 0x02 | 0x04;

absl::Status UnknownStatement(uint32_t id, absl::string_view command) {
  return MysqlError(er::kUnknownStmtHandler, "HY000",
                    absl::StrCat("Unknown prepared statement handler (", id,
                                 ") given to ", command));
}

}  // namespace

asio::awaitable<void> Connection::HandlePrepare(absl::string_view sql) {
  int limit = server_->options.max_prepared_statements;
  if (statements_.size() >= static_cast<size_t>(limit)) {
    io_.Queue(EncodeErr(MysqlError(
        er::kMaxPreparedStmtCount, "42000",
        absl::StrCat("Can't create more than max_prepared_stmt_count "
                     "statements (current value: ",
                     limit, ")"))));
    co_return;
  }
  auto start = std::chrono::steady_clock::now();
  std::optional<std::string> rewritten = SubstituteConnectionId(sql, id_);
  std::string text = rewritten ? std::move(*rewritten) : std::string(sql);
  Session* session = session_.get();
  BeginCommand("Prepare", sql);
  auto job = RunOnWorker(SessionPool(),
                         [session, &text] { return session->Prepare(text); });
  auto info = co_await std::move(job);
  absl::Status status = EndCommand(info.status());
  Observe(Command::kStmtPrepare, sql, start, nullptr, status);
  if (!status.ok()) {
    io_.Queue(EncodeErr(status));
    co_return;
  }
  if (info->num_params > 0xFFFF || info->columns.size() > 0xFFFF) {
    io_.Queue(EncodeErr(InternalMysqlError("too many parameters or columns")));
    co_return;
  }
  uint32_t id = next_statement_id_++;
  if (next_statement_id_ == kLastPrepared) next_statement_id_ = 1;
  Statement& stmt = statements_[id];
  stmt.sql = std::move(text);
  stmt.info = std::move(*info);
  last_statement_id_ = id;
  WriterContext ctx = io_.writer();
  ctx.capabilities = capabilities_;
  AppendPrepareOk(id, stmt.info, ctx);
}

asio::awaitable<void> Connection::HandleExecute(absl::string_view payload) {
  auto id = PeekStatementId(payload);
  if (!id.ok()) {
    io_.Queue(EncodeErr(id.status()));
    co_return;
  }
  uint32_t stmt_id = *id == kLastPrepared ? last_statement_id_ : *id;
  auto it = statements_.find(stmt_id);
  if (it == statements_.end()) {
    io_.Queue(EncodeErr(UnknownStatement(stmt_id, "mysqld_stmt_execute")));
    co_return;
  }
  Statement& stmt = it->second;
  stmt.CloseCursor();  // a new execution closes the previous cursor
  const bool want_cursor =
      payload.size() > 4 && (static_cast<uint8_t>(payload[4]) & kCursorFlags);
  if (stmt.long_data_bytes > server_->options.max_packet_size) {
    stmt.long_data.clear();
    stmt.long_data_bytes = 0;
    io_.Queue(EncodeErr(MysqlError(
        er::kNetPacketTooLarge, "08S01",
        "Parameter of prepared statement is bigger than max_allowed_packet")));
    co_return;
  }
  auto params = DecodeExecuteParams(payload, stmt.info.num_params, &stmt.types,
                                    stmt.long_data);
  stmt.long_data.clear();
  stmt.long_data_bytes = 0;
  if (!params.ok()) {
    io_.Queue(EncodeErr(params.status()));
    co_return;
  }
  auto start = std::chrono::steady_clock::now();
  Session* session = session_.get();
  // The statement stays in statements_ while it executes (commands of a
  // connection never overlap), so the job may point at its text and columns.
  const std::string* sql = &stmt.sql;
  const std::vector<Field>* columns = &stmt.info.columns;
  BeginCommand("Execute", *sql);
  auto job = RunOnWorker(
      SessionPool(), [session, sql, want_cursor, values = std::move(*params)] {
        auto out = std::make_shared<CursorExecution>();
        if (want_cursor) {
          *out = session->ExecuteCursor(*sql, values);
        } else {
          out->result = session->Execute(*sql, values);
        }
        return out;
      });
  std::shared_ptr<CursorExecution> exec = co_await std::move(job);
  QueryResult& result = exec->result;
  result.error = EndCommand(result.error);
  if (exec->cursor != nullptr && !result.error.ok()) {
    // Timed out or killed while opening: drop the cursor (on a worker).
    co_await RunOnWorker(SessionPool(), [exec] {
      exec->cursor.reset();
      return 0;
    });
  }
  status_flags_ = result.status_flags;
  WriterContext ctx = io_.writer();
  ctx.capabilities = capabilities_;
  Observe(Command::kStmtExecute, *sql, start, &result, result.error);
  if (exec->cursor != nullptr && result.error.ok()) {
    OpenStream(stmt, std::move(exec->cursor));
    AppendCursorOpen(stmt.cursor_fields, 0, status_flags_, ctx);
    co_return;
  }
  if (want_cursor && OpenCursor(stmt, result)) {
    AppendCursorOpen(stmt.cursor_fields, result.results[0].warnings,
                     status_flags_, ctx);
    co_return;
  }
  AppendQueryResult(result, /*binary=*/true, *columns, ctx);
}

bool Connection::OpenCursor(Statement& stmt, QueryResult& result) {
  if (!result.error.ok() || result.results.size() != 1 ||
      !result.results[0].has_result_set()) {
    return false;
  }
  Result& r = result.results[0];
  stmt.cursor_open = true;
  stmt.cursor_fields = stmt.info.columns.size() == r.fields.size()
                           ? stmt.info.columns
                           : std::move(r.fields);
  stmt.cursor_rows = std::move(r.rows);
  stmt.cursor_next = 0;
  return true;
}

void Connection::HandleSendLongData(absl::string_view payload) {
  WireReader r(payload);
  uint32_t id = r.Int4();
  uint16_t param = r.Int2();
  if (!r.ok()) return;
  auto it = statements_.find(id);
  if (it == statements_.end() || param >= it->second.info.num_params) return;
  Statement& stmt = it->second;
  absl::string_view data = r.Rest();
  stmt.long_data_bytes += data.size();
  if (stmt.long_data_bytes > server_->options.max_packet_size) return;
  stmt.long_data[param].append(data.data(), data.size());
}

void Connection::HandleClose(absl::string_view payload) {
  WireReader r(payload);
  uint32_t id = r.Int4();
  if (r.ok()) statements_.erase(id);
}

asio::awaitable<void> Connection::HandleStmtReset(absl::string_view payload) {
  WireReader r(payload);
  uint32_t id = r.Int4();
  auto it = r.ok() ? statements_.find(id) : statements_.end();
  if (it == statements_.end()) {
    io_.Queue(EncodeErr(UnknownStatement(id, "mysqld_stmt_reset")));
    co_return;
  }
  it->second.long_data.clear();
  it->second.long_data_bytes = 0;
  it->second.CloseCursor();
  OkInfo ok;
  ok.status_flags = status_flags_;
  io_.Queue(EncodeOk(ok));
}

}  // namespace tessera::mysql
