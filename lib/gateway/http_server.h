// A small HTTP/1.1 server for the gateway's operational endpoints (/metrics,
// /healthz, /debug/queryz) on standalone Asio: one thread, one coroutine per
// connection, GET and HEAD only, one request per connection
// ("Connection: close"), requests bounded to 16 KiB.
//
// Thread safety: Start/Stop from one thread; the handler runs on the
// server's thread and must be thread-safe with respect to the rest of the
// program.
#ifndef TESSERA_LIB_GATEWAY_HTTP_SERVER_H_
#define TESSERA_LIB_GATEWAY_HTTP_SERVER_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace tessera::gateway {

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

// `path` without the query string; `query` is what follows '?'.
using HttpHandler = std::function<HttpResponse(absl::string_view path,
                                               absl::string_view query)>;

class HttpServer {
 public:
  // `port` 0 picks a free port (see port()).
  HttpServer(std::string host, int port, HttpHandler handler);
  ~HttpServer();  // calls Stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Errors: InvalidArgument for a bad address, Unavailable if it cannot bind.
  absl::Status Start();
  void Stop();
  int port() const;

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tessera::gateway

#endif  // TESSERA_LIB_GATEWAY_HTTP_SERVER_H_
