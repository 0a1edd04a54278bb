// GoogleTest matchers for absl::Status and absl::StatusOr (test-only).
//
//   EXPECT_THAT(DoIt(), IsOk());
//   EXPECT_THAT(Parse("x"), IsOkAndHolds(Eq(3)));
//   EXPECT_THAT(Get(), StatusIs(absl::StatusCode::kNotFound, HasSubstr("k")));
//   EXPECT_THAT(Run(sql), MysqlErrorIs(1064, "42000"));
#ifndef TESSERA_LIB_TESTING_STATUS_MATCHERS_H_
#define TESSERA_LIB_TESTING_STATUS_MATCHERS_H_

#include <ostream>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "lib/base/mysql_error.h"

namespace tessera::testing {
namespace internal {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

}  // namespace internal

MATCHER(IsOk, "is OK") {
  const absl::Status& s = internal::GetStatus(arg);
  if (!s.ok()) *result_listener << "status is " << s;
  return s.ok();
}

MATCHER_P(IsOkAndHolds, inner, "is OK and holds a matching value") {
  if (!arg.ok()) {
    *result_listener << "status is " << arg.status();
    return false;
  }
  return ::testing::ExplainMatchResult(inner, *arg, result_listener);
}

MATCHER_P(StatusIs, code, "has status code " + ::testing::PrintToString(code)) {
  const absl::Status& s = internal::GetStatus(arg);
  *result_listener << "status is " << s;
  return s.code() == code;
}

MATCHER_P2(StatusIs, code, message_matcher,
           "has status code " + ::testing::PrintToString(code) +
               " and a matching message") {
  const absl::Status& s = internal::GetStatus(arg);
  *result_listener << "status is " << s;
  return s.code() == code &&
         ::testing::ExplainMatchResult(
             message_matcher, std::string(s.message()), result_listener);
}

MATCHER_P2(MysqlErrorIs, code, sqlstate,
           "is MySQL error " + ::testing::PrintToString(code) + " (" +
               std::string(sqlstate) + ")") {
  const absl::Status& s = internal::GetStatus(arg);
  if (s.ok()) {
    *result_listener << "status is OK";
    return false;
  }
  MysqlErrorInfo info = ToMysqlError(s);
  *result_listener << "error is " << info.code << " (" << info.sqlstate
                   << "): " << info.message;
  return info.code == code && info.sqlstate == sqlstate;
}

}  // namespace tessera::testing

// Asserts that `expr` (an absl::StatusOr) is OK and moves its value into
// `lhs`, which may be a declaration:
//   TESSERA_ASSERT_OK_AND_ASSIGN(auto db, MariadbFixture::Start({}));
#define TESSERA_ASSERT_OK_AND_ASSIGN(lhs, expr) \
  TESSERA_ASSERT_OK_AND_ASSIGN_IMPL_(           \
      TESSERA_MATCHERS_CONCAT_(_status_or_, __LINE__), lhs, expr)
#define TESSERA_ASSERT_OK_AND_ASSIGN_IMPL_(tmp, lhs, expr)           \
  auto tmp = (expr);                                                 \
  ASSERT_TRUE(tmp.ok()) << #expr << ": " << tmp.status().ToString(); \
  lhs = std::move(tmp).value()
#define TESSERA_MATCHERS_CONCAT_(a, b) TESSERA_MATCHERS_CONCAT_IMPL_(a, b)
#define TESSERA_MATCHERS_CONCAT_IMPL_(a, b) a##b

#endif  // TESSERA_LIB_TESTING_STATUS_MATCHERS_H_
