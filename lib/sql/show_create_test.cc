// CREATE TABLE as MariaDB writes it: every table of
// testdata/show_create_tables.sql is created on a real MariaDB; the output
// of SHOW CREATE TABLE (SEQUENCE) must parse into the typed CreateTableStmt
// (SequenceStmt) (no
// token-stream fallback), round-trip through the formatter, and the
// canonical text, executed in a second database, must create a table whose
// SHOW CREATE TABLE is identical to the first (same meaning).
#include <fstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/sql/format.h"
#include "lib/sql/parser.h"
#include "lib/testing/mariadb_fixture.h"
#include "lib/testing/sql_client.h"
#include "lib/testing/status_matchers.h"

namespace tessera::sql {
namespace {

using ::tessera::testing::IsOk;

// MariaDB 10.11 runs /*M!NNNNNN ... */ and /*!NNNNN ... */ comments up to
// its own version (SHOW CREATE TABLE writes `/*M!100301 COMPRESSED*/`).
ParseOptions MariadbOptions() {
  ParseOptions o;
  o.lex.server_version = 101100;
  return o;
}

absl::StatusOr<std::string> ShowCreate(
    const ::tessera::testing::MariadbServer& server, absl::string_view db,
    absl::string_view what, absl::string_view table) {
  auto rows = ::tessera::testing::Query(
      server, absl::StrCat("SHOW CREATE ", what, " `", table, "`"), db);
  if (!rows.ok()) return rows.status();
  if (rows->size() != 1 || (*rows)[0].size() < 2 || !(*rows)[0][1]) {
    return absl::InternalError("unexpected SHOW CREATE TABLE result");
  }
  return *(*rows)[0][1];
}

// The table or sequence name of "create table|sequence NAME ...", and
// which of the two it is.
std::string TableOf(const std::string& line, std::string* what) {
  auto p = Parse(line);
  if (!p.ok()) return "";
  if (p->root()->kind == StmtKind::kCreateTable) {
    *what = "TABLE";
    return std::string(
        static_cast<const CreateTableStmt*>(p->root())->name.name.raw);
  }
  if (p->root()->kind != StmtKind::kCreateOther || !p->root()->typed) return "";
  *what = "SEQUENCE";
  return std::string(
      static_cast<const SequenceStmt*>(p->root())->table.name.raw);
}

TEST(ShowCreateTest, MariadbTablesParseTypedAndRecreateTheSameTable) {
  auto db = ::tessera::testing::MariadbFixture::Start({});
  ASSERT_THAT(db, IsOk());
  const auto& server = (*db)->primary(0);
  for (const char* d : {"a", "b"}) {
    ASSERT_THAT(::tessera::testing::Exec(
                    server, absl::StrCat("CREATE DATABASE ", d,
                                         "; CREATE SEQUENCE ", d, ".s1")),
                IsOk());
  }
  std::ifstream in("lib/sql/testdata/show_create_tables.sql");
  ASSERT_TRUE(in.good());
  int tables = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || absl::StartsWith(line, "--")) continue;
    std::string what;
    std::string name = TableOf(line, &what);
    ASSERT_FALSE(name.empty()) << line;
    ASSERT_THAT(::tessera::testing::Exec(server, line, "a"), IsOk()) << line;
    auto shown = ShowCreate(server, "a", what, name);
    ASSERT_THAT(shown, IsOk());
    auto parsed = Parse(*shown, MariadbOptions());
    ASSERT_THAT(parsed, IsOk()) << *shown;
    EXPECT_TRUE(parsed->root()->kind == StmtKind::kCreateTable ||
                parsed->root()->typed)
        << "token stream: " << *shown;
    std::string canonical = Format(*parsed);
    auto again = Parse(canonical, MariadbOptions());
    ASSERT_THAT(again, IsOk()) << canonical;
    EXPECT_EQ(Format(*again), canonical);
    ASSERT_THAT(::tessera::testing::Exec(server, canonical, "b"), IsOk())
        << canonical;
    auto recreated = ShowCreate(server, "b", what, name);
    ASSERT_THAT(recreated, IsOk());
    EXPECT_EQ(*recreated, *shown) << "canonical: " << canonical;
    ++tables;
  }
  std::printf("%d tables recreated from their canonical form\n", tables);
  EXPECT_GT(tables, 30);
}

}  // namespace
}  // namespace tessera::sql
