#include "lib/sql/script.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace tessera::sql {
namespace {

std::vector<std::string> Split(absl::string_view s) {
  std::vector<std::string> out;
  for (absl::string_view p : SplitScript(s)) out.emplace_back(p);
  return out;
}

TEST(ScriptTest, SplitsAtSemicolonsOutsideQuotesAndComments) {
  EXPECT_EQ(
      Split("select 1; select ';'; select `a;b` -- x;y\n; # z;\n"
            "select \"q;\" /* c; */"),
      (std::vector<std::string>{"select 1", "select ';'", "select `a;b` -- x;y",
                                "# z;\nselect \"q;\" /* c; */"}));
  EXPECT_EQ(Split("select 'a\\';b'; select 2;;"),
            (std::vector<std::string>{"select 'a\\';b'", "select 2"}));
}

TEST(ScriptTest, DelimiterCommandChangesTheDelimiter) {
  const char* dump =
      "SET x = 1;\n"
      "DELIMITER ;;\n"
      "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN\n"
      "  SET NEW.b = ';;'; SET NEW.c = 2;\nEND ;;\n"
      "delimiter //\n"
      "CREATE PROCEDURE p() BEGIN SELECT 1; END //\n"
      "DELIMITER ;\n"
      "INSERT INTO a VALUES (1);";
  EXPECT_EQ(Split(dump),
            (std::vector<std::string>{
                "SET x = 1",
                "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN\n"
                "  SET NEW.b = ';;'; SET NEW.c = 2;\nEND",
                "CREATE PROCEDURE p() BEGIN SELECT 1; END",
                "INSERT INTO a VALUES (1)"}));
}

TEST(ScriptTest, DelimiterOnlyAtStatementStart) {
  // Not a command inside a statement, nor as a column name.
  EXPECT_EQ(Split("select delimiter from t;\nselect 1\ndelimiter ;"),
            (std::vector<std::string>{"select delimiter from t",
                                      "select 1\ndelimiter"}));
}

TEST(ScriptTest, UnterminatedPiecesRunToTheEnd) {
  EXPECT_EQ(Split("select 'abc; def"),
            (std::vector<std::string>{"select 'abc; def"}));
  EXPECT_EQ(Split("DELIMITER"), (std::vector<std::string>{"DELIMITER"}));
  EXPECT_TRUE(Split("  ;; ; ").empty());
}

}  // namespace
}  // namespace tessera::sql
