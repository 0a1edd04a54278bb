#include "lib/topo/etcd_conn.h"

#include <atomic>
#include <cstdlib>

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

std::string Endpoints() {
  const char* e = std::getenv("TESSERA_TEST_ETCD");
  return e ? e : "127.0.0.1:2379";
}

std::string FreshRoot() {
  static std::atomic<int> n{0};
  return absl::StrCat("t", getpid(), "_", n++);
}

INSTANTIATE_TEST_SUITE_P(Etcd, ConnConformanceTest,
                         ::testing::Values(ConnFactory{
                             "etcd",
                             []() -> absl::StatusOr<std::unique_ptr<Conn>> {
                               return Open(absl::StrCat("etcd://", Endpoints(),
                                                        "/", FreshRoot()));
                             }}),
                         testing::ConnFactoryName);

TEST(EtcdConnTest, PrefixEnd) {
  EXPECT_EQ(EtcdPrefixEnd("ab"), "ac");
  EXPECT_EQ(EtcdPrefixEnd(std::string("a\xff", 2)), "b");
  EXPECT_EQ(EtcdPrefixEnd(""), std::string(1, '\0'));
}

TEST(EtcdConnTest, UnreachableIsUnavailable) {
  auto conn = Open("etcd://127.0.0.1:1/x?timeout_ms=500");
  ASSERT_THAT(conn, IsOk());
  EXPECT_THAT((*conn)->Get("k"), StatusIs(absl::StatusCode::kUnavailable));
}

}  // namespace
}  // namespace tessera::topo
