#include "lib/gateway/rate_limiter.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"

namespace tessera::gateway {
namespace {
constexpr uint16_t kHostIsBlocked = 1129;
}  // namespace

LoginRateLimiter::LoginRateLimiter(RateLimiterOptions options,
                                   std::function<absl::Time()> clock)
    : options_(options),
      clock_(clock ? std::move(clock) : [] { return absl::Now(); }) {}

absl::Status LoginRateLimiter::Check(absl::string_view address) {
  absl::Time now = clock_();
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(address);
  if (it == entries_.end() || now >= it->second.blocked_until) {
    return absl::OkStatus();
  }
  int64_t wait = absl::ToInt64Seconds(it->second.blocked_until - now) + 1;
  return MysqlError(kHostIsBlocked, "HY000",
                    absl::StrCat("Host '", address,
                                 "' is blocked because of many failed logins; "
                                 "retry in ",
                                 wait, " s"));
}

void LoginRateLimiter::RecordFailure(absl::string_view address) {
  absl::Time now = clock_();
  absl::MutexLock lock(&mu_);
  if (entries_.size() >= options_.max_tracked) ForgetOld(now);
  Entry& e = entries_[address];
  if (e.failures > 0 && now - e.last_failure > options_.forget_after) {
    e = Entry();
  }
  ++e.failures;
  e.last_failure = now;
  int extra = e.failures - options_.free_failures;
  if (extra > 0) {
    absl::Duration backoff =
        options_.base_backoff * (1LL << std::min(extra - 1, 30));
    e.blocked_until = now + std::min(backoff, options_.max_backoff);
  }
}

void LoginRateLimiter::RecordSuccess(absl::string_view address) {
  absl::MutexLock lock(&mu_);
  entries_.erase(address);
}

size_t LoginRateLimiter::tracked() const {
  absl::MutexLock lock(&mu_);
  return entries_.size();
}

void LoginRateLimiter::ForgetOld(absl::Time now) {
  absl::erase_if(entries_, [&](const auto& kv) {
    return now - kv.second.last_failure > options_.forget_after &&
           now >= kv.second.blocked_until;
  });
  if (entries_.size() >= options_.max_tracked) {
    // Still full: drop entries that are not currently blocked.
    absl::erase_if(entries_, [&](const auto& kv) {
      return now >= kv.second.blocked_until;
    });
  }
}

}  // namespace tessera::gateway
