// Table-driven golden tests: testdata/*.txt hold cases of the form
//
//   <input SQL on one line>
//   -> <canonical SQL>          (or)   !! <errno>: <error message>
//
// Every accepted case is also checked for the round-trip property:
// Parse(Format(x)) formats identically and has the same tree shape.
// To regenerate expectations after a deliberate change, run
//   TESSERA_GOLDEN_UPDATE=1 bazel run //lib/sql:golden_test
// and review the diff.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/base/mysql_error.h"
#include "lib/sql/format.h"
#include "lib/sql/parser.h"

namespace tessera::sql {
namespace {

constexpr const char* kFiles[] = {
    "select",   "expr",          "join",     "dml",      "ddl",
    "alter",    "show",          "misc",     "errors",   "grammar",
    "grammar2", "corpus_syntax", "grammar3", "grammar4",
};

std::string RunCase(const std::string& input) {
  auto parsed = Parse(input);
  if (!parsed.ok()) {
    MysqlErrorInfo e = ToMysqlError(parsed.status());
    return absl::StrCat("!! ", e.code, ": ", e.message);
  }
  return "-> " + Format(*parsed);
}

// Parse(Format(x)) must format the same and have the same shape.
void CheckRoundTrip(const std::string& input, int* checked) {
  auto p1 = Parse(input);
  if (!p1.ok()) return;
  FormatOptions all;
  all.parenthesize_all = true;
  std::string f1 = Format(*p1);
  auto p2 = Parse(f1);
  ASSERT_TRUE(p2.ok()) << "canonical form does not parse: " << f1 << "\n"
                       << p2.status() << "\ninput: " << input;
  EXPECT_EQ(Format(*p2), f1) << "input: " << input;
  EXPECT_EQ(Format(*p2, all), Format(*p1, all)) << "input: " << input;
  ++*checked;
}

std::string SourceDir() {
  const char* ws = std::getenv("BUILD_WORKSPACE_DIRECTORY");
  return ws ? std::string(ws) + "/lib/sql/testdata/" : "lib/sql/testdata/";
}

TEST(GoldenTest, AllFiles) {
  bool update = std::getenv("TESSERA_GOLDEN_UPDATE") != nullptr;
  int cases = 0, round_trips = 0;
  for (const char* name : kFiles) {
    std::string path = SourceDir() + name + ".txt";
    std::ifstream in(path);
    ASSERT_TRUE(in.good()) << path;
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    std::ostringstream updated;
    for (size_t i = 0; i < lines.size(); ++i) {
      const std::string& line = lines[i];
      if (line.empty() || line[0] == '#' || absl::StartsWith(line, "-> ") ||
          absl::StartsWith(line, "!! ")) {
        if (line.empty() || line[0] == '#') updated << line << "\n";
        continue;
      }
      ++cases;
      std::string actual = RunCase(line);
      std::string expected;
      if (i + 1 < lines.size() && (absl::StartsWith(lines[i + 1], "-> ") ||
                                   absl::StartsWith(lines[i + 1], "!! "))) {
        expected = lines[i + 1];
      }
      updated << line << "\n" << actual << "\n";
      if (!update) {
        EXPECT_EQ(actual, expected)
            << name << ".txt line " << i + 1 << ": " << line;
      }
      CheckRoundTrip(line, &round_trips);
    }
    if (update) {
      std::ofstream out(path);
      out << updated.str();
    }
  }
  std::printf("%d golden cases, %d round trips\n", cases, round_trips);
  EXPECT_GT(cases, 1000);
}

}  // namespace
}  // namespace tessera::sql
