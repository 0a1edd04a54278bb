#include "lib/gateway/http_server.h"

#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "asio/co_spawn.hpp"
#include "asio/detached.hpp"
#include "asio/io_context.hpp"
#include "asio/ip/tcp.hpp"
#include "asio/post.hpp"
#include "asio/read_until.hpp"
#include "asio/redirect_error.hpp"
#include "asio/use_awaitable.hpp"
#include "asio/write.hpp"

namespace tessera::gateway {
namespace {

using asio::ip::tcp;

constexpr size_t kMaxRequest = 16 << 10;

absl::string_view Reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

std::string Serialize(const HttpResponse& r, bool head) {
  std::string out = absl::StrCat(
      "HTTP/1.1 ", r.status, " ", Reason(r.status),
      "\r\nContent-Type: ", r.content_type,
      "\r\nContent-Length: ", r.body.size(),
      "\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"
      "Connection: close\r\n\r\n");
  if (!head) out += r.body;
  return out;
}

// Answers one request on `socket` (owned; a raw pointer because GCC 12
// mishandles by-value coroutine parameters).
asio::awaitable<void> Serve(tcp::socket* socket, const HttpHandler* handler) {
  std::unique_ptr<tcp::socket> owned(socket);
  std::string request;
  asio::error_code ec;
  co_await asio::async_read_until(
      *owned, asio::dynamic_buffer(request, kMaxRequest), "\r\n\r\n",
      asio::redirect_error(asio::use_awaitable, ec));
  HttpResponse response;
  bool head = false;
  if (ec) {
    response = {400, "text/plain; charset=utf-8", "bad request\n"};
  } else {
    absl::string_view line(request);
    line = line.substr(0, line.find("\r\n"));
    std::vector<absl::string_view> parts = absl::StrSplit(line, ' ');
    if (parts.size() != 3 || !absl::StartsWith(parts[2], "HTTP/1.")) {
      response = {400, "text/plain; charset=utf-8", "bad request\n"};
    } else if (parts[0] != "GET" && parts[0] != "HEAD") {
      response = {405, "text/plain; charset=utf-8", "GET only\n"};
    } else {
      head = parts[0] == "HEAD";
      absl::string_view target = parts[1];
      size_t q = target.find('?');
      absl::string_view path = target.substr(0, q);
      absl::string_view query =
          q == absl::string_view::npos ? "" : target.substr(q + 1);
      response = (*handler)(path, query);
    }
  }
  std::string out = Serialize(response, head);
  co_await asio::async_write(*owned, asio::buffer(out),
                             asio::redirect_error(asio::use_awaitable, ec));
  owned->shutdown(tcp::socket::shutdown_both, ec);
  owned->close(ec);
}

}  // namespace

class HttpServer::Impl {
 public:
  Impl(std::string host, int port, HttpHandler handler)
      : host_(std::move(host)), port_(port), handler_(std::move(handler)) {}

  absl::Status Start() {
    asio::error_code ec;
    auto address = asio::ip::make_address(host_, ec);
    if (ec) return absl::InvalidArgumentError("bad HTTP address " + host_);
    tcp::endpoint endpoint(address, static_cast<uint16_t>(port_));
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return absl::UnavailableError(absl::StrCat(
          "cannot listen on ", host_, ":", port_, " (HTTP): ", ec.message()));
    }
    port_ = acceptor_.local_endpoint().port();
    asio::co_spawn(io_, AcceptLoop(), asio::detached);
    thread_ = std::thread([this] { io_.run(); });
    return absl::OkStatus();
  }

  void Stop() {
    if (!thread_.joinable()) return;
    asio::post(io_, [this] {
      asio::error_code ec;
      acceptor_.close(ec);
    });
    io_.stop();
    thread_.join();
  }

  int port() const { return port_; }

 private:
  asio::awaitable<void> AcceptLoop() {
    while (acceptor_.is_open()) {
      asio::error_code ec;
      tcp::socket socket = co_await acceptor_.async_accept(
          asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (ec == asio::error::operation_aborted) break;
        continue;
      }
      asio::co_spawn(io_, Serve(new tcp::socket(std::move(socket)), &handler_),
                     asio::detached);
    }
  }

  std::string host_;
  int port_;
  HttpHandler handler_;
  asio::io_context io_{1};
  tcp::acceptor acceptor_{io_};
  std::thread thread_;
};

HttpServer::HttpServer(std::string host, int port, HttpHandler handler)
    : impl_(std::make_unique<Impl>(std::move(host), port, std::move(handler))) {
}

HttpServer::~HttpServer() { Stop(); }

absl::Status HttpServer::Start() { return impl_->Start(); }
void HttpServer::Stop() { impl_->Stop(); }
int HttpServer::port() const { return impl_->port(); }

}  // namespace tessera::gateway
