#include "lib/mysql/server.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "asio/co_spawn.hpp"
#include "asio/detached.hpp"
#include "asio/executor_work_guard.hpp"
#include "asio/io_context.hpp"
#include "asio/ip/tcp.hpp"
#include "asio/redirect_error.hpp"
#include "asio/strand.hpp"
#include "asio/write.hpp"
#include "lib/base/logging.h"
#include "lib/base/mysql_error.h"
#include "lib/mysql/codec.h"
#include "lib/mysql/connection.h"
#include "lib/mysql/messages.h"
#include "lib/mysql/server_context.h"

namespace tessera::mysql {
namespace {

using asio::ip::tcp;
using WorkGuard = asio::executor_work_guard<asio::io_context::executor_type>;

absl::StatusOr<std::unique_ptr<asio::ssl::context>> MakeTlsContext(
    const TlsOptions& tls) {
  auto ctx =
      std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
  ctx->set_options(
      asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
      asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
      asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
  SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
  asio::error_code ec;
  ctx->use_certificate_chain_file(tls.cert_file, ec);
  if (ec) {
    return absl::InvalidArgumentError(
        absl::StrCat("TLS certificate ", tls.cert_file, ": ", ec.message()));
  }
  ctx->use_private_key_file(tls.key_file, asio::ssl::context::pem, ec);
  if (ec) {
    return absl::InvalidArgumentError(
        absl::StrCat("TLS key ", tls.key_file, ": ", ec.message()));
  }
  if (!tls.ca_file.empty()) {
    ctx->load_verify_file(tls.ca_file, ec);
    if (ec) {
      return absl::InvalidArgumentError(
          absl::StrCat("TLS CA ", tls.ca_file, ": ", ec.message()));
    }
    // Client certificates are optional but must verify when presented.
    ctx->set_verify_mode(asio::ssl::verify_peer, ec);
  }
  if (!tls.crl_file.empty()) {
    if (tls.ca_file.empty()) {
      return absl::InvalidArgumentError("TLS CRL needs a CA file (--tls-ca)");
    }
    X509_STORE* store = SSL_CTX_get_cert_store(ctx->native_handle());
    X509_LOOKUP* lookup = X509_STORE_add_lookup(store, X509_LOOKUP_file());
    if (lookup == nullptr || X509_load_crl_file(lookup, tls.crl_file.c_str(),
                                                X509_FILETYPE_PEM) <= 0) {
      ERR_clear_error();
      return absl::InvalidArgumentError(
          absl::StrCat("TLS CRL ", tls.crl_file, ": cannot read PEM CRLs"));
    }
    X509_STORE_set_flags(store,
                         X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL);
  }
  return ctx;
}

// Writes one ERR packet and closes. Takes ownership of `socket` (a raw
// pointer: GCC 12 mishandles by-value coroutine parameters).
asio::awaitable<void> Refuse(tcp::socket* socket, const char* message) {
  std::unique_ptr<tcp::socket> owned(socket);
  std::string out;
  uint8_t seq = 0;
  AppendPacket(EncodeErr(er::kTooManyConnections, "08004", message), &seq,
               &out);
  asio::error_code ec;
  co_await asio::async_write(*owned, asio::buffer(out),
                             asio::redirect_error(asio::use_awaitable, ec));
  owned->close(ec);
}

// The RSA key for caching_sha2_password's key exchange: read from the
// configured file, or generated when first needed; null when turned off.
absl::StatusOr<std::unique_ptr<RsaKeySource>> MakeRsaKeySource(
    const TlsOptions& tls) {
  if (!tls.rsa_key_exchange) return nullptr;
  if (tls.rsa_private_key_file.empty()) {
    return std::make_unique<RsaKeySource>();
  }
  std::ifstream in(tls.rsa_private_key_file);
  std::stringstream pem;
  pem << in.rdbuf();
  if (!in) {
    return absl::InvalidArgumentError(absl::StrCat(
        "RSA private key ", tls.rsa_private_key_file, ": cannot read"));
  }
  auto key = RsaKeyPair::FromPrivateKeyPem(pem.str());
  if (!key.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("RSA private key ", tls.rsa_private_key_file, ": ",
                     key.status().message()));
  }
  return std::make_unique<RsaKeySource>(std::move(*key));
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, SessionFactory* factory,
       Authenticator* authenticator) {
    ctx_.options = std::move(options);
    ctx_.factory = factory;
    ctx_.authenticator = authenticator;
  }

