// The corpora and golden SELECT inputs against a real MariaDB 10.11:
//  * every corpus statement is accepted by MariaDB (the corpora hold only
//    statements the server accepts) and its canonical form is judged alike
//    (PREPARE: same errno);
//  * meaning: every SELECT of the corpora and of the golden files that
//    MariaDB can run on the test schemas returns the same rows as written
//    and as formatted (catches precedence, quoting and literal mistakes).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "lib/sql/format.h"
#include "lib/sql/parser.h"
#include "lib/sql/testing/corpus.h"
#include "lib/sql/testing/mariadb_suite.h"
#include "lib/sql/testing/server_judge.h"

namespace tessera::sql {
namespace {

using ::tessera::testing::MariadbServer;

class CorpusMariadbTest : public testing::MariadbSuite {
 protected:
  static void SetUpTestSuite() {
    StartServer({{"c", "lib/sql/testdata/corpus/schema.sql"},
                 {"g", "lib/sql/testdata/corpus/golden_schema.sql"}});
  }
};

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
  std::printf(
      "corpus: %d statements judged alike by MariaDB, %d not "
      "preparable\n",
      checked, not_preparable);
  EXPECT_GT(checked, 400);
}

// Outcomes of CompareOne, with the reasons for the skipped statements.
struct Tally {
  int same = 0;
  int skipped = 0;
  int outfiles = 0;  // INTO OUTFILE|DUMPFILE statements compared
  std::map<std::string, int> by_reason;  // "1146 Table 'g.q' doesn't exist"
  std::map<int, int> by_errno;           // 0: not repeatable
  std::vector<std::string> lines;        // reason \t statement
};

// The server's message without the status code prefix and the SQLSTATE.
std::string Reason(const testing::Comparison& c) {
  if (c.kind == testing::Comparison::kNotRepeatable) return "not repeatable";
  absl::string_view m = c.detail;
  if (size_t colon = m.find(": "); colon != absl::string_view::npos) {
    m.remove_prefix(colon + 2);
  }
  if (size_t bracket = m.find(" [mysql."); bracket != absl::string_view::npos) {
    m = m.substr(0, bracket);
  }
  return absl::StrCat(c.error, " ", m.substr(0, 120));
}

// Prints the skip breakdown and writes every skipped statement to
// $TEST_UNDECLARED_OUTPUTS_DIR/skipped_<label>.txt.
void Report(absl::string_view label, const Tally& t) {
  std::printf("%s: %d give the same rows formatted, %d skipped\n",
              std::string(label).c_str(), t.same, t.skipped);
  for (const auto& [err, n] : t.by_errno) {
    std::printf("  skipped with errno %d: %d\n", err, n);
  }
  std::vector<std::pair<int, std::string>> reasons;
  for (const auto& [r, n] : t.by_reason) reasons.emplace_back(-n, r);
  std::sort(reasons.begin(), reasons.end());
  for (size_t i = 0; i < reasons.size() && i < 25; ++i) {
    std::printf("    %4d  %s\n", -reasons[i].first, reasons[i].second.c_str());
  }
  if (const char* dir = std::getenv("TEST_UNDECLARED_OUTPUTS_DIR")) {
    std::ofstream f(absl::StrCat(dir, "/skipped_", label, ".txt"));
    for (const std::string& l : t.lines) f << l << "\n";
  }
}

// A SELECT of expressions with no FROM nor any later clause: its column
// references can be given rows by appending " from t".
bool IsBareSelect(const ParsedStatement& p) {
  const QueryExpr* q = static_cast<const SelectStmt*>(p.root())->query;
  if (q->kind != QueryKind::kSelect || q->with != nullptr ||
      q->order_by.size > 0 || q->limit != nullptr || q->lock != nullptr ||
      q->into != nullptr) {
    return false;
  }
  const auto* s = static_cast<const Select*>(q);
  return s->from.size == 0 && !s->from_dual && s->where == nullptr &&
         s->group_by.size == 0 && s->having == nullptr && s->windows.size == 0;
}

// The file literal of a SELECT ... INTO OUTFILE|DUMPFILE as written
// ("'/tmp/x'"), else "".
std::string OutfileLiteral(const ParsedStatement& p) {
  const QueryExpr* q = static_cast<const SelectStmt*>(p.root())->query;
  if (q->into == nullptr || q->into->kind == IntoKind::kVars ||
      q->into->file == nullptr) {
    return "";
  }
  return std::string(q->into->file->text);
}

// Both forms of an INTO OUTFILE|DUMPFILE statement, writing a fresh file
// under the test's own temporary directory instead of the shared path the
// statement names: the files' contents are compared.
testing::Comparison CompareOutfiles(const MariadbServer& server,
                                    absl::string_view db,
                                    absl::string_view literal, std::string sql,
                                    std::string canonical, int n) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  std::string path =
      absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/outfile_", n);
  std::string quoted = absl::StrCat("'", path, "'");
  sql = absl::StrReplaceAll(sql, {{literal, quoted}});
  canonical = absl::StrReplaceAll(canonical, {{literal, quoted}});
  return testing::CompareOutfiles(server, db, sql, canonical, path);
}

