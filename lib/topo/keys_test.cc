#include "lib/topo/keys.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"

namespace tessera::topo {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::StatusIs;

TEST(KeysTest, Layout) {
  topodata::TabletAlias alias;
  alias.set_cell("zone1");
  alias.set_uid(100);
  EXPECT_EQ(KeyspaceKey("ks"), "keyspaces/ks/Keyspace");
  EXPECT_EQ(VSchemaKey("ks"), "keyspaces/ks/VSchema");
  EXPECT_EQ(ShardKey("ks", "-80"), "keyspaces/ks/shards/-80/Shard");
  EXPECT_EQ(TabletKey(alias), "tablets/zone1-100/Tablet");
  EXPECT_EQ(SrvKeyspaceKey("zone1", "ks"),
            "cells/zone1/keyspaces/ks/SrvKeyspace");
  EXPECT_EQ(KeyspaceLockPath("ks"), "locks/keyspaces/ks");
}

TEST(KeysTest, TabletAliasRoundTrip) {
  auto a = ParseTabletAlias("us-east-1-42");
  ASSERT_THAT(a, IsOk());
  EXPECT_EQ(a->cell(), "us-east-1");
  EXPECT_EQ(a->uid(), 42u);
  EXPECT_EQ(TabletAliasString(*a), "us-east-1-42");
  for (const char* bad : {"", "zone1", "-1", "zone1-x", "zo ne-1"}) {
    EXPECT_THAT(ParseTabletAlias(bad),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << bad;
  }
}

TEST(KeysTest, ShardNames) {
  struct Case {
    const char* name;
    std::string start, end;
  } cases[] = {
      {"-", "", ""},
      {"0", "", ""},
      {"-80", "", "\x80"},
      {"80-", "\x80", ""},
      {"40-80", "\x40", "\x80"},
      {"4000-8000", std::string("\x40\x00", 2), std::string("\x80\x00", 2)},
  };
  for (const Case& c : cases) {
    auto r = ParseShardName(c.name);
    ASSERT_THAT(r, IsOk()) << c.name;
    EXPECT_EQ(r->start(), c.start) << c.name;
    EXPECT_EQ(r->end(), c.end) << c.name;
  }
  for (const char* bad :
       {"", "80", "-8", "80-40", "x0-", "-8G", "-80-", "80-80", "-AA"}) {
    EXPECT_THAT(ParseShardName(bad),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << bad;
  }
}

TEST(KeysTest, Names) {
  EXPECT_THAT(ValidateName("keyspace", "commerce_1"), IsOk());
  EXPECT_THAT(ValidateName("cell", "us-east-1"), IsOk());
  for (const char* bad : {"", "-x", "a/b", "a b", "ä"}) {
    EXPECT_THAT(ValidateName("keyspace", bad),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << bad;
  }
  EXPECT_THAT(ValidateName("keyspace", std::string(65, 'a')),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace tessera::topo
