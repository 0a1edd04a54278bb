// Server-side cursors (COM_STMT_FETCH). A cursor either holds the rows the
// session returned (Statement::cursor_rows) or pulls them from the
// session's ResultCursor as the client fetches (Statement::stream): then
// the server holds at most one fetch's rows. Stream calls run on a worker,
// never alongside another session call; before any other command the
// streams are detached (the passthrough then buffers the rest) or, for the
// statement the command executes, resets or closes, destroyed.
#include <algorithm>
#include <atomic>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/mysql/binary_protocol.h"
#include "lib/mysql/connection.h"
#include "lib/mysql/result_writer.h"
#include "lib/mysql/wire.h"

namespace tessera::mysql {
namespace {

constexpr uint16_t kStmtHasNoOpenCursor = 1421;  // HY000
constexpr uint32_t kLastPrepared = 0xFFFFFFFF;

// What one fetch read from a stream.
struct FetchBatch {
  std::vector<Row> rows;
  bool end = false;
  absl::Status error;
};

// Reads up to `count` rows (and one ahead, into *peek); stops with 1317
// when `interrupted` is set (KILL QUERY, the query timeout).
FetchBatch Pull(ResultCursor* cursor, std::optional<Row>* peek, size_t count,
                const std::atomic<bool>* interrupted) {
  FetchBatch b;
  if (count == 0) return b;
  b.rows.reserve(std::min<size_t>(count, 1024));
  if (peek->has_value()) {
    b.rows.push_back(std::move(**peek));
    peek->reset();
  }
  Row row;
  // One row more than asked tells whether this batch is the last.
  while (b.rows.size() <= count) {
    if (interrupted->load(std::memory_order_relaxed)) {
      b.error = MysqlError(er::kQueryInterrupted, "70100",
                           "Query execution was interrupted");
      return b;
    }
    absl::StatusOr<bool> more = cursor->Next(&row);
    if (!more.ok()) {
      b.error = more.status();
      return b;
    }
    if (!*more) {
      b.end = true;
      return b;
    }
    if (b.rows.size() == count) {
      *peek = std::move(row);
      return b;
    }
    b.rows.push_back(std::move(row));
    row = Row();
  }
  return b;
}

}  // namespace

void Connection::OpenStream(Statement& stmt,
                            std::unique_ptr<ResultCursor> cursor) {
  stmt.cursor_open = true;
  stmt.cursor_fields = stmt.info.columns.size() == cursor->fields().size()
                           ? stmt.info.columns
                           : cursor->fields();
  stmt.stream = std::move(cursor);
  stmt.stream_peek.reset();
  stmt.stream_error = absl::OkStatus();
  ++open_streams_;
}

asio::awaitable<void> Connection::CloseStreams(const uint32_t* only) {
  std::vector<std::unique_ptr<ResultCursor>> doomed;
  for (auto& [id, stmt] : statements_) {
    if (stmt.stream == nullptr || (only != nullptr && id != *only)) continue;
    doomed.push_back(std::move(stmt.stream));
    stmt.CloseCursor();
    stmt.stream_peek.reset();
    --open_streams_;
  }
  if (doomed.empty()) co_return;
  auto shared = std::make_shared<decltype(doomed)>(std::move(doomed));
  // Destroying a stream may read and drop the rest of a backend result.
  co_await RunOnWorker(SessionPool(), [shared] {
    shared->clear();
    return 0;
  });
}

asio::awaitable<void> Connection::BeforeCommand(const std::string& packet) {
  const auto cmd = static_cast<Command>(packet[0]);
  absl::string_view body = absl::string_view(packet).substr(1);
  switch (cmd) {
    case Command::kStmtFetch:
    case Command::kStmtSendLongData:
    case Command::kQuit:
      co_return;
    case Command::kResetConnection:
    case Command::kChangeUser:
      co_await CloseStreams(nullptr);
      co_return;
    case Command::kStmtExecute:
    case Command::kStmtReset:
    case Command::kStmtClose:
      if (auto id = PeekStatementId(body); id.ok()) {
        uint32_t sid = *id == kLastPrepared ? last_statement_id_ : *id;
        co_await CloseStreams(&sid);
      }
      // COM_STMT_CLOSE and RESET do not use the session.
      if (cmd != Command::kStmtExecute) co_return;
      break;
    default:
      break;
  }
  if (open_streams_ == 0) co_return;
  std::vector<Statement*> open;
  for (auto& [id, stmt] : statements_) {
    if (stmt.stream != nullptr) open.push_back(&stmt);
  }
  co_await RunOnWorker(SessionPool(), [&open] {
    for (Statement* stmt : open) {
      if (stmt->stream_error.ok()) stmt->stream_error = stmt->stream->Detach();
    }
    return 0;
  });
}

asio::awaitable<void> Connection::HandleFetch(absl::string_view payload) {
  WireReader r(payload);
  uint32_t id = r.Int4();
  uint32_t count = r.Int4();
  if (!r.ok()) {
    io_.Queue(EncodeErr(er::kHandshakeError, "08S01", "Malformed packet"));
    co_return;
  }
  auto it = statements_.find(id);
  if (it == statements_.end()) {
    io_.Queue(EncodeErr(
        MysqlError(er::kUnknownStmtHandler, "HY000",
                   absl::StrCat("Unknown prepared statement handler (", id,
                                ") given to mysqld_stmt_fetch"))));
    co_return;
  }
  Statement& stmt = it->second;
  if (!stmt.cursor_open) {
    io_.Queue(EncodeErr(MysqlError(
        kStmtHasNoOpenCursor, "HY000",
        absl::StrCat("The statement (", id, ") has no open cursor"))));
    co_return;
  }
  WriterContext ctx = io_.writer();
  ctx.capabilities = capabilities_;
  if (stmt.stream == nullptr) {
    const size_t left = stmt.cursor_rows.size() - stmt.cursor_next;
    const size_t n = std::min<size_t>(left, count);
    const bool last = n == left;
    AppendCursorRows(
        stmt.cursor_fields,
        absl::MakeConstSpan(stmt.cursor_rows).subspan(stmt.cursor_next, n),
        last, status_flags_, ctx);
    stmt.cursor_next += n;
    if (last) stmt.CloseCursor();
    co_return;
  }
  FetchBatch batch;
  if (!stmt.stream_error.ok()) {
    batch.error = stmt.stream_error;
  } else {
    ResultCursor* cursor = stmt.stream.get();
    std::optional<Row>* peek = &stmt.stream_peek;
    const std::atomic<bool>* interrupted = &interrupted_;
    // A running command for PROCESSLIST, KILL QUERY and the query timeout.
    BeginCommand("Fetch", stmt.sql);
    batch =
        co_await RunOnWorker(SessionPool(), [cursor, peek, count, interrupted] {
          return Pull(cursor, peek, count, interrupted);
        });
    batch.error = EndCommand(batch.error);
  }
  if (!batch.error.ok()) {
    io_.Queue(EncodeErr(batch.error));
    co_await CloseStreams(&id);
    co_return;
  }
  AppendCursorRows(stmt.cursor_fields, batch.rows, batch.end, status_flags_,
                   ctx);
  if (batch.end) co_await CloseStreams(&id);
}

}  // namespace tessera::mysql