// Runs `sql` and its canonical form; counts and reports differences. A bare
// SELECT of expressions that MariaDB rejects for unknown columns (golden
// "select a + b * c") is compared on the rows of table t instead.
void CompareOne(const MariadbServer& server, absl::string_view db,
                absl::string_view label, std::string sql, Tally* t) {
  auto p = Parse(sql, MariadbOptions());
  if (!p.ok() || p->kind() != StmtKind::kSelect) return;
  std::string canonical = Format(*p);
  std::string outfile = OutfileLiteral(*p);
  testing::Comparison c =
      outfile.empty()
          ? testing::CompareResults(server, db, sql, canonical)
          : CompareOutfiles(server, db, outfile, sql, canonical, ++t->outfiles);
  if (c.kind == testing::Comparison::kRejected && c.error == 1054 &&
      IsBareSelect(*p)) {
    while (!sql.empty() && (sql.back() == ';' || sql.back() == ' ')) {
      sql.pop_back();
    }
    absl::StrAppend(&sql, " from t");
    absl::StrAppend(&canonical, " from t");
    c = testing::CompareResults(server, db, sql, canonical);
  }
  switch (c.kind) {
    case testing::Comparison::kSame:
      ++t->same;
      break;
    case testing::Comparison::kDifferent:
      ADD_FAILURE() << label << ": " << sql << "\n  canonical: " << canonical
                    << "\n"
                    << c.detail;
      break;
    default: {
      ++t->skipped;
      std::string reason = Reason(c);
      ++t->by_reason[reason];
      ++t->by_errno[c.error];
      t->lines.push_back(absl::StrCat(reason, "\t", sql));
    }
  }
}

TEST_F(CorpusMariadbTest, CorpusSelectsMeanTheSameWhenFormatted) {
  Tally t;
  for (const std::string& name : testing::CorpusNames()) {
    auto corpus = testing::LoadCorpus(name);
    ASSERT_TRUE(corpus.ok()) << corpus.status();
    for (const auto& s : *corpus) {
      CompareOne(server(), "c", absl::StrCat(name, "#", s.index), s.sql, &t);
    }
  }
  Report("corpus", t);
  EXPECT_GT(t.same, 200);
}

TEST_F(CorpusMariadbTest, GoldenSelectsMeanTheSameWhenFormatted) {
  Tally t;
  for (const std::string& sql : GoldenInputs()) {
    CompareOne(server(), "g", "golden", sql, &t);
  }
  Report("golden", t);
  EXPECT_GT(t.same, 400);
}

}  // namespace
}  // namespace tessera::sql
