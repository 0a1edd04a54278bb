// Parser options from sql_mode: PIPES_AS_CONCAT, HIGH_NOT_PRECEDENCE,
// ANSI_QUOTES, NO_BACKSLASH_ESCAPES and the combination modes.
#include <string>

#include "gtest/gtest.h"
#include "lib/sql/format.h"
#include "lib/sql/parser.h"
#include "lib/testing/status_matchers.h"

namespace tessera::sql {
namespace {

using ::tessera::testing::IsOk;

std::string Canonical(const std::string& sql, const ParseOptions& o) {
  auto p = Parse(sql, o);
  if (!p.ok()) return std::string(p.status().message());
  return Format(*p);
}

TEST(SqlModeTest, OptionsFromSqlMode) {
  ParseOptions o = ParseOptionsForSqlMode("PIPES_AS_CONCAT,ansi_quotes");
  EXPECT_TRUE(o.pipes_as_concat);
  EXPECT_TRUE(o.lex.ansi_quotes);
  EXPECT_FALSE(o.high_not_precedence);
  EXPECT_FALSE(o.lex.no_backslash_escapes);
  o = ParseOptionsForSqlMode(
      "STRICT_TRANS_TABLES, HIGH_NOT_PRECEDENCE,NO_BACKSLASH_ESCAPES");
  EXPECT_TRUE(o.high_not_precedence);
  EXPECT_TRUE(o.lex.no_backslash_escapes);
  EXPECT_FALSE(o.pipes_as_concat);
  o = ParseOptionsForSqlMode("ANSI");
  EXPECT_TRUE(o.pipes_as_concat);
  EXPECT_TRUE(o.lex.ansi_quotes);
  o = ParseOptionsForSqlMode("ORACLE");
  EXPECT_TRUE(o.pipes_as_concat);
  // Modes not listed are cleared; other fields of the base are kept.
  ParseOptions base;
  base.pipes_as_concat = true;
  base.lex.server_version = 101106;
  base.max_depth = 50;
  o = ParseOptionsForSqlMode("", base);
  EXPECT_FALSE(o.pipes_as_concat);
  EXPECT_EQ(o.lex.server_version, 101106u);
  EXPECT_EQ(o.max_depth, 50);
}

TEST(SqlModeTest, PipesAsConcat) {
  ParseOptions o;
  o.pipes_as_concat = true;
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"select a || b", "select concat(a, b)"},
      {"select a || b || c", "select concat(concat(a, b), c)"},
      {"select 1 + 2 || 3", "select 1 + concat(2, 3)"},
      {"select 1 || 2 * 3", "select concat(1, 2) * 3"},
      {"select 2 ^ 1 || 3", "select 2 ^ concat(1, 3)"},
      {"select -a || b", "select concat(-a, b)"},
      {"select a || b or c", "select concat(a, b) or c"},
      {"select * from t where a || b = 'xy'",
       "select * from t where concat(a, b) = 'xy'"},
      {"select a && b", "select a and b"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Canonical(c.in, o), c.out) << c.in;
    // The canonical text means the same without the mode.
    EXPECT_EQ(Canonical(c.out, ParseOptions()), c.out) << c.in;
  }
  EXPECT_EQ(Canonical("select a || b", ParseOptions()), "select a or b");
}

TEST(SqlModeTest, HighNotPrecedence) {
  ParseOptions o;
  o.high_not_precedence = true;
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"select not a between b and c", "select !a between b and c"},
      {"select not a = b", "select !a = b"},
      {"select not 1 + 1", "select !1 + 1"},
      {"select not (a = b)", "select !(a = b)"},
      {"select a not between b and c", "select a not between b and c"},
      {"select a not in (1, 2)", "select a not in (1, 2)"},
      {"select a is not null", "select a is not null"},
      {"select not exists (select 1)", "select !exists (select 1)"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Canonical(c.in, o), c.out) << c.in;
    EXPECT_EQ(Canonical(c.out, ParseOptions()), c.out) << c.in;
  }
  EXPECT_EQ(Canonical("select not a = b", ParseOptions()), "select not a = b");
}

TEST(SqlModeTest, QuotesAndEscapes) {
  ParseOptions o = ParseOptionsForSqlMode("ANSI_QUOTES,NO_BACKSLASH_ESCAPES");
  EXPECT_EQ(Canonical("select \"a b\" from t where c = 'x\\'", o),
            "select `a b` from t where c = 'x\\'");
  auto p = Parse("select 'x\\'", ParseOptions());
  EXPECT_FALSE(p.ok());
  EXPECT_THAT(Parse("select 'x\\'", o), IsOk());
}

}  // namespace
}  // namespace tessera::sql
