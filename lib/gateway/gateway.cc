#include "lib/gateway/gateway.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/mysql/scramble.h"
#include "nlohmann/json.hpp"

namespace tessera::gateway {

absl::StatusOr<std::unique_ptr<Gateway>> Gateway::Start(
    GatewayOptions options) {
  auto users = LoadUsersFile(options.users_file);
  if (!users.ok()) return users.status();
  std::unique_ptr<Gateway> g(
      new Gateway(std::move(options), std::move(*users)));
  absl::Status s = g->server_->Start();
  if (!s.ok()) return s;
  if (g->options_.http_port >= 0) {
    Gateway* raw = g.get();
    g->http_ = std::make_unique<HttpServer>(
        g->options_.http_host, g->options_.http_port,
        [raw](absl::string_view path, absl::string_view) {
          return raw->ServeHttp(path);
        });
    s = g->http_->Start();
    if (!s.ok()) return s;
  }
  return g;
}

Gateway::Gateway(GatewayOptions options, UserTable users)
    : options_(std::move(options)),
      authenticator_(std::move(users), options_.login_limits),
      factory_(options_.backend),
      relay_factory_(options_.backend),
      query_log_(options_.slow_query_threshold, options_.slow_query_log_size),
      observers_(&metrics_, &query_log_) {
  mysql::ServerOptions server_options = options_.server;
  if (server_options.observer == nullptr) server_options.observer = &observers_;
  mysql::SessionFactory* factory = &factory_;
  if (options_.passthrough == PassthroughMode::kRelay) {
    factory = &relay_factory_;
  }
  if (options_.factory != nullptr) factory = options_.factory;
  server_ =
      std::make_unique<mysql::Server>(server_options, factory, &authenticator_);
}

Gateway::~Gateway() { Stop(); }

void Gateway::Stop() {
  server_->Stop();
  if (http_) http_->Stop();
}

HttpResponse Gateway::ServeHttp(absl::string_view path) const {
  if (path == "/metrics") {
    std::string body = metrics_.Render(server_->stats());
    if (options_.extra_metrics) body += options_.extra_metrics();
    return {200, "text/plain; version=0.0.4; charset=utf-8", std::move(body)};
  }
  if (path == "/healthz") {
    if (server_->stats().draining) return {503, "text/plain", "draining\n"};
    return {200, "text/plain", "ok\n"};
  }
  if (path == "/debug/queryz") {
    return {200, "text/html; charset=utf-8", query_log_.RenderHtml()};
  }
  if (path == "/") {
    return {200, "text/html; charset=utf-8",
            "<!DOCTYPE html><html><body><a href=\"/metrics\">metrics</a> "
            "<a href=\"/healthz\">healthz</a> <a "
            "href=\"/debug/queryz\">queryz</a></body></html>\n"};
  }
  return {404, "text/plain", "not found\n"};
}

absl::Status Gateway::ReloadUsers() {
  return authenticator_.Reload(options_.users_file);
}

absl::Status ParseHostPort(absl::string_view text, std::string* host,
                           int* port) {
  size_t colon = text.rfind(':');
  if (colon == absl::string_view::npos || colon == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected host:port, got '", text, "'"));
  }
  absl::string_view h = text.substr(0, colon);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') {
    h = h.substr(1, h.size() - 2);
  }
  int p = 0;
  if (!absl::SimpleAtoi(text.substr(colon + 1), &p) || p < 0 || p > 65535) {
    return absl::InvalidArgumentError(absl::StrCat("bad port in '", text, "'"));
  }
  *host = std::string(h);
  *port = p;
  return absl::OkStatus();
}

std::string UserEntryJson(absl::string_view user, absl::string_view password,
                          int sha2_iterations) {
  nlohmann::json entry;
  entry["user"] = std::string(user);
  entry["native_password"] =
      password.empty() ? std::string() : mysql::NativeHashText(password);
  entry["caching_sha2_password"] =
      mysql::MakeSha2Verifier(password, sha2_iterations);
  return entry.dump();
}

}  // namespace tessera::gateway
