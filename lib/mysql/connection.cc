// The command loop and the commands that are not about prepared statements.
#include "lib/mysql/connection.h"

#include <chrono>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "asio/post.hpp"
#include "lib/base/mysql_error.h"
#include "lib/mysql/constants.h"
#include "lib/mysql/result_writer.h"
#include "lib/mysql/session_track.h"
#include "lib/mysql/wire.h"

namespace tessera::mysql {
namespace {

constexpr uint16_t kClientInteractionTimeout = 4031;
constexpr uint16_t kServerShutdown = 1053;  // 08S01

std::string AddressOf(const asio::ip::tcp::socket& socket) {
  asio::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  if (ec) return "unknown";
  auto addr = endpoint.address();
  if (addr.is_v6() && addr.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, addr.to_v6())
        .to_string();
  }
  return addr.to_string();
}

}  // namespace

Connection::Connection(ServerContext* server, asio::ip::tcp::socket socket,
                       uint32_t id, asio::any_io_executor executor)
    : server_(server),
      id_(id),
      executor_(executor),
      io_(std::move(socket), server->options.max_packet_size),
      idle_timer_(executor_) {
  client_address_ = AddressOf(io_.socket());
  state_.since = std::chrono::steady_clock::now();
  ++server_->open;
}

Connection::~Connection() {
  --server_->open;
  absl::MutexLock lock(&server_->mu);
  server_->connections.erase(id_);
}

void Connection::Cancel() {
  asio::post(executor_, [self = shared_from_this()] { self->io_.Close(); });
}

void Connection::Shutdown() {
  asio::post(executor_, [self = shared_from_this()] {
    if (!self->waiting_) return;  // busy: Run stops after the command
    asio::error_code ignored;
    self->io_.socket().cancel(ignored);
  });
}

asio::awaitable<void> Connection::Run() {
  Connection* self = this;
  absl::Status login = co_await self->Login();
  while (login.ok()) {
    auto packet = co_await self->ReadCommand();
    if (!packet.ok()) {
      if (self->idle_expired_) {
        co_await self->SendError(
            MysqlError(kClientInteractionTimeout, "HY000",
                       "The client was disconnected by the server because of "
                       "inactivity."));
      } else if (self->server_->draining.load()) {
        co_await self->SendError(MysqlError(kServerShutdown, "08S01",
                                            "Server shutdown in progress"));
      } else if (!self->io_.broken()) {
        co_await self->SendError(packet.status());
      }
      break;
    }
    ++self->server_->commands;
    if (!co_await self->Dispatch(*packet)) break;
    if (self->close_requested_ || self->server_->draining.load()) break;
  }
  if (self->open_streams_ > 0) co_await self->CloseStreams(nullptr);
  self->closing_ = true;
  self->idle_timer_.cancel();
  self->io_.Close();
}

asio::awaitable<absl::StatusOr<std::string>> Connection::ReadCommand() {
  io_.ResetSequence();
  // The idle timer is armed once and re-armed lazily, so a command costs a
  // clock read rather than timer syscalls.
  waiting_ = true;
  last_activity_ = std::chrono::steady_clock::now();
  if (!idle_timer_armed_) ArmIdleTimer(server_->options.idle_timeout);
  auto packet = co_await io_.Read();
  waiting_ = false;
  co_return packet;
}

void Connection::ArmIdleTimer(absl::Duration after) {
  idle_timer_armed_ = true;
  idle_timer_.expires_after(absl::ToChronoMilliseconds(after));
  idle_timer_.async_wait([weak = weak_from_this()](asio::error_code ec) {
    auto self = weak.lock();
    if (!self) return;
    self->idle_timer_armed_ = false;
    if (ec || self->closing_) return;
    absl::Duration limit = self->server_->options.idle_timeout;
    absl::Duration idle = absl::FromChrono(std::chrono::steady_clock::now() -
                                           self->last_activity_);
    if (!self->waiting_) {
      self->ArmIdleTimer(limit);  // a command is running; check later
    } else if (idle < limit) {
      self->ArmIdleTimer(limit - idle);
    } else {
      self->idle_expired_ = true;
      asio::error_code ignored;
      self->io_.socket().cancel(ignored);
    }
  });
}

