#include "lib/sql/classify.h"

#include "gtest/gtest.h"
#include "lib/sql/parser.h"

namespace tessera::sql {
namespace {

TEST(ClassifyTest, Kinds) {
  const struct {
    const char* sql;
    StmtKind kind;
  } kCases[] = {
      {"select 1", StmtKind::kSelect},
      {"  /* c */ (select 1)", StmtKind::kSelect},
      {"-- x\nSELECT 1", StmtKind::kSelect},
      {"with c as (select 1) select * from c", StmtKind::kSelect},
      {"with c as (select 1) update t set a = 1", StmtKind::kUpdate},
      {"with c as (select 1) delete from t", StmtKind::kDelete},
      {"insert into t values (1)", StmtKind::kInsert},
      {"replace into t values (1)", StmtKind::kReplace},
      {"update t set a = 1", StmtKind::kUpdate},
      {"delete from t", StmtKind::kDelete},
      {"load data infile 'x' into table t", StmtKind::kLoadData},
      {"set names utf8", StmtKind::kSet},
      {"show tables", StmtKind::kShow},
      {"use db", StmtKind::kUse},
      {"begin", StmtKind::kBegin},
      {"start transaction", StmtKind::kBegin},
      {"start slave", StmtKind::kStart},
      {"commit", StmtKind::kCommit},
      {"rollback", StmtKind::kRollback},
      {"savepoint a", StmtKind::kSavepoint},
      {"release savepoint a", StmtKind::kReleaseSavepoint},
      {"xa start 'x'", StmtKind::kXa},
      {"explain select 1", StmtKind::kExplain},
      {"desc t", StmtKind::kDescribe},
      {"lock tables t read", StmtKind::kLockTables},
      {"unlock tables", StmtKind::kUnlockTables},
      {"create table t (a int)", StmtKind::kCreateTable},
      {"create temporary table t (a int)", StmtKind::kCreateTable},
      {"create or replace view v as select 1", StmtKind::kCreateView},
      {"create algorithm=merge view v as select 1", StmtKind::kCreateView},
      {"create unique index i on t (a)", StmtKind::kCreateIndex},
      {"create database d", StmtKind::kCreateDatabase},
      {"create schema d", StmtKind::kCreateDatabase},
      {"create user u", StmtKind::kUser},
      {"create procedure p() begin end", StmtKind::kCreateOther},
      {"alter table t add column b int", StmtKind::kAlterTable},
      {"alter database d charset utf8", StmtKind::kAlterDatabase},
      {"drop table t", StmtKind::kDropTable},
      {"drop index i on t", StmtKind::kDropIndex},
      {"drop view v", StmtKind::kDropView},
      {"drop database d", StmtKind::kDropDatabase},
      {"drop prepare s", StmtKind::kDeallocate},
      {"truncate table t", StmtKind::kTruncate},
      {"rename table a to b", StmtKind::kRenameTable},
      {"grant select on *.* to u", StmtKind::kGrant},
      {"revoke select on *.* from u", StmtKind::kRevoke},
      {"prepare s from 'select 1'", StmtKind::kPrepare},
      {"execute s using @a", StmtKind::kExecute},
      {"deallocate prepare s", StmtKind::kDeallocate},
      {"call p(1)", StmtKind::kCall},
      {"do sleep(1)", StmtKind::kDo},
      {"kill 5", StmtKind::kKill},
      {"flush tables", StmtKind::kFlush},
      {"analyze table t", StmtKind::kAnalyze},
      {"optimize table t", StmtKind::kOptimize},
      {"check table t", StmtKind::kCheck},
      {"begin not atomic select 1; end", StmtKind::kCompound},
      {"if 1 then select 1; end if", StmtKind::kCompound},
      {"while 0 do select 1; end while", StmtKind::kCompound},
      {"for i in 1..3 do select i; end for", StmtKind::kCompound},
      {"backup stage start", StmtKind::kBackup},
      {"lock instance for backup", StmtKind::kBackup},
      {"unlock instance", StmtKind::kBackup},
      {"clone local data directory = '/x'", StmtKind::kClone},
      {"restart", StmtKind::kRestart},
      {"set resource group rg for 1", StmtKind::kSetResourceGroup},
      {"create resource group rg type = user vcpu = 0", StmtKind::kCreateOther},
      {"create package p procedure p1(); end", StmtKind::kCreateOther},
      {"", StmtKind::kEmpty},
      {"  -- only a comment", StmtKind::kEmpty},
      {"frobnicate", StmtKind::kOther},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(StmtKindName(Classify(c.sql)), StmtKindName(c.kind)) << c.sql;
    auto p = Parse(c.sql);
    if (p.ok()) {
      EXPECT_EQ(StmtKindName(p->kind()), StmtKindName(c.kind)) << c.sql;
    }
  }
}

TEST(SplitTest, RespectsQuotesAndComments) {
  auto v = SplitStatements(
      "select ';'; select \"a;b\" ; select `x;y` -- c;d\n; /* e;f */ select "
      "4;;");
  ASSERT_EQ(v.size(), 4u);
  EXPECT_EQ(v[0], "select ';'");
  EXPECT_EQ(v[1], "select \"a;b\"");
  EXPECT_EQ(v[2], "select `x;y` -- c;d");
  EXPECT_EQ(v[3], "/* e;f */ select 4");
}

TEST(SplitTest, EscapesAndUnterminated) {
  auto v = SplitStatements("select 'a\\';b'; select 'unterminated;");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0], "select 'a\\';b'");
  EXPECT_EQ(v[1], "select 'unterminated;");
  EXPECT_TRUE(SplitStatements("").empty());
  EXPECT_TRUE(SplitStatements(" ; ;\n").empty());
}

}  // namespace
}  // namespace tessera::sql
