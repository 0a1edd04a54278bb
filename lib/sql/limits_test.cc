// Errors, limits, and inputs that must not crash.
#include <random>
#include <string>

#include "gtest/gtest.h"
#include "lib/sql/format.h"
#include "lib/sql/parser.h"
#include "lib/testing/status_matchers.h"

namespace tessera::sql {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::MysqlErrorIs;

TEST(LimitsTest, DeepParenthesesAreRefusedCleanly) {
  std::string sql =
      "select " + std::string(100000, '(') + "1" + std::string(100000, ')');
  EXPECT_THAT(Parse(sql), MysqlErrorIs(1436, "HY000"));
}

TEST(LimitsTest, DeepUnaryAndSubqueries) {
  EXPECT_THAT(Parse("select " + std::string(100000, '-') + "1"),
              MysqlErrorIs(1436, "HY000"));
  std::string sub;
  for (int i = 0; i < 5000; ++i) sub += "select * from (";
  EXPECT_THAT(Parse(sub), MysqlErrorIs(1436, "HY000"));
  std::string nots;
  for (int i = 0; i < 50000; ++i) nots += "not ";
  EXPECT_THAT(Parse("select " + nots + "1"), MysqlErrorIs(1436, "HY000"));
}

TEST(LimitsTest, ModerateNestingIsFine) {
  std::string sql =
      "select " + std::string(200, '(') + "1" + std::string(200, ')');
  EXPECT_THAT(Parse(sql), IsOk());
}

TEST(LimitsTest, ConfigurableDepth) {
  ParseOptions opt;
  opt.max_depth = 10;
  EXPECT_THAT(Parse("select ((((((((((((1))))))))))))", opt),
              MysqlErrorIs(1436, "HY000"));
}

TEST(LimitsTest, InputSize) {
  ParseOptions opt;
  opt.max_length = 100;
  EXPECT_THAT(Parse("select '" + std::string(200, 'x') + "'", opt),
              MysqlErrorIs(1153, "08S01"));
}

TEST(LimitsTest, HugeInsertParses) {
  std::string sql = "insert into t values (1, 'x')";
  for (int i = 0; i < 20000; ++i) sql += ", (1, 'x')";
  auto p = Parse(sql);
  ASSERT_THAT(p, IsOk());
  EXPECT_LT(p->arena().bytes_reserved(), sql.size() * 40);
}

TEST(LimitsTest, EmptyQuery) {
  EXPECT_THAT(Parse(""), MysqlErrorIs(1065, "42000"));
  EXPECT_THAT(Parse("  /* x */ -- y"), MysqlErrorIs(1065, "42000"));
}

TEST(LimitsTest, ErrorTextLikeMysql) {
  auto p = Parse("select * from t where\n a = = 1");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(),
            "You have an error in your SQL syntax; check the manual that "
            "corresponds to your MySQL server version for the right syntax to "
            "use near '= 1' at line 2");
  EXPECT_THAT(p, MysqlErrorIs(1064, "42000"));
}

TEST(LimitsTest, RandomBytesNeverCrash) {
  std::mt19937 rng(42);
  const std::string alphabet = "selct fromwhr()'\"`,.;*+-/<>=!@:?#\n\\01xX_aN";
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    int len = rng() % 60;
    for (int k = 0; k < len; ++k)
      s.push_back(alphabet[rng() % alphabet.size()]);
    auto p = Parse(s);
    if (p.ok()) {
      std::string f = Format(*p);
      auto q = Parse(f);
      ASSERT_THAT(q, IsOk()) << s << " -> " << f;
      EXPECT_EQ(Format(*q), f) << s;
    }
  }
}

}  // namespace
}  // namespace tessera::sql
