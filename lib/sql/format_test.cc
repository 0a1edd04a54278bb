// The Formatter's output buffer and name paths: appending after existing
// text, growth beyond the first estimate, names at the end of the padded
// text, names outside it (written by the normalizer), and the padded
// (Format) and unpadded (FormatStmt) lookups agreeing on every golden input.
#include "lib/sql/format.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/sql/normalize.h"
#include "lib/sql/parser.h"
#include "lib/sql/testing/golden.h"
#include "lib/testing/status_matchers.h"

namespace tessera::sql {
namespace {

using ::tessera::testing::IsOk;

TEST(FormatTest, AppendsAfterExistingText) {
  auto p = Parse("SELECT `a` FROM `t` WHERE `order` = 1");
  ASSERT_THAT(p, IsOk());
  std::string out = "key\x1f";
  FormatStmt(*p->root(), p->sql(), {}, &out);
  EXPECT_EQ(out, "key\x1fselect a from t where `order` = 1");
  std::string appended = "key\x1f";
  AppendFormatted(*p, {}, &appended);
  EXPECT_EQ(appended, out);
  EXPECT_EQ(Format(*p), out.substr(4));
}

TEST(FormatTest, GrowsBeyondTheInput) {
  // Canonical text adds a space after each comma: twice the input's growth
  // room many times over.
  std::string in = "select 1", want = "select 1";
  for (int i = 2; i <= 2000; ++i) {
    absl::StrAppend(&in, ",", i);
    absl::StrAppend(&want, ", ", i);
  }
  auto p = Parse(in);
  ASSERT_THAT(p, IsOk());
  EXPECT_EQ(Format(*p), want);
  // INTERVAL's parenthesis inserted before text already written.
  auto i = Parse("select d - interval (a is not null) + 1 second");
  ASSERT_THAT(i, IsOk());
  std::string out = want;  // after a long prefix
  AppendFormatted(*i, {}, &out);
  EXPECT_EQ(out.substr(want.size()),
            "select d - interval ((a is not null) + 1) second");
}

TEST(FormatTest, NamesOfEveryLengthAndPlace) {
  for (int n = 1; n <= 40; ++n) {
    std::string name(n, 'x');
    name[n - 1] = 'y';
    // Last in the text (the 16-byte copy reads into the padding), quoted,
    // and as a reserved word's neighbour.
    for (const std::string& sql :
         {absl::StrCat("select ", name), absl::StrCat("select `", name, "`"),
          absl::StrCat("select `select`, ", name, " from `from`")}) {
      auto p = Parse(sql);
      ASSERT_THAT(p, IsOk()) << sql;
      std::string f = Format(*p);
      EXPECT_TRUE(absl::EndsWith(f, name) || absl::StrContains(f, name + " "))
          << f;
      std::string u;
      FormatStmt(*p->root(), p->sql(), {}, &u);
      EXPECT_EQ(u, f);
    }
  }
  auto p = Parse("select `select`, `a b`, `1x`, `x``y`, `ÿ` from t");
  ASSERT_THAT(p, IsOk());
  EXPECT_EQ(Format(*p), "select `select`, `a b`, `1x`, `x``y`, ÿ from t");
}

TEST(FormatTest, NamesOutsideTheText) {
  // The normalizer names LAST_INSERT_ID() with an alias it writes itself.
  auto n = Normalize("select last_insert_id(), `key` from t");
  ASSERT_THAT(n, IsOk());
  EXPECT_EQ(n->sql,
            "select :__lastInsertId as `last_insert_id()`, `key` from t");
}

TEST(FormatTest, PaddedAndUnpaddedLookupsAgree) {
  int compared = 0;
  for (const char* file : testing::kGoldenStatementFiles) {
    auto inputs = testing::GoldenInputs(file);
    ASSERT_THAT(inputs, IsOk());
    for (const std::string& line : *inputs) {
      auto p = Parse(line);
      if (!p.ok()) continue;
      std::string unpadded;
      FormatStmt(*p->root(), p->sql(), {}, &unpadded);
      EXPECT_EQ(Format(*p), unpadded) << line;
      ++compared;
    }
  }
  EXPECT_GT(compared, 1500);
}

}  // namespace
}  // namespace tessera::sql
