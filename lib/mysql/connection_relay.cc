// The command loop's side of a relay session (lib/mysql/relay.h): which
// commands the server still answers itself, and the bookkeeping (process
// state for KILL QUERY and the query timeout, observers) around the ones it
// forwards.
#include <chrono>

#include "absl/strings/ascii.h"
#include "lib/base/mysql_error.h"
#include "lib/mysql/connection.h"
#include "lib/mysql/constants.h"
#include "lib/mysql/wire.h"

namespace tessera::mysql {

asio::awaitable<bool> Connection::FlushThunk(void* self) {
  co_return co_await static_cast<Connection*>(self)->Flush();
}

bool Connection::TimedOutThunk(void* self) {
  auto* c = static_cast<Connection*>(self);
  absl::MutexLock lock(&c->state_mu_);
  return c->state_.timed_out;
}

asio::awaitable<bool> Connection::DispatchRelay(const std::string& packet) {
  const auto command = static_cast<Command>(packet[0]);
  absl::string_view body = absl::string_view(packet).substr(1);
  auto start = std::chrono::steady_clock::now();
  switch (command) {
    case Command::kQuit:
      co_return false;
    case Command::kQuery: {
      if (absl::StripAsciiWhitespace(body).empty()) {
        io_.Queue(EncodeErr(er::kEmptyQuery, "42000", "Query was empty"));
        break;
      }
      if (co_await HandleLocal(body, start)) break;
      if (SubstituteConnectionId(body, id_).has_value()) {
        co_await RunQuery(body, nullptr, start);  // rewrites, then relays
      } else {
        co_await Relay(command, packet, body, nullptr, start);
      }
      break;
    }
    case Command::kChangeUser:
      if (!co_await HandleChangeUser(body)) co_return false;
      break;
    case Command::kStatistics:
      co_await HandleStatistics();
      break;
    case Command::kProcessKill:
      co_await HandleProcessKill(body);
      break;
    case Command::kSetOption: {
      WireReader r(body);
      uint16_t option = r.Int2();
      if (!r.ok() || option > 1) {
        io_.Queue(EncodeErr(er::kUnknownCom, "08S01", "Unknown option"));
        break;
      }
      co_await Relay(command, packet, {}, nullptr, start);
      if (option == 0) {
        capabilities_ |= cap::kMultiStatements;
      } else {
        capabilities_ &= ~cap::kMultiStatements;
      }
      break;
    }
    case Command::kInitDb:
    case Command::kPing:
    case Command::kResetConnection:
    case Command::kFieldList:
    case Command::kStmtPrepare:
    case Command::kStmtExecute:
    case Command::kStmtFetch:
    case Command::kStmtReset:
      co_await Relay(command, packet,
                     command == Command::kStmtPrepare ? body : "", nullptr,
                     start);
      break;
    case Command::kStmtSendLongData:
    case Command::kStmtClose:
      co_await Relay(command, packet, {}, nullptr, start);
      co_return !close_requested_;  // no response
    default:
      io_.Queue(EncodeErr(er::kUnknownCom, "08S01", "Unknown command"));
      break;
  }
  co_return co_await Flush();
}

asio::awaitable<void> Connection::Relay(
    Command command, absl::string_view packet, absl::string_view sql,
    const std::string* local_infile,
    std::chrono::steady_clock::time_point start) {
  const bool observed = command == Command::kQuery ||
                        command == Command::kStmtPrepare ||
                        command == Command::kStmtExecute;
  const char* name = command == Command::kQuery         ? "Query"
                     : command == Command::kStmtExecute ? "Execute"
                     : command == Command::kStmtPrepare ? "Prepare"
                     : command == Command::kStmtFetch   ? "Fetch"
                                                        : "Relay";
  RelayCommand c;
  c.packet = packet;
  WriterContext w = io_.writer();
  c.out = w.out;
  c.seq = w.seq;
  c.capabilities = capabilities_;
  c.local_infile = local_infile;
  c.timed_out = &TimedOutThunk;
  c.timed_out_arg = this;
  relay_->set_flusher(&FlushThunk, this);
  BeginCommand(name, sql);
  RelayOutcome outcome = co_await relay_->Forward(c);
  EndCommand(absl::OkStatus()).IgnoreError();
  if (outcome.has_status) status_flags_ = outcome.status_flags;
  if (outcome.close) close_requested_ = true;
  if (command == Command::kInitDb && outcome.error_code == 0 &&
      !outcome.close) {
    database_ = std::string(packet.substr(1));
    absl::MutexLock lock(&state_mu_);
    state_.db = database_;
  }
  if (command == Command::kResetConnection && outcome.error_code == 0) {
    status_flags_ = status::kAutocommit;
  }
  ServerObserver* observer = server_->options.observer;
  if (!observed || observer == nullptr) co_return;
  CommandEvent e;
  e.connection_id = id_;
  e.user = user_;
  e.command = command;
  e.sql = command == Command::kStmtExecute ? outcome.statement_sql : sql;
  e.elapsed = absl::FromChrono(std::chrono::steady_clock::now() - start);
  e.error_code = outcome.error_code;
  e.rows = outcome.rows;
  e.affected_rows = outcome.affected_rows;
  observer->OnCommand(e);
}

}  // namespace tessera::mysql
