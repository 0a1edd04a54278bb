#include "lib/base/mysql_error.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"

namespace tessera {
namespace {

using ::tessera::testing::MysqlErrorIs;
using ::tessera::testing::StatusIs;
using ::testing::HasSubstr;

TEST(MysqlErrorTest, CarriesErrnoAndSqlState) {
  absl::Status s = MysqlError(er::kNoSuchTable, "42S02", "Table 'x' missing");
  EXPECT_THAT(s, MysqlErrorIs(1146, "42S02"));
  EXPECT_THAT(
      s, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("Table 'x'")));
  MysqlErrorInfo info = ToMysqlError(s);
  EXPECT_EQ(info.message, "Table 'x' missing");
}

TEST(MysqlErrorTest, BadSqlStateFallsBackToHY000) {
  EXPECT_THAT(MysqlError(1105, "bad", "m"), MysqlErrorIs(1105, "HY000"));
  EXPECT_THAT(MysqlError(1105, "4200a", "m"), MysqlErrorIs(1105, "HY000"));
}

TEST(MysqlErrorTest, PayloadSurvivesAnnotationCopies) {
  absl::Status s = ParseError("near 'x' at line 1");
  absl::Status copy = s;
  EXPECT_THAT(copy, MysqlErrorIs(1064, "42000"));
}

TEST(MysqlErrorTest, CanonicalCodesMapToMysqlErrors) {
  struct Case {
    absl::Status status;
    uint16_t code;
    const char* sqlstate;
  } cases[] = {
      {absl::UnimplementedError("x"), 1235, "42000"},
      {absl::DeadlineExceededError("x"), 1969, "70100"},
      {absl::CancelledError("x"), 1317, "70100"},
      {absl::PermissionDeniedError("x"), 1045, "28000"},
      {absl::ResourceExhaustedError("x"), 1041, "HY000"},
      {absl::InternalError("x"), 1105, "HY000"},
      {absl::NotFoundError("x"), 1105, "HY000"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(c.status, MysqlErrorIs(c.code, c.sqlstate)) << c.status;
  }
}

TEST(MysqlErrorTest, ShorthandsHaveTheirCodes) {
  EXPECT_THAT(ParseError("x"), MysqlErrorIs(1064, "42000"));
  EXPECT_THAT(UnsupportedError("x"), MysqlErrorIs(1235, "42000"));
  EXPECT_THAT(UnsupportedError("x"),
              StatusIs(absl::StatusCode::kUnimplemented));
  EXPECT_THAT(InternalMysqlError("x"), MysqlErrorIs(1105, "HY000"));
}

}  // namespace
}  // namespace tessera