  absl::Status Start();
  void Stop();
  int port() const { return port_; }
  ServerContext& context() { return ctx_; }
  std::vector<std::shared_ptr<Connection>> LiveConnections();

 private:
  asio::awaitable<void> AcceptLoop();
  // Waits until no connection is open or `timeout` passed.
  void WaitForClose(absl::Duration timeout);
  // Cancels statements running longer than the query timeout.
  void WatchdogLoop();

  ServerContext ctx_;
  std::vector<std::unique_ptr<asio::io_context>> ios_;
  std::vector<WorkGuard> guards_;
  std::vector<std::thread> threads_;
  std::unique_ptr<tcp::acceptor> acceptor_;
  asio::any_io_executor accept_strand_;
  int port_ = 0;
  bool running_ = false;
  std::thread watchdog_;
  absl::Mutex watchdog_mu_;
  bool watchdog_stop_ ABSL_GUARDED_BY(watchdog_mu_) = false;
};

absl::Status Server::Impl::Start() {
  const ServerOptions& o = ctx_.options;
  if (!o.tls.cert_file.empty() || !o.tls.key_file.empty()) {
    auto tls = MakeTlsContext(o.tls);
    if (!tls.ok()) return tls.status();
    ctx_.tls = std::move(*tls);
  } else if (o.tls.require_secure_transport) {
    return absl::InvalidArgumentError(
        "require_secure_transport needs a TLS certificate and key");
  }
  auto rsa = MakeRsaKeySource(o.tls);
  if (!rsa.ok()) return rsa.status();
  ctx_.rsa = std::move(*rsa);
  int n = o.io_threads > 0 ? o.io_threads
                           : std::max(1u, std::thread::hardware_concurrency());
  for (int i = 0; i < n; ++i) {
    ios_.push_back(std::make_unique<asio::io_context>(
        std::max(1, o.threads_per_io_context)));
    guards_.push_back(asio::make_work_guard(*ios_.back()));
  }
  if (o.worker_threads > 0) {
    ctx_.workers = std::make_unique<asio::thread_pool>(o.worker_threads);
  }
  ctx_.start_time = absl::Now();
  asio::error_code ec;
  auto address = asio::ip::make_address(o.host, ec);
  if (ec) return absl::InvalidArgumentError("bad listen address " + o.host);
  tcp::endpoint endpoint(address, static_cast<uint16_t>(o.port));
  acceptor_ = std::make_unique<tcp::acceptor>(*ios_[0]);
  acceptor_->open(endpoint.protocol(), ec);
  if (!ec) acceptor_->set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_->bind(endpoint, ec);
  if (!ec) acceptor_->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", o.host, ":",
                                               o.port, ": ", ec.message()));
  }
  port_ = acceptor_->local_endpoint().port();
  accept_strand_ = asio::make_strand(*ios_[0]);
  asio::co_spawn(accept_strand_, AcceptLoop(), asio::detached);
  for (auto& io : ios_) {
    for (int k = 0; k < std::max(1, o.threads_per_io_context); ++k) {
      threads_.emplace_back([io = io.get()] { io->run(); });
    }
  }
  if (o.query_timeout > absl::ZeroDuration()) {
    watchdog_ = std::thread([this] { WatchdogLoop(); });
  }
  running_ = true;
  return absl::OkStatus();
}

std::vector<std::shared_ptr<Connection>> Server::Impl::LiveConnections() {
  std::vector<std::shared_ptr<Connection>> out;
  absl::MutexLock lock(&ctx_.mu);
  for (auto& [id, weak] : ctx_.connections) {
    if (auto conn = weak.lock()) out.push_back(std::move(conn));
  }
  return out;
}

