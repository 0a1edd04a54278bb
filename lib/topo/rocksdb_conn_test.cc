#include "lib/topo/rocksdb_conn.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"
#include "lib/topo/conformance.h"
#include "lib/topo/open.h"

namespace tessera::topo {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::StatusIs;
using testing::ConnConformanceTest;
using testing::ConnFactory;
using ::testing::HasSubstr;

std::string FreshDir() {
  static std::atomic<int> n{0};
  return absl::StrCat(std::getenv("TEST_TMPDIR"), "/rocks", n++, "_", getpid());
}

INSTANTIATE_TEST_SUITE_P(Rocksdb, ConnConformanceTest,
                         ::testing::Values(ConnFactory{
                             "rocksdb",
                             []() -> absl::StatusOr<std::unique_ptr<Conn>> {
                               return Open(absl::StrCat(
                                   "rocksdb://", FreshDir(), "?sync=false"));
                             }}),
                         testing::ConnFactoryName);

TEST(RocksdbConnTest, DataAndRevisionSurviveReopen) {
  std::string dir = FreshDir();
  Version v;
  {
    auto conn = OpenRocksdb(dir);
    ASSERT_THAT(conn, IsOk());
    ASSERT_THAT((*conn)->Create("a", "1"), IsOk());
    auto vv = (*conn)->Update("a", "2", Conn::kAnyVersion);
    ASSERT_THAT(vv, IsOk());
    v = *vv;
  }
  auto conn = OpenRocksdb(dir);
  ASSERT_THAT(conn, IsOk());
  auto kv = (*conn)->Get("a");
  ASSERT_THAT(kv, IsOk());
  EXPECT_EQ(kv->value, "2");
  EXPECT_EQ(kv->version, v);
  auto next = (*conn)->Create("b", "x");
  ASSERT_THAT(next, IsOk());
  EXPECT_GT(*next, v);  // the revision continues after reopen
}

TEST(RocksdbConnTest, SecondOpenIsClearError) {
  std::string dir = FreshDir();
  auto first = OpenRocksdb(dir);
  ASSERT_THAT(first, IsOk());
  EXPECT_THAT(OpenRocksdb(dir),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("in use by another process")));
}

TEST(RocksdbConnTest, SecondProcessGetsClearError) {
  std::string dir = FreshDir();
  auto first = OpenRocksdb(dir);
  ASSERT_THAT(first, IsOk());
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    auto second = OpenRocksdb(dir);
    bool clear =
        second.status().code() == absl::StatusCode::kFailedPrecondition &&
        absl::StrContains(second.status().message(), "LOCK");
    _exit(clear ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(RocksdbConnTest, AcknowledgedWritesSurviveKill9) {
  std::string dir = FreshDir();
  int pipefd[2];
  ASSERT_EQ(pipe(pipefd), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(pipefd[0]);
    auto conn = OpenRocksdb(dir);
    if (!conn.ok()) _exit(1);
    for (int i = 0; i < 50; ++i) {
      if (!(*conn)->Create(absl::StrCat("k/", i), absl::StrCat(i)).ok()) {
        _exit(1);
      }
      char c = 'x';  // acknowledge write i to the parent
      if (write(pipefd[1], &c, 1) != 1) _exit(1);
    }
    for (;;) pause();  // wait to be killed, the store still open
  }
  close(pipefd[1]);
  int acked = 0;
  char c;
  while (acked < 50 && read(pipefd[0], &c, 1) == 1) ++acked;
  close(pipefd[0]);
  kill(pid, SIGKILL);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_EQ(acked, 50);
  auto conn = OpenRocksdb(dir);
  ASSERT_THAT(conn, IsOk());
  auto list = (*conn)->List("k/");
  ASSERT_THAT(list, IsOk());
  EXPECT_EQ(list->size(), 50u);
}

TEST(RocksdbConnTest, OpenRejectsBadUrls) {
  EXPECT_THAT(Open("rocksdb://relative"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Open("rocksdb:///"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Open(absl::StrCat("rocksdb://", FreshDir(), "?sync=maybe")),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace tessera::topo
