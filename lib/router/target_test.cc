#include "lib/router/target.h"

#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"

namespace tessera::router {
namespace {

using ::tessera::testing::MysqlErrorIs;

struct Case {
  const char* text;
  const char* keyspace;
  const char* shard;
  const char* keyspace_id_hex;
  TabletType type;
  const char* canonical;
};

TEST(TargetTest, ParsesEveryForm) {
  const Case cases[] = {
      {"", "", "", "", TabletType::kPrimary, ""},
      {"ks", "ks", "", "", TabletType::kPrimary, "ks"},
      {"`ks`", "ks", "", "", TabletType::kPrimary, "ks"},
      {"ks@replica", "ks", "", "", TabletType::kReplica, "ks@replica"},
      {"ks@RDONLY", "ks", "", "", TabletType::kRdonly, "ks@rdonly"},
      {"ks@master", "ks", "", "", TabletType::kPrimary, "ks"},
      {"@replica", "", "", "", TabletType::kReplica, "@replica"},
      {"ks:-80", "ks", "-80", "", TabletType::kPrimary, "ks:-80"},
      {"ks:80-C0@rdonly", "ks", "80-c0", "", TabletType::kRdonly,
       "ks:80-c0@rdonly"},
      {"ks:-", "ks", "-", "", TabletType::kPrimary, "ks:-"},
      {"ks[80ff]", "ks", "", "80ff", TabletType::kPrimary, "ks[80ff]"},
      {"my_ks-2", "my_ks-2", "", "", TabletType::kPrimary, "my_ks-2"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    auto t = ParseTarget(c.text);
    ASSERT_TRUE(t.ok()) << t.status();
    EXPECT_EQ(t->keyspace, c.keyspace);
    EXPECT_EQ(t->shard, c.shard);
    EXPECT_EQ(absl::BytesToHexString(t->keyspace_id), c.keyspace_id_hex);
    EXPECT_EQ(t->tablet_type, c.type);
    EXPECT_EQ(FormatTarget(*t), c.canonical);
  }
}

TEST(TargetTest, RejectsMalformedTargetsWithBadDbError) {
  for (const char* bad :
       {"ks@leader", "ks:80", "ks:8g-", "ks:-80-c0", "ks[8]", "ks[zz]", "ks[80",
        ":-80", "[80]", "k s", "ks;drop", "a.b"}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(ParseTarget(bad), MysqlErrorIs(1049, "42000"));
  }
}

}  // namespace
}  // namespace tessera::router
