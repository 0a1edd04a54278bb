#include "lib/router/load_data_scanner.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/sql/parser.h"
#include "lib/testing/status_matchers.h"

namespace tessera::router {
namespace {

using ::tessera::testing::MysqlErrorIs;
using ::testing::ElementsAreArray;

// A record as the test compares it: raw bytes, then the key ("<NULL>",
// "<none>" when not read).
struct Seen {
  std::string raw;
  std::string key;
  size_t fields = 0;
  bool operator==(const Seen& o) const {
    return raw == o.raw && key == o.key && fields == o.fields;
  }
  friend std::ostream& operator<<(std::ostream& os, const Seen& s) {
    return os << "{raw=\"" << s.raw << "\" key=" << s.key
              << " fields=" << s.fields << "}";
  }
};

LoadDataFormat FormatOf(const std::string& sql) {
  auto parsed = sql::Parse(sql);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  auto f =
      FormatOfLoadData(static_cast<const sql::LoadDataStmt&>(*parsed->root()));
  EXPECT_TRUE(f.ok()) << f.status();
  return *f;
}

std::vector<Seen> Scan(const LoadDataFormat& f, const std::string& data,
                       size_t fields, size_t key, std::string* header) {
  LoadDataScanner sc(f, data, fields, key);
  *header = std::string(sc.header());
  std::vector<Seen> out;
  LoadDataRecord r;
  while (sc.Next(&r)) {
    std::string k = !r.key_present ? "<none>" : (r.key_null ? "<NULL>" : r.key);
    out.push_back({std::string(r.raw), k, r.fields_read});
    if (out.size() > 100) break;
  }
  return out;
}

struct Case {
  const char* name;
  const char* clauses;  // after INTO TABLE t
  std::string data;
  size_t fields;
  size_t key;
  std::string header;
  std::vector<Seen> want;
};

TEST(LoadDataScannerTest, Table) {
  const std::vector<Case> cases = {
      {"defaults",
       "",
       "1\ta\n2\tb\n",
       2,
       0,
       "",
       {{"1\ta\n", "1", 2}, {"2\tb\n", "2", 2}}},
      {"last line without terminator",
       "",
       "1\ta\n2\tb",
       2,
       0,
       "",
       {{"1\ta\n", "1", 2}, {"2\tb", "2", 2}}},
      {"key in second field", "", "a\t7\n", 2, 1, "", {{"a\t7\n", "7", 2}}},
      {"missing key field", "", "a\n", 2, 1, "", {{"a\n", "<none>", 1}}},
      {"empty line is a record",
       "",
       "1\n\n2\n",
       1,
       0,
       "",
       {{"1\n", "1", 1}, {"\n", "", 1}, {"2\n", "2", 1}}},
      {"extra fields skipped with escapes",
       "",
       "1\tx\\\ny\tz\n2\n",
       1,
       0,
       "",
       {{"1\tx\\\ny\tz\n", "1", 1}, {"2\n", "2", 1}}},
      {"escaped terminators",
       "",
       "a\\\tb\\\nc\t1\n",
       2,
       0,
       "",
       {{"a\\\tb\\\nc\t1\n", "a\tb\nc", 2}}},
      {"escape sequences",
       "",
       "\\0\\Z\\n\\x\n",
       1,
       0,
       "",
       {{"\\0\\Z\\n\\x\n", std::string("\0\032\nx", 4), 1}}},
      {"\\N is NULL", "", "\\N\t1\n", 2, 0, "", {{"\\N\t1\n", "<NULL>", 2}}},
      {"xN is not NULL", "", "x\\N\n", 1, 0, "", {{"x\\N\n", "xN", 1}}},
      {"csv enclosed",
       "FIELDS TERMINATED BY ',' ENCLOSED BY '\"'",
       "\"a,b\",\"1\"\n\"c\"\"d\",2\n",
       2,
       0,
       "",
       {{"\"a,b\",\"1\"\n", "a,b", 2}, {"\"c\"\"d\",2\n", "c\"d", 2}}},
      {"line terminator inside enclosed field",
       "FIELDS TERMINATED BY ',' ENCLOSED BY '\"'",
       "\"x\ny\",1\n2,3\n",
       2,
       0,
       "",
       {{"\"x\ny\",1\n", "x\ny", 2}, {"2,3\n", "2", 2}}},
      {"lone enclosing character is data",
       "FIELDS TERMINATED BY ',' ENCLOSED BY '\"'",
       "\"a\"b\",1\n",
       2,
       0,
       "",
       {{"\"a\"b\",1\n", "a\"b", 2}}},
      {"unenclosed NULL with ENCLOSED BY",
       "FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"'",
       "NULL,1\n\"NULL\",2\n",
       2,
       0,
       "",
       {{"NULL,1\n", "<NULL>", 2}, {"\"NULL\",2\n", "NULL", 2}}},
      {"escape equals enclosure",
       "FIELDS TERMINATED BY ',' ENCLOSED BY '\"' ESCAPED BY '\"'",
       "\"a\"\"b\\n\",1\n",
       2,
       0,
       "",
       {{"\"a\"\"b\\n\",1\n", "a\"b\\n", 2}}},
      {"crlf and multi-char field terminator",
       "FIELDS TERMINATED BY '||' LINES TERMINATED BY '\\r\\n'",
       "1||a\r\n2||b|c\r\n",
       2,
       0,
       "",
       {{"1||a\r\n", "1", 2}, {"2||b|c\r\n", "2", 2}}},
      {"ignore lines",
       "IGNORE 2 LINES",
       "h1\nh\\\n2\n5\n",
       1,
       0,
       "h1\nh\\\n2\n",
       {{"5\n", "5", 1}}},
      {"ignore more lines than exist",
       "IGNORE 5 LINES",
       "h1\nh2\n",
       1,
       0,
       "h1\nh2\n",
       {}},
      {"lines starting by skips garbage",
       "LINES STARTING BY 'xx'",
       "junk\nxx1\tA\nnone\nfooxx2\tB\n",
       2,
       0,
       "",
       {{"junk\nxx1\tA\n", "1", 2}, {"none\nfooxx2\tB\n", "2", 2}}},
      {"no prefix left ends the data",
       "LINES STARTING BY 'xx'",
       "xx1\nrest\n",
       1,
       0,
       "",
       {{"xx1\n", "1", 1}}},
      {"data ends after field terminator",
       "",
       "1\t",
       2,
       0,
       "",
       {{"1\t", "1", 1}}},
      {"no escape character",
       "FIELDS ESCAPED BY ''",
       "a\\\t1\n",
       2,
       0,
       "",
       {{"a\\\t1\n", "a\\", 2}}},
  };
  for (const Case& c : cases) {
    LoadDataFormat f = FormatOf(
        std::string("LOAD DATA LOCAL INFILE 'f' INTO TABLE t ") + c.clauses);
    std::string header;
    std::vector<Seen> got = Scan(f, c.data, c.fields, c.key, &header);
    EXPECT_EQ(header, c.header) << c.name;
    EXPECT_THAT(got, ElementsAreArray(c.want)) << c.name;
  }
}

TEST(LoadDataScannerTest, RecordsConcatenateToTheData) {
  LoadDataFormat f = FormatOf(
      "LOAD DATA LOCAL INFILE 'f' INTO TABLE t FIELDS TERMINATED BY "
      "',' ENCLOSED BY '\"' IGNORE 1 LINES");
  const std::string data = "h,h\n\"1\",\"a\nb\"\n2,x,y\n\n3";
  LoadDataScanner sc(f, data, 2, 0);
  std::string all(sc.header());
  LoadDataRecord r;
  int n = 0;
  while (sc.Next(&r) && n < 10) {
    all += std::string(r.raw);
    ++n;
  }
  EXPECT_EQ(n, 4);
  EXPECT_EQ(all, data);
}

TEST(LoadDataScannerTest, FormatErrors) {
  struct Bad {
    const char* clauses;
    uint16_t code;
  };
  for (const Bad& b : {Bad{"FIELDS ENCLOSED BY 'ab'", 1083},
                       Bad{"FIELDS ESCAPED BY 'ab'", 1083},
                       Bad{"FIELDS TERMINATED BY ''", 1235},
                       Bad{"LINES TERMINATED BY ''", 1235}}) {
    auto parsed = sql::Parse(
        std::string("LOAD DATA LOCAL INFILE 'f' INTO TABLE t ") + b.clauses);
    ASSERT_TRUE(parsed.ok()) << b.clauses;
    EXPECT_THAT(FormatOfLoadData(
                    static_cast<const sql::LoadDataStmt&>(*parsed->root())),
                MysqlErrorIs(b.code, "42000"))
        << b.clauses;
  }
}

}  // namespace
}  // namespace tessera::router
