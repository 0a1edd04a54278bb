// The corpora and golden SELECT inputs against a real MariaDB 10.11:
//  * every corpus statement is accepted by MariaDB (the corpora hold only
//    statements the server accepts) and its canonical form is judged alike
//    (PREPARE: same errno);
//  * meaning: every SELECT of the corpora and of the golden files that
//    MariaDB can run on the test schemas returns the same rows as written
//    and as formatted (catches precedence, quoting and literal mistakes).
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "lib/sql/format.h"
#include "lib/sql/parser.h"
#include "lib/sql/testing/corpus.h"
#include "lib/sql/testing/server_judge.h"
#include "lib/testing/mariadb_fixture.h"
#include "lib/testing/sql_client.h"
#include "lib/testing/status_matchers.h"

namespace tessera::sql {
namespace {

using ::tessera::testing::Exec;
using ::tessera::testing::IsOk;
using ::tessera::testing::MariadbFixture;
using ::tessera::testing::MariadbServer;

class CorpusMariadbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto db = MariadbFixture::Start({});
    ASSERT_THAT(db, IsOk());
    fixture_ = db->release();
    const MariadbServer& s = server();
    ASSERT_THAT(Exec(s, "CREATE DATABASE c; CREATE DATABASE g"), IsOk());
    for (const auto& [db_name, file] :
         {std::pair{"c", "schema"}, std::pair{"g", "golden_schema"}}) {
      auto text = testing::ReadTextFile(
          absl::StrCat("lib/sql/testdata/corpus/", file, ".sql"));
      ASSERT_TRUE(text.ok()) << text.status();
      ASSERT_THAT(Exec(s, *text, db_name), IsOk());
    }
  }
  static void TearDownTestSuite() {
    delete fixture_;
    fixture_ = nullptr;
  }
  static const MariadbServer& server() { return fixture_->primary(0); }

  static MariadbFixture* fixture_;
};

MariadbFixture* CorpusMariadbTest::fixture_ = nullptr;

// Parse as MariaDB 10.11 reads version comments (/*!50708 ...*/ skipped,
// /*M!100100 ...*/ kept).
ParseOptions MariadbOptions() {
  ParseOptions o;
  o.lex.server_version = 101100;
  return o;
}

// Golden inputs of the query files (not the expected outputs).
std::vector<std::string> GoldenInputs() {
  std::vector<std::string> out;
  for (const char* name : {"select", "expr", "join", "grammar", "misc"}) {
    auto text =
        testing::ReadTextFile(absl::StrCat("lib/sql/testdata/", name, ".txt"));
    if (!text.ok()) continue;
    for (absl::string_view line : absl::StrSplit(*text, '\n')) {
      if (line.empty() || line[0] == '#' || absl::StartsWith(line, "-> ") ||
          absl::StartsWith(line, "!! ")) {
        continue;
      }
      out.emplace_back(line);
    }
  }
  return out;
}

TEST_F(CorpusMariadbTest, ServerAcceptsCorpusAndCanonicalForms) {
  int checked = 0, not_preparable = 0;
  std::vector<std::string> rejected;
  for (const std::string& name : testing::CorpusNames()) {
    auto corpus = testing::LoadCorpus(name);
    ASSERT_TRUE(corpus.ok()) << corpus.status();
    for (const auto& s : *corpus) {
      auto p = Parse(s.sql, MariadbOptions());
      if (!p.ok()) continue;  // corpus_test reports parse failures
      int orig = testing::PrepareErrno(server(), "c", s.sql);
      if (orig == 1064) {
        rejected.push_back(absl::StrCat(name, "#", s.index, ": ", s.sql));
        continue;
      }
      if (orig == 1295) {  // not preparable (PREPARE, XA, ...)
        ++not_preparable;
        continue;
      }
      std::string canonical = Format(*p);
      EXPECT_EQ(testing::PrepareErrno(server(), "c", canonical), orig)
          << name << "#" << s.index << ": " << s.sql
          << "\n  canonical: " << canonical;
      ++checked;
    }
  }
  EXPECT_TRUE(rejected.empty()) << "MariaDB rejects corpus statements:\n"
                                << absl::StrJoin(rejected, "\n");
  std::printf("corpus: %d statements judged alike by MariaDB, %d not "
              "preparable\n",
              checked, not_preparable);
  EXPECT_GT(checked, 400);
}

// Runs `sql` and its canonical form; counts and reports differences.
void CompareOne(const MariadbServer& server, absl::string_view db,
                absl::string_view label, const std::string& sql,
                int* same, int* skipped) {
  auto p = Parse(sql, MariadbOptions());
  if (!p.ok() || p->kind() != StmtKind::kSelect) return;
  std::string canonical = Format(*p);
  testing::Comparison c =
      testing::CompareResults(server, db, sql, canonical);
  switch (c.kind) {
    case testing::Comparison::kSame:
      ++*same;
      break;
    case testing::Comparison::kDifferent:
      ADD_FAILURE() << label << ": " << sql << "\n  canonical: " << canonical
                    << "\n" << c.detail;
      break;
    default:
      ++*skipped;
  }
}

TEST_F(CorpusMariadbTest, CorpusSelectsMeanTheSameWhenFormatted) {
  int same = 0, skipped = 0;
  for (const std::string& name : testing::CorpusNames()) {
    auto corpus = testing::LoadCorpus(name);
    ASSERT_TRUE(corpus.ok()) << corpus.status();
    for (const auto& s : *corpus) {
      CompareOne(server(), "c", absl::StrCat(name, "#", s.index), s.sql, &same,
                 &skipped);
    }
  }
  std::printf("corpus SELECTs: %d give the same rows formatted, %d skipped "
              "(rejected or not repeatable)\n",
              same, skipped);
  EXPECT_GT(same, 200);
}

TEST_F(CorpusMariadbTest, GoldenSelectsMeanTheSameWhenFormatted) {
  int same = 0, skipped = 0;
  for (const std::string& sql : GoldenInputs()) {
    CompareOne(server(), "g", "golden", sql, &same, &skipped);
  }
  std::printf("golden SELECTs: %d give the same rows formatted, %d skipped "
              "(rejected or not repeatable)\n",
              same, skipped);
  EXPECT_GT(same, 400);
}

}  // namespace
}  // namespace tessera::sql
