#include "lib/localcluster/process.h"

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"

namespace tessera::localcluster {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::IsOkAndHolds;
using ::tessera::testing::StatusIs;

TEST(SubprocessTest, ReportsExitCode) {
  TESSERA_ASSERT_OK_AND_ASSIGN(auto p,
                               Subprocess::Start({{"sh", "-c", "exit 3"}}));
  EXPECT_THAT(p->Wait(absl::Seconds(10)), IsOkAndHolds(3));
  EXPECT_FALSE(p->Running());
}

TEST(SubprocessTest, TerminateStopsTheGroup) {
  // The shell starts a grandchild; terminating the group stops both.
  TESSERA_ASSERT_OK_AND_ASSIGN(
      auto p, Subprocess::Start({{"sh", "-c", "sleep 60 & wait"}}));
  EXPECT_TRUE(p->Running());
  EXPECT_THAT(p->Terminate(absl::Seconds(10)), IsOk());
  EXPECT_FALSE(p->Running());
  EXPECT_FALSE(PidAlive(p->pid()));
}

TEST(SubprocessTest, DestructorKills) {
  pid_t pid;
  {
    TESSERA_ASSERT_OK_AND_ASSIGN(auto p, Subprocess::Start({{"sleep", "60"}}));
    pid = p->pid();
    EXPECT_TRUE(PidAlive(pid));
  }
  EXPECT_FALSE(PidAlive(pid));
}

TEST(SubprocessTest, WaitTimesOut) {
  TESSERA_ASSERT_OK_AND_ASSIGN(auto p, Subprocess::Start({{"sleep", "60"}}));
  EXPECT_THAT(p->Wait(absl::Milliseconds(50)),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
}

TEST(SubprocessTest, MissingProgramExits127) {
  TESSERA_ASSERT_OK_AND_ASSIGN(
      auto p, Subprocess::Start({{"/nonexistent/tessera-no-such-binary"}}));
  EXPECT_THAT(p->Wait(absl::Seconds(10)), IsOkAndHolds(127));
}

TEST(PortTest, PickFreePortIsBindableAndWaitForPortTimesOut) {
  TESSERA_ASSERT_OK_AND_ASSIGN(int port, PickFreePort());
  EXPECT_GT(port, 0);
  EXPECT_THAT(WaitForPort(port, absl::Milliseconds(100)),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
}

TEST(FindBinaryTest, FindsShellAndRejectsUnknown) {
  EXPECT_THAT(FindBinary("sh"), IsOk());
  EXPECT_THAT(FindBinary("tessera-no-such-binary"),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace tessera::localcluster