asio::awaitable<void> Connection::SendError(const absl::Status& status) {
  io_.Queue(EncodeErr(status));
  co_await Flush();
}

asio::awaitable<bool> Connection::Flush() {
  absl::Status s = co_await io_.Flush();
  co_return s.ok();
}

asio::awaitable<bool> Connection::Dispatch(const std::string& packet) {
  if (packet.empty()) {
    io_.Queue(EncodeErr(er::kUnknownCom, "08S01", "Empty command packet"));
    co_return co_await Flush();
  }
  if (relay_ != nullptr) co_return co_await DispatchRelay(packet);
  absl::string_view body = absl::string_view(packet).substr(1);
  if (open_streams_ > 0) co_await BeforeCommand(packet);
  switch (static_cast<Command>(packet[0])) {
    case Command::kQuit:
      co_return false;
    case Command::kQuery:
      co_await HandleQuery(body);
      break;
    case Command::kInitDb:
      co_await HandleInitDb(body);
      break;
    case Command::kPing: {
      Session* session = session_.get();
      auto job =
          RunOnWorker(server_->workers, [session] { return session->Ping(); });
      absl::Status s = co_await std::move(job);
      OkInfo ok;
      ok.status_flags = status_flags_;
      io_.Queue(s.ok() ? EncodeOk(ok) : EncodeErr(s));
      break;
    }
    case Command::kChangeUser:
      if (!co_await HandleChangeUser(body)) co_return false;
      break;
    case Command::kResetConnection:
      co_await HandleReset();
      break;
    case Command::kSetOption:
      co_await HandleSetOption(body);
      break;
    case Command::kStatistics:
      co_await HandleStatistics();
      break;
    case Command::kFieldList:
      co_await HandleFieldList(body);
      break;
    case Command::kProcessKill:
      co_await HandleProcessKill(body);
      break;
    case Command::kStmtPrepare:
      co_await HandlePrepare(body);
      break;
    case Command::kStmtExecute:
      co_await HandleExecute(body);
      break;
    case Command::kStmtSendLongData:
      HandleSendLongData(body);
      co_return true;  // no response
    case Command::kStmtClose:
      HandleClose(body);
      co_return true;  // no response
    case Command::kStmtReset:
      co_await HandleStmtReset(body);
      break;
    case Command::kStmtFetch:
      co_await HandleFetch(body);
      break;
    default:
      io_.Queue(EncodeErr(er::kUnknownCom, "08S01", "Unknown command"));
      break;
  }
  co_return co_await Flush();
}

asio::awaitable<void> Connection::HandleQuery(absl::string_view sql) {
  if (absl::StripAsciiWhitespace(sql).empty()) {
    io_.Queue(EncodeErr(er::kEmptyQuery, "42000", "Query was empty"));
    co_return;
  }
  auto start = std::chrono::steady_clock::now();
  if (co_await HandleLocal(sql, start)) co_return;
  co_await RunQuery(sql, nullptr, start);
}

asio::awaitable<void> Connection::RunQuery(
    absl::string_view sql, const std::string* local_infile,
    std::chrono::steady_clock::time_point start) {
  std::optional<std::string> rewritten = SubstituteConnectionId(sql, id_);
  absl::string_view text = rewritten ? absl::string_view(*rewritten) : sql;
  if (relay_ != nullptr) {
    std::string packet = absl::StrCat("\x03", text);
    co_await Relay(Command::kQuery, packet, sql, local_infile, start);
    co_return;
  }
  QueryOptions options;
  options.multi_statements = (capabilities_ & cap::kMultiStatements) != 0;
  options.local_infile = local_infile;
  Session* session = session_.get();
  BeginCommand("Query", sql);
  // `text` points into the packet or `rewritten`, both alive until the job
  // completes.
  auto job = RunOnWorker(SessionPool(), [session, text, options] {
    return session->Query(text, options);
  });
  QueryResult result = co_await std::move(job);
  result.error = EndCommand(result.error);
  status_flags_ = result.status_flags;
  WriterContext ctx = io_.writer();
  ctx.capabilities = capabilities_;
  AppendQueryResult(result, /*binary=*/false, {}, ctx);
  Observe(Command::kQuery, sql, start, &result, result.error);
}

