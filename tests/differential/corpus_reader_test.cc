#include "tests/differential/corpus_reader.h"

#include <cstdio>
#include <fstream>
#include <set>
#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace tessera::difftest {
namespace {

TEST(CorpusReaderTest, ReadsTheRealCorpus) {
  auto schema = ReadSections(CorpusPath("schema.sql"));
  ASSERT_TRUE(schema.ok()) << schema.status();
  ASSERT_EQ(schema->size(), 2u);
  EXPECT_EQ((*schema)[0].keyspace, "commerce");
  EXPECT_EQ((*schema)[1].keyspace, "main");
  EXPECT_EQ((*schema)[0].statements.size(), 8u);  // eight CREATE TABLEs
  EXPECT_TRUE(absl::StartsWith((*schema)[0].statements[0], "CREATE TABLE"))
      << (*schema)[0].statements[0];

  auto data = ReadSections(CorpusPath("data.sql"));
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_EQ(data->size(), 2u);
  EXPECT_GT((*data)[0].statements.size(), 50u);

  auto queries = ReadStatements(CorpusPath("queries.sql"));
  ASSERT_TRUE(queries.ok()) << queries.status();
  EXPECT_GE(queries->size(), 450u);
  std::set<std::string> categories;
  for (const Statement& s : *queries) {
    EXPECT_TRUE(s.IsSelect()) << s.line << ": " << s.sql;
    EXPECT_FALSE(s.group.empty()) << s.line;
    EXPECT_FALSE(absl::EndsWith(s.sql, ";")) << s.line;
    categories.insert(s.group);
  }
  EXPECT_GE(categories.size(), 20u);

  auto dml = ReadStatements(CorpusPath("dml.sql"));
  ASSERT_TRUE(dml.ok()) << dml.status();
  int expected_errors = 0;
  for (const Statement& s : *dml) expected_errors += s.expect_error.has_value();
  EXPECT_GE(expected_errors, 1);
}

TEST(CorpusReaderTest, ParsesMarkersAndMultiLineStatements) {
  const std::string path = ::testing::TempDir() + "/reader_test.sql";
  {
    std::ofstream out(path);
    out << "-- group: g1\nSELECT 1;\n-- expect-error: 1062\nINSERT INTO t\n"
           "  VALUES (1);\n\n-- group: g2\n(SELECT 2);\n";
  }
  auto got = ReadStatements(path);
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_EQ(got->size(), 3u);
  EXPECT_EQ((*got)[0].sql, "SELECT 1");
  EXPECT_EQ((*got)[0].group, "g1");
  EXPECT_EQ((*got)[0].line, 2);
  EXPECT_FALSE((*got)[0].expect_error.has_value());
  EXPECT_EQ((*got)[1].sql, "INSERT INTO t VALUES (1)");
  EXPECT_EQ((*got)[1].expect_error, 1062);
  EXPECT_FALSE((*got)[1].IsSelect());
  EXPECT_EQ((*got)[2].group, "g2");
  EXPECT_TRUE((*got)[2].IsSelect());
  std::remove(path.c_str());
}

TEST(CorpusReaderTest, Errors) {
  EXPECT_EQ(ReadStatements("/nonexistent/x.sql").status().code(),
            absl::StatusCode::kNotFound);
  const std::string path = ::testing::TempDir() + "/reader_bad.sql";
  {
    std::ofstream out(path);
    out << "-- category: c\nSELECT 1\n";
  }
  EXPECT_EQ(ReadStatements(path).status().code(),
            absl::StatusCode::kInvalidArgument);
  {
    std::ofstream out(path);
    out << "CREATE TABLE t (x INT);\n";
  }
  EXPECT_EQ(ReadSections(path).status().code(),
            absl::StatusCode::kInvalidArgument);
  std::remove(path.c_str());
}

TEST(CorpusReaderTest, TopLevelOrderBy) {
  EXPECT_TRUE(HasTopLevelOrderBy("SELECT a FROM t ORDER BY a"));
  EXPECT_TRUE(HasTopLevelOrderBy("select a from t order\n  by a desc"));
  EXPECT_TRUE(
      HasTopLevelOrderBy("(SELECT a FROM t) UNION (SELECT b FROM u) "
                         "ORDER BY 1"));
  EXPECT_FALSE(HasTopLevelOrderBy("SELECT GROUP_CONCAT(a ORDER BY a) FROM t"));
  EXPECT_FALSE(HasTopLevelOrderBy(
      "SELECT * FROM (SELECT a FROM t ORDER BY a LIMIT 2) d"));
  EXPECT_FALSE(HasTopLevelOrderBy("SELECT 'order by' FROM t"));
  EXPECT_FALSE(HasTopLevelOrderBy("SELECT `order` FROM t WHERE by_x = 1"));
  EXPECT_FALSE(HasTopLevelOrderBy("SELECT a FROM border BY"));
}

TEST(CorpusReaderTest, CompareRows) {
  Statement unordered{"SELECT a FROM t", "c", 1, std::nullopt};
  Statement ordered{"SELECT a FROM t ORDER BY a", "c", 1, std::nullopt};
  Rows a = {{"1"}, {"2"}, {std::nullopt}};
  Rows b = {{std::nullopt}, {"2"}, {"1"}};
  EXPECT_EQ(CompareRows(unordered, a, b), "");
  EXPECT_NE(CompareRows(ordered, a, b), "");
  EXPECT_EQ(CompareRows(ordered, a, a), "");
  Rows null_text = {{"1"}, {"2"}, {"NULL"}};
  EXPECT_NE(CompareRows(unordered, a, null_text), "");
  Rows dup = {{"1"}, {"1"}, {"2"}};
  Rows once = {{"1"}, {"2"}, {"2"}};
  EXPECT_NE(CompareRows(unordered, dup, once), "");
  EXPECT_EQ(FormatRows({{"x", std::nullopt}}), "[('x', NULL)]");
}

}  // namespace
}  // namespace tessera::difftest
