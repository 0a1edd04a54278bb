// mariadb-dump round trip: a varied schema (lib/sql/testdata/corpus/
// dump_schema.sql: every column type, indexes, foreign keys, checks,
// partitions, system versioning, sequences, views, triggers, routines, an
// event, data with every escape) is dumped by the real mariadb-dump, split
// with SplitScript, and every statement is parsed and round-tripped; the
// *formatted* statements are then replayed into a second database, which
// must match the first (SHOW CREATE of every object, CHECKSUM TABLE, row
// counts).
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "lib/base/mysql_error.h"
#include "lib/sql/classify.h"
#include "lib/sql/format.h"
#include "lib/sql/parser.h"
#include "lib/sql/script.h"
#include "lib/sql/testing/corpus.h"
#include "lib/sql/testing/mariadb_suite.h"
#include "lib/testing/sql_client.h"
#include "lib/testing/status_matchers.h"

namespace tessera::sql {
namespace {

using ::tessera::testing::Exec;
using ::tessera::testing::IsOk;
using ::tessera::testing::MariadbServer;
using ::tessera::testing::Query;

class DumpRoundTripTest : public testing::MariadbSuite {
 protected:
  static void SetUpTestSuite() {
    StartServer({{"d1", "lib/sql/testdata/corpus/dump_schema.sql"}});
  }
};

// Runs mariadb-dump with `flags` over database d1 and returns its output.
std::string Dump(const MariadbServer& s, absl::string_view flags) {
  std::string cmd = absl::StrCat(
      "mariadb-dump --host=", s.host, " --port=", s.port, " --user=", s.user,
      " --password=", s.password, " ", flags, " d1 2>&1");
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  std::string out;
  if (pipe == nullptr) return out;
  char buf[65536];
  for (size_t n; (n = fread(buf, 1, sizeof(buf), pipe.get())) > 0;) {
    out.append(buf, n);
  }
  return out;
}

// Column `col` of every row of `sql` in `db`, with "d1"/"d2" made equal.
std::vector<std::string> Column(const MariadbServer& s, absl::string_view db,
                                const std::string& sql, int col) {
  auto rows = Query(s, sql, db);
  if (!rows.ok()) return {absl::StrCat("error: ", rows.status().ToString())};
  std::vector<std::string> out;
  for (const auto& r : *rows) {
    std::string v = r.size() > static_cast<size_t>(col) && r[col]
                        ? *r[col]
                        : std::string("NULL");
    out.push_back(absl::StrReplaceAll(v, {{"`d2`", "`d1`"}, {"d2.", "d1."}}));
  }
  return out;
}

// SHOW CREATE / CHECKSUM / COUNT of every object of d1, as lines.
std::vector<std::string> Describe(const MariadbServer& s,
                                  absl::string_view db) {
  std::vector<std::string> out;
  auto tables = Query(s, "SHOW FULL TABLES", db);
  if (!tables.ok()) return {tables.status().ToString()};
  for (const auto& t : *tables) {
    std::string name = absl::StrReplaceAll(*t[0], {{"`", "``"}});
    std::string q = absl::StrCat("`", name, "`");
    bool view = *t[1] == "VIEW";
    for (const std::string& l :
         Column(s, db, absl::StrCat("SHOW CREATE TABLE ", q), 1)) {
      out.push_back(absl::StrCat(*t[0], ": ", l));
    }
    if (view) continue;
    auto rows = Query(s, absl::StrCat("SELECT * FROM ", q), db);
    std::vector<std::string> lines;
    if (rows.ok()) {
      for (const auto& r : *rows) {
        std::vector<std::string> cells;
        for (const auto& c : r) cells.push_back(c ? *c : "NULL");
        lines.push_back(absl::StrJoin(cells, "|"));
      }
    }
    std::sort(lines.begin(), lines.end());
    out.push_back(absl::StrCat(*t[0], " rows: ", absl::StrJoin(lines, "\n")));
    // History rows and hidden row_start/row_end are not dumped by default.
    if (*t[1] == "SEQUENCE" ||
        out[out.size() - 2].find("SYSTEM VERSIONING") != std::string::npos) {
      continue;
    }
    for (const std::string& l :
         Column(s, db, absl::StrCat("CHECKSUM TABLE ", q), 1)) {
      out.push_back(absl::StrCat(*t[0], " checksum: ", l));
    }
  }
  for (const std::string& l :
       Column(s, db, "SELECT f_label(2), f_label(8), f_add(2, 3)", 0)) {
    out.push_back(absl::StrCat("functions: ", l));
  }
  const char* kObjects[][3] = {
      {"SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE "
       "TRIGGER_SCHEMA = DATABASE() ORDER BY 1",
       "SHOW CREATE TRIGGER ", "2"},
      {"SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE "
       "ROUTINE_SCHEMA = DATABASE() AND ROUTINE_TYPE = 'PROCEDURE' ORDER BY 1",
       "SHOW CREATE PROCEDURE ", "2"},
      {"SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE "
       "ROUTINE_SCHEMA = DATABASE() AND ROUTINE_TYPE = 'FUNCTION' ORDER BY 1",
       "SHOW CREATE FUNCTION ", "2"},
      {"SELECT EVENT_NAME FROM information_schema.EVENTS WHERE "
       "EVENT_SCHEMA = DATABASE() ORDER BY 1",
       "SHOW CREATE EVENT ", "3"},
  };
  for (const auto& o : kObjects) {
    for (const std::string& name : Column(s, db, o[0], 0)) {
      // Bodies are stored as written: compare their canonical forms.
      for (const std::string& l :
           Column(s, db, absl::StrCat(o[1], name), o[2][0] - '0')) {
        auto p = Parse(l);
        out.push_back(absl::StrCat(name, ": ", p.ok() ? Format(*p) : l));
      }
    }
  }
  return out;
}

void RoundTrip(const MariadbServer& s, absl::string_view flags,
               absl::string_view target) {
  std::string dump = Dump(s, flags);
  ASSERT_NE(dump.find("CREATE TABLE"), std::string::npos) << dump;
  ParseOptions opts;
  opts.lex.server_version = 101100;  // read version comments as MariaDB
  std::vector<std::string> canonical;
  int opaque = 0;
  std::map<std::string, int> opaque_kinds;
  for (absl::string_view stmt : SplitScript(dump, opts.lex)) {
    auto p1 = Parse(stmt, opts);
    if (!p1.ok() && ToMysqlError(p1.status()).code == 1065) continue;
    ASSERT_TRUE(p1.ok()) << p1.status() << "\n" << stmt;
    std::string f1 = Format(*p1);
    auto p2 = Parse(f1, opts);
    ASSERT_TRUE(p2.ok()) << p2.status() << "\ncanonical: " << f1;
    EXPECT_EQ(Format(*p2), f1) << stmt;
    if (p1->root()->opaque && !p1->root()->typed) {
      ++opaque;
      opaque_kinds[std::string(StmtKindName(p1->kind()))]++;
    }
    canonical.push_back(std::move(f1));
  }
  std::printf(
      "mariadb-dump %s: %zu statements parsed and round-tripped (%d "
      "as token streams), %zu bytes\n",
      std::string(flags).c_str(), canonical.size(), opaque, dump.size());
  for (const auto& [kind, n] : opaque_kinds) {
    std::printf("  token streams of kind %s: %d\n", kind.c_str(), n);
  }
  ASSERT_THAT(Exec(s, absl::StrCat("CREATE DATABASE ", target)), IsOk());
  ASSERT_THAT(Exec(s, absl::StrJoin(canonical, ";\n"), target), IsOk());
  std::vector<std::string> want = Describe(s, "d1");
  std::vector<std::string> got = Describe(s, target);
  EXPECT_GT(want.size(), 30u);
  ASSERT_EQ(got.size(), want.size()) << absl::StrJoin(got, "\n");
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(got[i], want[i]);
}

TEST_F(DumpRoundTripTest, DefaultDump) {
  RoundTrip(server(), "--routines --events --triggers", "d2");
}

TEST_F(DumpRoundTripTest, OneRowPerInsertHexBlobs) {
  RoundTrip(server(),
            "--routines --events --skip-extended-insert --complete-insert "
            "--hex-blob --skip-add-locks --skip-disable-keys",
            "d3");
}

}  // namespace
}  // namespace tessera::sql
