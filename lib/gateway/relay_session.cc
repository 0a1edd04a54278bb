#include <algorithm>
#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"
#include "lib/gateway/relay_login.h"
#include "lib/gateway/relay_session_internal.h"

namespace tessera::gateway::relay_internal {
namespace {

// What the backend is told the client can do: the client's negotiated
// capabilities, minus what stays per hop, plus what the login needs.
constexpr uint32_t kPerHop = cap::kSsl | cap::kCompress | cap::kConnectAttrs;
constexpr uint32_t kLoginNeeds =
    cap::kLongPassword | cap::kProtocol41 | cap::kSecureConnection |
    cap::kPluginAuth | cap::kPluginAuthLenencData | cap::kTransactions;
// Capabilities that change the shape of answers: the backend must accept
// every one of them the client negotiated.
constexpr uint32_t kShaping = cap::kDeprecateEof | cap::kMultiResults |
                              cap::kPsMultiResults | cap::kSessionTrack |
                              cap::kLocalFiles;

}  // namespace

absl::Status Lost(absl::string_view what) {
  return MysqlError(kLostBackend, "HY000",
                    absl::StrCat("Lost connection to the backend: ", what));
}

void RelaySession::EnsureBuffer() {
  if (!buf_) {
    // Not value-initialized: zeroing 16 KiB per command was half of the
    // relay's instructions.
    buf_.reset(new char[kReadChunk]);
    begin_ = end_ = 0;
  }
}

void RelaySession::ReleaseBuffer() {
  if (begin_ == end_) {
    buf_.reset();
    begin_ = end_ = 0;
  }
}

void RelaySession::Close() {
  if (!socket_ || !socket_->is_open()) return;
  if (!broken_) {  // a polite COM_QUIT, best effort and non-blocking
    const char quit[5] = {1, 0, 0, 0, 1};
    asio::error_code ec;
    socket_->write_some(asio::buffer(quit, sizeof(quit)), ec);
  }
  asio::error_code ec;
  socket_->close(ec);
}

asio::awaitable<asio::error_code> RelaySession::ReadSome() {
  EnsureBuffer();
  if (begin_ > 0) {  // compact: keep the unconsumed bytes at the front
    std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  // Asio skips the speculative read after one that drained the socket, so
  // waiting for an answer costs the epoll wait and one read.
  asio::error_code ec;
  size_t n = co_await socket_->async_read_some(
      asio::buffer(buf_.get() + end_, kReadChunk - end_),
      asio::redirect_error(asio::use_awaitable, ec));
  end_ += n;
  co_return ec;
}

asio::awaitable<absl::StatusOr<std::string>> RelaySession::ReadLoginPacket(
    uint8_t* seq) {
  while (true) {
    size_t avail = end_ - begin_;
    if (avail >= 4) {
      const auto* h = reinterpret_cast<const uint8_t*>(buf_.get() + begin_);
      size_t len = h[0] | (h[1] << 8) | (h[2] << 16);
      if (len + 4 > kReadChunk) co_return Lost("oversized login packet");
      if (avail >= 4 + len) {
        *seq = h[3];
        std::string payload(buf_.get() + begin_ + 4, len);
        begin_ += 4 + len;
        co_return payload;
      }
    }
    asio::error_code ec = co_await ReadSome();
    if (ec) co_return Lost(ec.message());
  }
}

asio::awaitable<absl::Status> RelaySession::WritePacket(
    absl::string_view payload, uint8_t seq) {
  std::string frame;
  mysql::AppendPacket(payload, &seq, &frame);
  asio::error_code ec;
  co_await asio::async_write(*socket_, asio::buffer(frame),
                             asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    broken_ = true;
    co_return Lost(ec.message());
  }
  co_return absl::OkStatus();
}

asio::awaitable<absl::Status> RelaySession::Connect(
    const asio::any_io_executor& ex) {
  socket_.emplace(ex);
  asio::error_code ec;
  std::vector<tcp::endpoint> endpoints;
  asio::ip::address addr = asio::ip::make_address(options_.host, ec);
  if (!ec) {
    endpoints.emplace_back(addr, options_.port);
  } else {
    tcp::resolver resolver(ex);
    auto results = co_await resolver.async_resolve(
        options_.host, std::to_string(options_.port),
        asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return Lost(absl::StrCat("resolving ", options_.host));
    for (const auto& r : results) endpoints.push_back(r.endpoint());
  }
  // The connect timeout closes the socket, which ends the connect.
  asio::steady_timer timer(ex);
  timer.expires_after(std::chrono::seconds(options_.connect_timeout_seconds));
  tcp::socket* sock = &*socket_;
  timer.async_wait([sock](asio::error_code e) {
    if (!e) {
      asio::error_code ignored;
      sock->close(ignored);
    }
  });
  co_await asio::async_connect(*socket_, endpoints,
                               asio::redirect_error(asio::use_awaitable, ec));
  timer.cancel();
  if (ec) {
    broken_ = true;
    co_return Lost(absl::StrCat("connecting to ", options_.host, ":",
                                options_.port, ": ", ec.message()));
  }
  socket_->set_option(tcp::no_delay(true), ec);
  co_return absl::OkStatus();
}

asio::awaitable<absl::Status> RelaySession::Open(const mysql::RelayOpen& open) {
  max_prepared_ = open.max_prepared_statements;
  absl::Status s = co_await Connect(open.executor);
  if (s.ok()) s = co_await Login(open);
  if (s.ok()) s = co_await EnableTracking();
  ReleaseBuffer();
  if (!s.ok()) broken_ = true;
  co_return s;
}

asio::awaitable<absl::Status> RelaySession::Login(
    const mysql::RelayOpen& open) {
  uint8_t seq = 0;
  auto packet = co_await ReadLoginPacket(&seq);
  if (!packet.ok()) co_return packet.status();
  auto greeting = DecodeGreeting(*packet);
  if (!greeting.ok()) co_return greeting.status();
  uint32_t wanted = open.capabilities & kShaping;
  if ((greeting->capabilities & wanted) != wanted) {
    co_return MysqlError(2054, "HY000",
                         "the backend lacks capabilities the client "
                         "negotiated (e.g. CLIENT_DEPRECATE_EOF)");
  }
  LoginRequest request;
  request.capabilities =
      ((open.capabilities & ~kPerHop) | kLoginNeeds | cap::kConnectWithDb) &
      greeting->capabilities;
  request.charset = open.charset ? open.charset : mysql::kUtf8mb4GeneralCi;
  request.user = options_.user;
  request.password = options_.password;
  request.database = context_.database;
  auto login = EncodeLogin(*greeting, request);
  if (!login.ok()) co_return login.status();
  canceller_->set_thread_id(greeting->connection_id);
  absl::Status w = co_await WritePacket(*login, ++seq);
  if (!w.ok()) co_return w;
  for (int round = 0; round < 4; ++round) {
    auto answer = co_await ReadLoginPacket(&seq);
    if (!answer.ok()) co_return answer.status();
    uint8_t head = answer->empty() ? 0xFF : (*answer)[0];
    if (head == 0x00) co_return absl::OkStatus();
    if (head == 0xFF) {
      mysql::WireReader r(absl::string_view(*answer).substr(1));
      uint16_t code = r.Int2();
      r.Skip(6);  // '#' and SQLSTATE
      co_return MysqlError(code, "HY000",
                           absl::StrCat("backend login: ", r.Rest()));
    }
    std::string reply;
    if (head == 0xFE) {  // auth switch: plugin NUL nonce
      absl::string_view rest = absl::string_view(*answer).substr(1);
      size_t nul = rest.find('\0');
      if (nul == absl::string_view::npos) co_return Lost("bad auth switch");
      std::string plugin(rest.substr(0, nul));
      auto reply_or =
          AuthAnswer(plugin, rest.substr(nul + 1), options_.password);
      if (!reply_or.ok()) co_return reply_or.status();
      reply = *reply_or;
    } else if (head == 0x01 && answer->size() == 2 && (*answer)[1] == 3) {
      continue;  // caching_sha2 fast path accepted; OK follows
    } else {
      co_return MysqlError(
          1251, "08004",
          "backend wants caching_sha2_password full authentication, which "
          "needs TLS; give the gateway's backend user a "
          "mysql_native_password or a cached sha2 password");
    }
    w = co_await WritePacket(reply, ++seq);
    if (!w.ok()) co_return w;
  }
  co_return Lost("login did not finish");
}

asio::awaitable<absl::Status> RelaySession::EnableTracking() {
  // A client that negotiated CLIENT_SESSION_TRACK gets the backend's own
  // trackers (every system variable, the schema, the state flag); their
  // OK packets then pass through unchanged.
  if (!context_.session_tracking) co_return absl::OkStatus();
  static constexpr absl::string_view kTrackAll =
      "\x03SET SESSION session_track_system_variables='*', "
      "session_track_schema=ON, session_track_state_change=ON";
  absl::Status s = co_await WritePacket(kTrackAll, 0);
  if (!s.ok()) co_return s;
  uint8_t seq = 0;
  auto answer = co_await ReadLoginPacket(&seq);
  if (!answer.ok()) co_return answer.status();
  if (answer->empty() || (*answer)[0] != 0x00) {
    co_return MysqlError(2027, "HY000",
                         "the backend refused session tracking settings");
  }
  ReleaseBuffer();
  co_return absl::OkStatus();
}

}  // namespace tessera::gateway::relay_internal

namespace tessera::gateway {

RelaySessionFactory::RelaySessionFactory(BackendOptions options)
    : options_(std::move(options)) {}

absl::StatusOr<std::unique_ptr<mysql::Session>> RelaySessionFactory::Create(
    const mysql::SessionContext& context) {
  if (!KeyspaceAllowed(context.allowed_keyspaces, context.database)) {
    return DbAccessDenied(context.user, context.database);
  }
  return std::make_unique<relay_internal::RelaySession>(options_, context);
}

}  // namespace tessera::gateway
