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
  return g;
}

Gateway::Gateway(GatewayOptions options, UserTable users)
    : options_(std::move(options)),
      authenticator_(std::move(users), options_.login_limits),
      factory_(options_.backend),
      server_(std::make_unique<mysql::Server>(
          options_.server,
          options_.factory != nullptr ? options_.factory : &factory_,
          &authenticator_)) {}

Gateway::~Gateway() { server_->Stop(); }

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
