#include "lib/gateway/authenticator.h"

#include "lib/mysql/scramble.h"

namespace tessera::gateway {

GatewayAuthenticator::GatewayAuthenticator(UserTable users,
                                           RateLimiterOptions limits,
                                           std::function<absl::Time()> clock)
    : limiter_(limits, std::move(clock)),
      users_(std::make_shared<const UserTable>(std::move(users))) {}

absl::Status GatewayAuthenticator::Reload(const std::string& path) {
  auto table = LoadUsersFile(path);
  if (!table.ok()) return table.status();
  Replace(std::move(*table));
  return absl::OkStatus();
}

void GatewayAuthenticator::Replace(UserTable users) {
  auto fresh = std::make_shared<const UserTable>(std::move(users));
  absl::MutexLock lock(&mu_);
  users_ = std::move(fresh);
  sha2_cache_.clear();
}

std::shared_ptr<const UserTable> GatewayAuthenticator::users() const {
  absl::MutexLock lock(&mu_);
  return users_;
}

absl::Status GatewayAuthenticator::CheckSource(
    absl::string_view client_address) {
  return limiter_.Check(client_address);
}

absl::StatusOr<mysql::UserCredentials> GatewayAuthenticator::Lookup(
    absl::string_view user, absl::string_view client_address) {
  auto table = users();
  const User* u = table->Find(user, client_address);
  if (!u) return absl::NotFoundError("unknown user or host not allowed");
  mysql::UserCredentials c;
  c.user = u->name;
  c.native_stage2 = u->native_stage2;
  c.sha2 = u->sha2_verifier.has_value();
  c.allowed_keyspaces = u->keyspaces;
  c.required_x509_subject = u->x509_subject;
  c.certificate_only =
      u->x509_subject.has_value() && !u->native_stage2 && !u->sha2_verifier;
  c.admin = u->admin;
  if (c.sha2) {
    absl::MutexLock lock(&mu_);
    auto it = sha2_cache_.find(u->name);
    if (it != sha2_cache_.end()) c.sha2_cached_stage2 = it->second;
  }
  return c;
}

bool GatewayAuthenticator::VerifyPassword(absl::string_view user,
                                          absl::string_view password) {
  auto table = users();
  const User* u = table->FindByName(user);  // the host was checked by Lookup
  if (!u || !u->sha2_verifier) return false;
  if (!mysql::CheckSha2Verifier(*u->sha2_verifier, password)) return false;
  absl::MutexLock lock(&mu_);
  // Cache only if the users were not reloaded meanwhile.
  if (users_ == table) sha2_cache_[u->name] = mysql::Sha2Stage2(password);
  return true;
}

void GatewayAuthenticator::RecordLogin(absl::string_view client_address,
                                       bool success) {
  if (success) {
    limiter_.RecordSuccess(client_address);
  } else {
    limiter_.RecordFailure(client_address);
  }
}

}  // namespace tessera::gateway
