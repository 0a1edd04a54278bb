#include "lib/router/next_values.h"

#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"

namespace tessera::router {
namespace {

using ::tessera::testing::MysqlErrorIs;

struct Case {
  const char* sql;
  bool recognized;
  const char* keyspace;
  const char* table;
  int64_t count;
};

TEST(NextValuesTest, Recognizes) {
  const Case cases[] = {
      {"select next value from seq", true, "", "seq", 1},
      {"  SELECT  NEXT\tVALUE FROM ks.`seq` ; ", true, "ks", "seq", 1},
      {"select next 5 values from seq", true, "", "seq", 5},
      {"Select Next 2 Values From `ks`.seq;", true, "ks", "seq", 2},
      {"select c from t where id = 1", false, "", "", 0},
      {"selectnext value from seq", false, "", "", 0},
      {"select nextval from seq", false, "", "", 0},
      {"select next value from", false, "", "", 0},
      {"select next", false, "", "", 0},
      {"insert into t values (1)", false, "", "", 0},
      {"", false, "", "", 0},
  };
  for (const Case& c : cases) {
    absl::StatusOr<std::optional<NextValuesQuery>> q = ParseNextValues(c.sql);
    ASSERT_TRUE(q.ok()) << c.sql << ": " << q.status();
    ASSERT_EQ(q->has_value(), c.recognized) << c.sql;
    if (!c.recognized) continue;
    EXPECT_EQ((*q)->keyspace, c.keyspace) << c.sql;
    EXPECT_EQ((*q)->table, c.table) << c.sql;
    EXPECT_EQ((*q)->count, c.count) << c.sql;
  }
}

TEST(NextValuesTest, BadCount) {
  EXPECT_THAT(ParseNextValues("select next 0 values from seq"),
              MysqlErrorIs(1210, "HY000"));
  EXPECT_THAT(ParseNextValues("select next x values from seq"),
              MysqlErrorIs(1210, "HY000"));
}

}  // namespace
}  // namespace tessera::router
