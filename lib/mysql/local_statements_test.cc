#include "lib/mysql/local_statements.h"

#include <string>

#include "gtest/gtest.h"

namespace tessera::mysql {
namespace {

using Kind = LocalStatement::Kind;

struct ClassifyCase {
  const char* sql;
  Kind kind;
  uint64_t id = 0;
  bool full = false;
  const char* column = "";
};

TEST(LocalStatementsTest, Classify) {
  const ClassifyCase cases[] = {
      {"KILL 12", Kind::kKillConnection, 12},
      {"kill connection 7;", Kind::kKillConnection, 7},
      {"  KILL /* c */ QUERY 99 ", Kind::kKillQuery, 99},
      {"KILL HARD QUERY 3", Kind::kKillQuery, 3},
      {"KILL QUERY ID 3", Kind::kUnsupported},
      {"KILL USER 'bob'", Kind::kUnsupported},
      {"KILL", Kind::kUnsupported},
      {"KILL 1 2", Kind::kUnsupported},
      {"SHOW PROCESSLIST", Kind::kProcessList},
      {"show full processlist;", Kind::kProcessList, 0, true},
      {"SHOW TABLES", Kind::kNone},
      {"SELECT CONNECTION_ID()", Kind::kConnectionId, 0, false,
       "CONNECTION_ID()"},
      {"select connection_id ( )", Kind::kConnectionId, 0, false,
       "connection_id ( )"},
      {"SELECT CONNECTION_ID() AS cid", Kind::kConnectionId, 0, false, "cid"},
      {"SELECT CONNECTION_ID() `my id`", Kind::kConnectionId, 0, false,
       "my id"},
      {"SELECT CONNECTION_ID() + 1", Kind::kNone},
      {"SELECT 'KILL 1'", Kind::kNone},
      {"-- KILL 1\nSELECT 1", Kind::kNone},
      {"SELECT 1; KILL 3", Kind::kUnsupported},
      {"SHOW PROCESSLIST; SELECT 1", Kind::kUnsupported},
      {"SELECT 1; SELECT 2", Kind::kNone},
      {"", Kind::kNone},
      {"/* unterminated", Kind::kNone},
      {"SELECT 'unterminated", Kind::kNone},
      {"LOAD DATA LOCAL INFILE 'a.csv' INTO TABLE t", Kind::kLoadDataLocal},
      {"SELECT 1; LOAD DATA LOCAL INFILE 'a' INTO TABLE t", Kind::kUnsupported},
      {"LOAD DATA INFILE '/srv/a.csv' INTO TABLE t", Kind::kNone},
  };
  for (const ClassifyCase& c : cases) {
    SCOPED_TRACE(c.sql);
    LocalStatement s = ClassifyLocalStatement(c.sql);
    EXPECT_EQ(s.kind, c.kind);
    EXPECT_EQ(s.thread_id, c.id);
    EXPECT_EQ(s.full, c.full);
    EXPECT_EQ(s.column_name, c.column);
    if (c.kind == Kind::kUnsupported) {
      EXPECT_FALSE(s.reason.empty());
    }
  }
}

TEST(LocalStatementsTest, LoadDataLocalFileName) {
  struct Case {
    const char* sql;
    const char* file;
  };
  const Case cases[] = {
      {"LOAD DATA LOCAL INFILE 'a.csv' INTO TABLE t", "a.csv"},
      {"load data concurrent local infile \"/tmp/x y\" into table t",
       "/tmp/x y"},
      {"LOAD XML LOW_PRIORITY LOCAL INFILE 'it''s\\'s' INTO TABLE t", "it's's"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.sql);
    LocalStatement s = ClassifyLocalStatement(c.sql);
    EXPECT_EQ(s.kind, Kind::kLoadDataLocal);
    EXPECT_EQ(s.file_name, c.file);
  }
}

TEST(LocalStatementsTest, SubstituteConnectionId) {
  struct Case {
    const char* sql;
    const char* want;  // nullptr: unchanged
  };
  const Case cases[] = {
      {"SELECT CONNECTION_ID(), 1", "SELECT 42, 1"},
      {"select * from t where a = connection_id ()",
       "select * from t where a = 42"},
      {"SELECT 'CONNECTION_ID()', `CONNECTION_ID()`", nullptr},
      {"SELECT /* CONNECTION_ID() */ 1", nullptr},
      {"SELECT connection_id FROM t", nullptr},
      {"SELECT db.CONNECTION_ID()", nullptr},
      {"SELECT CONNECTION_ID()+CONNECTION_ID()", "SELECT 42+42"},
      {"SELECT 1", nullptr},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.sql);
    std::optional<std::string> got = SubstituteConnectionId(c.sql, 42);
    if (c.want == nullptr) {
      EXPECT_FALSE(got.has_value()) << *got;
    } else {
      ASSERT_TRUE(got.has_value());
      EXPECT_EQ(*got, c.want);
    }
  }
}

}  // namespace
}  // namespace tessera::mysql
