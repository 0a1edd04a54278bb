#include "lib/topo/topo_url.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"

namespace tessera::topo {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::StatusIs;
using ::testing::ElementsAre;

TEST(TopoUrlTest, Memory) {
  auto u = ParseTopoUrl("memory://");
  ASSERT_THAT(u, IsOk());
  EXPECT_EQ(u->scheme, "memory");
}

TEST(TopoUrlTest, RocksdbPaths) {
  struct Case {
    const char* url;
    const char* path;
  } cases[] = {
      {"rocksdb:///var/lib/topo", "/var/lib/topo"},
      {"rocksdb:///./.tessera/local/topo", "./.tessera/local/topo"},
      {"rocksdb:///../x", "../x"},
      {"rocksdb:///tmp/t?sync=false", "/tmp/t"},
  };
  for (const Case& c : cases) {
    auto u = ParseTopoUrl(c.url);
    ASSERT_THAT(u, IsOk()) << c.url;
    EXPECT_EQ(u->scheme, "rocksdb");
    EXPECT_EQ(u->path, c.path) << c.url;
  }
}

TEST(TopoUrlTest, Etcd) {
  auto u = ParseTopoUrl(
      "etcd://127.0.0.1:2379,127.0.0.1:2380/tessera/global/?tls=true&user=root"
      "&password=a%26b");
  ASSERT_THAT(u, IsOk());
  EXPECT_THAT(u->endpoints, ElementsAre("127.0.0.1:2379", "127.0.0.1:2380"));
  EXPECT_EQ(u->root, "tessera/global");
  EXPECT_EQ(u->params["password"], "a&b");
  EXPECT_TRUE(*UrlBool(*u, "tls", false));
  EXPECT_FALSE(*UrlBool(*u, "absent", false));
}

TEST(TopoUrlTest, Errors) {
  for (const char* bad :
       {"", "memory", "memory://x", "zk://h:1/", "rocksdb://rel", "rocksdb:///",
        "etcd:///root", "etcd://host/root", "etcd://h:99999/", "etcd://h:1/?=x",
        "etcd://h:1/?p=%zz"}) {
    EXPECT_THAT(ParseTopoUrl(bad), StatusIs(absl::StatusCode::kInvalidArgument))
        << bad;
  }
}

}  // namespace
}  // namespace tessera::topo
