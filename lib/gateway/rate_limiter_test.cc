#include "lib/gateway/rate_limiter.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"

namespace tessera::gateway {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::MysqlErrorIs;

class RateLimiterTest : public ::testing::Test {
 protected:
  RateLimiterTest() : limiter_(Options(), [this] { return now_; }) {}
  static RateLimiterOptions Options() {
    RateLimiterOptions o;
    o.free_failures = 3;
    o.base_backoff = absl::Seconds(2);
    o.max_backoff = absl::Seconds(30);
    o.forget_after = absl::Minutes(10);
    return o;
  }
  absl::Time now_ = absl::FromUnixSeconds(1000000);
  LoginRateLimiter limiter_;
};

TEST_F(RateLimiterTest, BacksOffExponentiallyPerAddress) {
  for (int i = 0; i < 3; ++i) {
    EXPECT_THAT(limiter_.Check("10.0.0.1"), IsOk());
    limiter_.RecordFailure("10.0.0.1");
  }
  EXPECT_THAT(limiter_.Check("10.0.0.1"), IsOk());  // 3 free failures
  limiter_.RecordFailure("10.0.0.1");               // 4th: blocked 2 s
  EXPECT_THAT(limiter_.Check("10.0.0.1"), MysqlErrorIs(1129, "HY000"));
  // Another address is not affected.
  EXPECT_THAT(limiter_.Check("10.0.0.2"), IsOk());
  now_ += absl::Seconds(2);
  EXPECT_THAT(limiter_.Check("10.0.0.1"), IsOk());
  limiter_.RecordFailure("10.0.0.1");  // 5th: 4 s
  now_ += absl::Seconds(3);
  EXPECT_THAT(limiter_.Check("10.0.0.1"), MysqlErrorIs(1129, "HY000"));
  now_ += absl::Seconds(1);
  EXPECT_THAT(limiter_.Check("10.0.0.1"), IsOk());
  for (int i = 0; i < 20; ++i) limiter_.RecordFailure("10.0.0.1");
  now_ += absl::Seconds(29);  // capped at 30 s
  EXPECT_THAT(limiter_.Check("10.0.0.1"), MysqlErrorIs(1129, "HY000"));
  now_ += absl::Seconds(1);
  EXPECT_THAT(limiter_.Check("10.0.0.1"), IsOk());
}

TEST_F(RateLimiterTest, SuccessAndTimeClearTheSlate) {
  for (int i = 0; i < 4; ++i) limiter_.RecordFailure("a");
  EXPECT_FALSE(limiter_.Check("a").ok());
  limiter_.RecordSuccess("a");
  EXPECT_THAT(limiter_.Check("a"), IsOk());
  EXPECT_EQ(limiter_.tracked(), 0u);
  for (int i = 0; i < 3; ++i) limiter_.RecordFailure("b");
  now_ += absl::Minutes(11);
  limiter_.RecordFailure("b");  // old failures forgotten: 1st again
  EXPECT_THAT(limiter_.Check("b"), IsOk());
}

TEST(RateLimiterBoundTest, TrackedAddressesAreBounded) {
  RateLimiterOptions o;
  o.max_tracked = 100;
  o.free_failures = 1000;
  LoginRateLimiter limiter(o);
  for (int i = 0; i < 1000; ++i) {
    limiter.RecordFailure("10.0." + std::to_string(i / 256) + "." +
                          std::to_string(i % 256));
  }
  EXPECT_LE(limiter.tracked(), 100u);
}

}  // namespace
}  // namespace tessera::gateway