asio::awaitable<void> Connection::HandleInitDb(absl::string_view db) {
  Session* session = session_.get();
  auto job = RunOnWorker(server_->workers, [session, name = std::string(db)] {
    return session->InitDb(name);
  });
  absl::Status s = co_await std::move(job);
  if (!s.ok()) {
    io_.Queue(EncodeErr(s));
    co_return;
  }
  database_ = std::string(db);
  {
    absl::MutexLock lock(&state_mu_);
    state_.db = database_;
  }
  OkInfo ok;
  ok.status_flags = status_flags_;
  if (capabilities_ & cap::kSessionTrack) {
    SessionStateChanges changes;
    changes.schema = database_;
    ok.session_state = EncodeSessionState(changes);
  }
  io_.Queue(EncodeOk(ok));
}

asio::awaitable<bool> Connection::HandleChangeUser(absl::string_view payload) {
  auto request = DecodeChangeUser(payload, capabilities_);
  if (!request.ok()) {
    io_.Queue(EncodeErr(request.status()));
    co_return false;
  }
  absl::Status auth = AccessDenied(request->user, true);
  auto creds = server_->authenticator->Lookup(request->user, client_address_);
  if (creds.ok()) auth = co_await Authenticate(*request, nonce_, *creds);
  server_->authenticator->RecordLogin(client_address_, auth.ok());
  if (auth.ok()) {
    statements_.clear();
    auth = co_await OpenSession(*request, *creds);
  }
  if (!auth.ok()) {
    if (!io_.broken()) co_await SendError(auth);
    co_return false;
  }
  status_flags_ = status::kAutocommit;
  OkInfo ok;
  ok.status_flags = status_flags_;
  io_.Queue(EncodeOk(ok));
  co_return true;
}

asio::awaitable<void> Connection::HandleReset() {
  Session* session = session_.get();
  auto job =
      RunOnWorker(server_->workers, [session] { return session->Reset(); });
  absl::Status s = co_await std::move(job);
  statements_.clear();
  if (!s.ok()) {
    io_.Queue(EncodeErr(s));
    co_return;
  }
  status_flags_ = status::kAutocommit;
  OkInfo ok;
  ok.status_flags = status_flags_;
  io_.Queue(EncodeOk(ok));
}

asio::awaitable<void> Connection::HandleSetOption(absl::string_view payload) {
  WireReader r(payload);
  uint16_t option = r.Int2();
  if (!r.ok() || option > 1) {
    io_.Queue(EncodeErr(er::kUnknownCom, "08S01", "Unknown option"));
    co_return;
  }
  if (option == 0) {
    capabilities_ |= cap::kMultiStatements;
  } else {
    capabilities_ &= ~cap::kMultiStatements;
  }
  io_.Queue(EncodeEof(0, status_flags_));
}

asio::awaitable<void> Connection::HandleStatistics() {
  int64_t uptime = absl::ToInt64Seconds(absl::Now() - server_->start_time);
  io_.Queue(absl::StrFormat(
      "Uptime: %d  Threads: %d  Questions: %d  Slow queries: 0  Opens: 0  "
      "Open tables: 0  Queries per second avg: %.3f",
      uptime, server_->open.load(), server_->commands.load(),
      uptime > 0 ? static_cast<double>(server_->commands.load()) / uptime
                 : 0.0));
  co_return;
}

}  // namespace tessera::mysql