void Server::Impl::WatchdogLoop() {
  absl::Duration timeout = ctx_.options.query_timeout;
  absl::Duration tick =
      std::clamp(timeout / 10, absl::Milliseconds(10), absl::Seconds(1));
  while (true) {
    {
      absl::MutexLock lock(&watchdog_mu_);
      if (watchdog_mu_.AwaitWithTimeout(absl::Condition(&watchdog_stop_),
                                        tick)) {
        return;
      }
    }
    auto deadline =
        std::chrono::steady_clock::now() - absl::ToChronoNanoseconds(timeout);
    for (const auto& conn : LiveConnections()) {
      // Blocking is fine here: this thread does nothing else.
      if (auto canceller = conn->ExpireBefore(deadline)) canceller->Cancel();
    }
  }
}

void Server::Impl::WaitForClose(absl::Duration timeout) {
  absl::Time until = absl::Now() + timeout;
  while (ctx_.open.load() > 0 && absl::Now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

asio::awaitable<void> Server::Impl::AcceptLoop() {
  size_t next = 0;
  while (acceptor_->is_open()) {
    asio::io_context& io = *ios_[next++ % ios_.size()];
    asio::error_code ec;
    tcp::socket socket = co_await acceptor_->async_accept(
        io, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (ec == asio::error::operation_aborted) break;
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    ++ctx_.accepted;
    if (ctx_.open.load() >= ctx_.options.max_connections) {
      ++ctx_.refused;
      auto* owned = new tcp::socket(std::move(socket));
      asio::co_spawn(io, Refuse(owned, "Too many connections"), asio::detached);
      continue;
    }
    uint32_t id = ctx_.next_connection_id++;
    asio::any_io_executor strand = asio::make_strand(io);
    auto conn =
        std::make_shared<Connection>(&ctx_, std::move(socket), id, strand);
    {
      absl::MutexLock lock(&ctx_.mu);
      ctx_.connections[id] = conn;
    }
    Connection* raw = conn.get();
    asio::co_spawn(strand, raw->Run(),
                   [conn = std::move(conn)](std::exception_ptr) {});
  }
}

void Server::Impl::Stop() {
  if (!running_) return;
  running_ = false;
  ctx_.draining = true;
  asio::post(accept_strand_, [this] {
    asio::error_code ec;
    acceptor_->close(ec);
  });
  // Drain: idle connections close now, busy ones after their command.
  for (const auto& conn : LiveConnections()) conn->Shutdown();
  WaitForClose(ctx_.options.drain_timeout);
  // Whatever is still open (a long statement, a client mid-login) is cut.
  for (const auto& conn : LiveConnections()) {
    if (auto canceller = conn->KillQuery()) canceller->Cancel();
    conn->Cancel();
  }
  guards_.clear();
  WaitForClose(absl::Seconds(5));
  {
    absl::MutexLock lock(&watchdog_mu_);
    watchdog_stop_ = true;
  }
  if (watchdog_.joinable()) watchdog_.join();
  for (auto& io : ios_) io->stop();
  for (auto& t : threads_) t.join();
  threads_.clear();
  if (ctx_.workers) ctx_.workers->join();
  acceptor_.reset();  // before its io_context
  accept_strand_ = asio::any_io_executor();
  ios_.clear();  // destroys what is left of the connections
}

Server::Server(ServerOptions options, SessionFactory* factory,
               Authenticator* authenticator)
    : impl_(
          std::make_unique<Impl>(std::move(options), factory, authenticator)) {}

Server::~Server() { Stop(); }

absl::Status Server::Start() { return impl_->Start(); }
void Server::Stop() { impl_->Stop(); }
int Server::port() const { return impl_->port(); }

ServerStats Server::stats() const {
  ServerContext& c = impl_->context();
  ServerStats s;
  s.connections_accepted = c.accepted.load();
  s.connections_refused = c.refused.load();
  s.connections_open = c.open.load();
  s.commands = c.commands.load();
  s.login_failures = c.login_failures.load();
  s.killed = c.killed.load();
  s.timed_out = c.timed_out.load();
  s.draining = c.draining.load();
  return s;
}

std::vector<ProcessInfo> Server::Processes() const {
  std::vector<ProcessInfo> out;
  auto now = std::chrono::steady_clock::now();
  for (const auto& conn : impl_->LiveConnections()) {
    out.push_back(conn->Snapshot(now));
  }
  std::sort(
      out.begin(), out.end(),
      [](const ProcessInfo& a, const ProcessInfo& b) { return a.id < b.id; });
  return out;
}

}  // namespace tessera::mysql
