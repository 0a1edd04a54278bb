// Failed-login rate limiting per source address, with exponential backoff.
//
// Each address may fail `free_failures` times; after that every further
// failure blocks the address for base_backoff * 2^(extra failures - 1),
// capped at max_backoff. A success clears the address. Only the source
// address is blocked, never the user, so an attacker cannot lock a user out
// from elsewhere. Entries idle for `forget_after` are dropped.
//
// Thread-safe.
#ifndef TESSERA_LIB_GATEWAY_RATE_LIMITER_H_
#define TESSERA_LIB_GATEWAY_RATE_LIMITER_H_

#include <functional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace tessera::gateway {

struct RateLimiterOptions {
  int free_failures = 5;
  absl::Duration base_backoff = absl::Seconds(1);
  absl::Duration max_backoff = absl::Minutes(5);
  absl::Duration forget_after = absl::Minutes(15);
  size_t max_tracked = 100000;  // addresses; older entries are dropped
};

class LoginRateLimiter {
 public:
  // `clock` defaults to absl::Now; tests pass a fake.
  explicit LoginRateLimiter(RateLimiterOptions options,
                            std::function<absl::Time()> clock = {});

  // OK, or ER_HOST_IS_BLOCKED (1129, HY000) while `address` is blocked.
  absl::Status Check(absl::string_view address);
  void RecordFailure(absl::string_view address);
  void RecordSuccess(absl::string_view address);
  size_t tracked() const;

 private:
  struct Entry {
    int failures = 0;
    absl::Time last_failure;
    absl::Time blocked_until = absl::InfinitePast();
  };
  void ForgetOld(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const RateLimiterOptions options_;
  const std::function<absl::Time()> clock_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);
};

}  // namespace tessera::gateway

#endif  // TESSERA_LIB_GATEWAY_RATE_LIMITER_H_
