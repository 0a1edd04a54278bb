// The conformance suite and basic behaviour of the etcd backend against a
// real etcd (one member, started once for the whole binary).
#include "lib/topo/etcd_conn.h"

#include <unistd.h>

#include <atomic>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/localcluster/process.h"
#include "lib/testing/etcd_fixture.h"
#include "lib/testing/status_matchers.h"
#include "lib/topo/conformance.h"
#include "lib/topo/open.h"

namespace tessera::topo {
namespace {

using ::tessera::testing::EtcdFixture;
using ::tessera::testing::IsOk;
using ::tessera::testing::StatusIs;
using testing::ConnConformanceTest;
using testing::ConnFactory;

// One etcd for every test of this binary (test-only state).
EtcdFixture* etcd = nullptr;

class EtcdEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    auto f = EtcdFixture::Start(1);
    ASSERT_THAT(f, IsOk());
    etcd = f->release();
  }
  void TearDown() override {
    delete etcd;
    etcd = nullptr;
  }
};

const auto* const kEnv =
    ::testing::AddGlobalTestEnvironment(new EtcdEnvironment);

std::string FreshUrl() {
  static std::atomic<int> n{0};
  return absl::StrCat("etcd://", etcd->endpoints(), "/t", getpid(), "_", n++);
}

INSTANTIATE_TEST_SUITE_P(Etcd, ConnConformanceTest,
                         ::testing::Values(ConnFactory{
                             "etcd",
                             []() -> absl::StatusOr<std::unique_ptr<Conn>> {
                               return Open(FreshUrl());
                             }}),
                         testing::ConnFactoryName);

TEST(EtcdConnTest, PrefixEnd) {
  EXPECT_EQ(EtcdPrefixEnd("ab"), "ac");
  EXPECT_EQ(EtcdPrefixEnd(std::string("a\xff", 2)), "b");
  EXPECT_EQ(EtcdPrefixEnd(""), std::string(1, '\0'));
}

TEST(EtcdConnTest, RootsIsolateKeyspaces) {
  auto a = Open(FreshUrl());
  auto b = Open(FreshUrl());
  ASSERT_THAT(a, IsOk());
  ASSERT_THAT(b, IsOk());
  ASSERT_THAT((*a)->Create("k", "from a"), IsOk());
  EXPECT_THAT((*b)->Get("k"), StatusIs(absl::StatusCode::kNotFound));
  auto all = (*a)->List("");
  ASSERT_THAT(all, IsOk());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].key, "k");  // the root is not visible to callers
}

TEST(EtcdConnTest, WatchFromCompactedRevisionEndsWithOutOfRange) {
  auto conn = Open(FreshUrl());
  ASSERT_THAT(conn, IsOk());
  auto v1 = (*conn)->Create("c", "1");
  ASSERT_THAT(v1, IsOk());
  auto v2 = (*conn)->Update("c", "2", *v1);
  ASSERT_THAT(v2, IsOk());
  localcluster::ProcessOptions compact;
  compact.argv = {"etcdctl", "--endpoints=" + etcd->endpoints(), "compact",
                  absl::StrCat(*v2)};
  auto p = localcluster::Subprocess::Start(compact);
  ASSERT_THAT(p, IsOk());
  auto rc = (*p)->Wait(absl::Seconds(60));
  ASSERT_THAT(rc, IsOk());
  ASSERT_EQ(*rc, 0);
  testing::EventLog log;
  auto w = (*conn)->Watch("c", false, *v1, log.Callback());
  ASSERT_THAT(w, IsOk());
  ASSERT_TRUE(log.Wait(1));
  auto ev = log.events();
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].type, EventType::kError);
  EXPECT_THAT(ev[0].status, StatusIs(absl::StatusCode::kOutOfRange));
}

TEST(EtcdConnTest, CliWatchPrintsChanges) {
  std::string url = FreshUrl();
  auto conn = Open(url);
  ASSERT_THAT(conn, IsOk());
  std::string log = absl::StrCat(getenv("TEST_TMPDIR"), "/watch.log");
  localcluster::ProcessOptions watch;
  watch.argv = {absl::StrCat(getenv("TEST_SRCDIR"), "/",
                             getenv("TEST_WORKSPACE"), "/services/cli/tessera"),
                "topo",
                "watch",
                "app/",
                "--count",
                "2",
                "--topo",
                url};
  watch.log_path = log;
  auto p = localcluster::Subprocess::Start(watch);
  ASSERT_THAT(p, IsOk());
  // The watch starts "now": write until the CLI has seen two changes.
  absl::StatusOr<int> rc = absl::DeadlineExceededError("not run");
  for (int i = 0; i < 100 && !rc.ok(); ++i) {
    ASSERT_THAT(
        (*conn)->Update("app/flag", absl::StrCat("v", i), Conn::kAnyVersion),
        IsOk());
    rc = (*p)->Wait(absl::Milliseconds(200));
  }
  ASSERT_THAT(rc, IsOk());
  EXPECT_EQ(*rc, 0);
  std::ifstream in(log);
  std::string line;
  int puts = 0;
  while (std::getline(in, line)) {
    if (line.rfind("PUT app/flag ", 0) == 0) ++puts;
  }
  EXPECT_EQ(puts, 2);
}

TEST(EtcdConnTest, UnreachableIsUnavailable) {
  auto conn = Open("etcd://127.0.0.1:1/x?timeout_ms=500");
  ASSERT_THAT(conn, IsOk());
  EXPECT_THAT((*conn)->Get("k"), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT((*conn)->Watch("k", false, 0, [](const WatchEvent&) {}),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST(EtcdConnTest, BadOptionsAreRejected) {
  for (const char* url :
       {"etcd://127.0.0.1:2379/x?colour=red", "etcd://127.0.0.1:2379/x?cert=/a",
        "etcd://127.0.0.1:2379/x?timeout_ms=-1",
        "etcd://127.0.0.1:2379/x?tls=true&ca=/nonexistent"}) {
    EXPECT_THAT(Open(url), StatusIs(absl::StatusCode::kInvalidArgument)) << url;
  }
}

}  // namespace
}  // namespace tessera::topo
