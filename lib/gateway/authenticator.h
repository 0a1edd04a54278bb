// The gateway's Authenticator: users from a users file (reloadable), a
// caching_sha2 fast-path cache filled by full-path logins, and the
// per-source rate limiter. Thread-safe.
#ifndef TESSERA_LIB_GATEWAY_AUTHENTICATOR_H_
#define TESSERA_LIB_GATEWAY_AUTHENTICATOR_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "lib/gateway/rate_limiter.h"
#include "lib/gateway/users.h"
#include "lib/mysql/session.h"

namespace tessera::gateway {

class GatewayAuthenticator : public mysql::Authenticator {
 public:
  GatewayAuthenticator(UserTable users, RateLimiterOptions limits,
                       std::function<absl::Time()> clock = {});

  // Loads `path` and, if it parses, replaces the users and empties the
  // caching_sha2 cache. On error the old users stay in force.
  absl::Status Reload(const std::string& path);
  void Replace(UserTable users);

  absl::Status CheckSource(absl::string_view client_address) override;
  absl::StatusOr<mysql::UserCredentials> Lookup(
      absl::string_view user, absl::string_view client_address) override;
  bool VerifyPassword(absl::string_view user,
                      absl::string_view password) override;
  void RecordLogin(absl::string_view client_address, bool success) override;

 private:
  std::shared_ptr<const UserTable> users() const;

  LoginRateLimiter limiter_;
  mutable absl::Mutex mu_;
  std::shared_ptr<const UserTable> users_ ABSL_GUARDED_BY(mu_);
  // user -> SHA256(SHA256(password)) after a successful full-path login.
  absl::flat_hash_map<std::string, std::string> sha2_cache_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace tessera::gateway

#endif  // TESSERA_LIB_GATEWAY_AUTHENTICATOR_H_
