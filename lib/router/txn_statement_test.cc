#include "lib/router/txn_statement.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"

namespace tessera::router {
namespace {

using ::tessera::testing::MysqlErrorIs;
using Kind = TxnStatement::Kind;

absl::StatusOr<TxnStatement> ParseText(const char* sql) {
  auto stmt = sql::Parse(sql);
  if (!stmt.ok()) return stmt.status();
  return ParseTxnStatement(*stmt);
}

TEST(TxnStatementTest, Accepted) {
  struct Case {
    const char* sql;
    Kind kind;
    const char* savepoint;
    const char* start_sql;
  } cases[] = {
      {"BEGIN", Kind::kBegin, "", "start transaction"},
      {"begin work;", Kind::kBegin, "", "start transaction"},
      {"START TRANSACTION", Kind::kBegin, "", "start transaction"},
      {"start transaction read only", Kind::kBegin, "",
       "start transaction read only"},
      {"START TRANSACTION WITH CONSISTENT SNAPSHOT, READ WRITE", Kind::kBegin,
       "", "start transaction with consistent snapshot, read write"},
      {"COMMIT", Kind::kCommit, "", ""},
      {"commit work and no chain no release", Kind::kCommit, "", ""},
      {"ROLLBACK", Kind::kRollback, "", ""},
      {"rollback work", Kind::kRollback, "", ""},
      {"SAVEPOINT sp1", Kind::kSavepoint, "sp1", ""},
      {"savepoint `My Point`", Kind::kSavepoint, "My Point", ""},
      {"ROLLBACK TO SAVEPOINT Sp1", Kind::kRollbackToSavepoint, "sp1", ""},
      {"rollback work to sp1", Kind::kRollbackToSavepoint, "sp1", ""},
      {"RELEASE SAVEPOINT sp1", Kind::kReleaseSavepoint, "sp1", ""},
  };
  for (const Case& c : cases) {
    auto t = ParseText(c.sql);
    ASSERT_TRUE(t.ok()) << c.sql << ": " << t.status();
    EXPECT_EQ(t->kind, c.kind) << c.sql;
    EXPECT_EQ(t->savepoint, c.savepoint) << c.sql;
    if (c.kind == Kind::kBegin) {
      EXPECT_EQ(t->start_sql, c.start_sql) << c.sql;
    }
  }
}

TEST(TxnStatementTest, Refused) {
  EXPECT_THAT(ParseText("COMMIT AND CHAIN"), MysqlErrorIs(1235, "42000"));
  EXPECT_THAT(ParseText("ROLLBACK RELEASE"), MysqlErrorIs(1235, "42000"));
  for (const char* bad :
       {"BEGIN foo", "START TRANSACTION READ", "START TRANSACTION READ ONLY,",
        "COMMIT foo", "COMMIT AND", "SAVEPOINT", "SAVEPOINT a b",
        "RELEASE SAVEPOINT", "ROLLBACK TO", "ROLLBACK TO SAVEPOINT a b"}) {
    EXPECT_THAT(ParseText(bad), MysqlErrorIs(1064, "42000")) << bad;
  }
}

}  // namespace
}  // namespace tessera::router
