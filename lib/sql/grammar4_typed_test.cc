// Typed fields of the sqlddl sweep (testdata/grammar4.txt): LOCK TABLES,
// multi-factor accounts, several column CHECKs, CREATE SEQUENCE ... AS,
// WAIT/NOWAIT on TRUNCATE/RENAME, VECTOR indexes, and the kinds of the
// statements kept as token streams (compound statements, BACKUP, CLONE).
#include <string>

#include "gtest/gtest.h"
#include "lib/sql/format.h"
#include "lib/sql/parser.h"
#include "lib/testing/status_matchers.h"

namespace tessera::sql {
namespace {

using ::tessera::testing::IsOk;

template <typename T>
const T* Typed(const ParsedStatement& p, StmtKind kind) {
  if (p.root()->kind != kind || !p.root()->typed) return nullptr;
  return static_cast<const T*>(p.root());
}

TEST(Grammar4TypedTest, LockTables) {
  auto p = Parse(
      "lock tables d.t as x read local, u low_priority write, v write "
      "concurrent wait 3");
  ASSERT_THAT(p, IsOk());
  const auto* s = Typed<LockTablesStmt>(*p, StmtKind::kLockTables);
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->items.size, 3u);
  EXPECT_EQ(s->items[0].name.db.raw, "d");
  EXPECT_EQ(s->items[0].alias.raw, "x");
  EXPECT_EQ(s->items[0].type, "read local");
  EXPECT_EQ(s->items[1].type, "low_priority write");
  EXPECT_EQ(s->items[2].type, "write concurrent");
  EXPECT_EQ(s->wait, "3");
  EXPECT_EQ(s->table.name.raw, "t");
}

TEST(Grammar4TypedTest, MultiFactorUser) {
  auto p = Parse(
      "create user u identified by 'a' and identified with fido and "
      "identified by 'c'");
  ASSERT_THAT(p, IsOk());
  const auto* s = Typed<UserStmt>(*p, StmtKind::kUser);
  ASSERT_NE(s, nullptr);
  const UserSpec& u = s->users[0];
  ASSERT_NE(u.and_factor, nullptr);
  EXPECT_EQ(u.and_factor->auth, AuthKind::kPlugin);
  ASSERT_NE(u.and_factor->and_factor, nullptr);
  EXPECT_EQ(u.and_factor->and_factor->auth, AuthKind::kPassword);

  p = Parse("alter user u modify 2 factor identified by 'x' drop 3 factor");
  ASSERT_THAT(p, IsOk());
  s = Typed<UserStmt>(*p, StmtKind::kUser);
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->users[0].factor_ops.size, 2u);
  EXPECT_EQ(s->users[0].factor_ops[0].verb, "modify");
  EXPECT_EQ(s->users[0].factor_ops[0].factor, "2");
  EXPECT_EQ(s->users[0].factor_ops[1].auth, nullptr);

  p = Parse(
      "alter user u 3 factor finish registration set challenge_response as "
      "'c'");
  ASSERT_THAT(p, IsOk());
  s = Typed<UserStmt>(*p, StmtKind::kUser);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->users[0].registration, "finish");
  EXPECT_EQ(s->users[0].registration_factor, "3");
  ASSERT_NE(s->users[0].challenge, nullptr);

  p = Parse("alter user user() identified by 'x'");
  ASSERT_THAT(p, IsOk());
  s = Typed<UserStmt>(*p, StmtKind::kUser);
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(s->users[0].user_function);
}

TEST(Grammar4TypedTest, ColumnChecksAndSequenceType) {
  auto p = Parse(
      "create table t (a int check (a > 0) constraint c2 check (a < 9) not "
      "enforced)");
  ASSERT_THAT(p, IsOk());
  ASSERT_EQ(p->kind(), StmtKind::kCreateTable);
  const auto* t = static_cast<const CreateTableStmt*>(p->root());
  const ColumnDef* c = t->elements[0].column;
  ASSERT_NE(c->check, nullptr);
  ASSERT_EQ(c->more_checks.size, 1u);
  EXPECT_TRUE(c->more_checks[0].constraint);
  EXPECT_EQ(c->more_checks[0].name.raw, "c2");
  EXPECT_EQ(c->more_checks[0].enforced, 0);

  p = Parse("create sequence s as smallint unsigned start with 5");
  ASSERT_THAT(p, IsOk());
  const auto* s = Typed<SequenceStmt>(*p, StmtKind::kCreateOther);
  ASSERT_NE(s, nullptr);
  ASSERT_NE(s->as_type, nullptr);
  EXPECT_EQ(s->options.size, 1u);
}

TEST(Grammar4TypedTest, WaitAndVectorIndex) {
  auto p = Parse("rename table a wait 2 to b, c nowait to d");
  ASSERT_THAT(p, IsOk());
  const auto* r = Typed<RenameTableStmt>(*p, StmtKind::kRenameTable);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->pairs[0].wait, "2");
  EXPECT_EQ(r->pairs[1].wait, "nowait");

  p = Parse("truncate t wait 4");
  ASSERT_THAT(p, IsOk());
  const auto* tr = Typed<TruncateStmt>(*p, StmtKind::kTruncate);
  ASSERT_NE(tr, nullptr);
  EXPECT_EQ(tr->wait, "4");

  p = Parse("create vector index v on t (e) m = 8");
  ASSERT_THAT(p, IsOk());
  const auto* ci = Typed<CreateIndexStmt>(*p, StmtKind::kCreateIndex);
  ASSERT_NE(ci, nullptr);
  EXPECT_EQ(ci->index->kind, IndexKind::kVector);
}

TEST(Grammar4TypedTest, TokenStreamKinds) {
  const struct {
    const char* sql;
    StmtKind kind;
  } kCases[] = {
      {"begin not atomic select 1; select 2; end", StmtKind::kCompound},
      {"if @a then select 1; else select 2; end if", StmtKind::kCompound},
      {"for i in 1..3 do select i; end for", StmtKind::kCompound},
      {"create package p procedure a(); function b() returns int; end",
       StmtKind::kCreateOther},
      {"create trigger t before insert on u for each row if new.a then set "
       "new.a = 1; end if",
       StmtKind::kCreateOther},
      {"backup stage block_commit", StmtKind::kBackup},
      {"clone local data directory = '/d'", StmtKind::kClone},
      {"set resource group g for 1", StmtKind::kSetResourceGroup},
      {"unlock tables", StmtKind::kUnlockTables},
  };
  for (const auto& c : kCases) {
    auto p = Parse(c.sql);
    ASSERT_THAT(p, IsOk()) << c.sql;
    EXPECT_EQ(p->kind(), c.kind) << c.sql;
    EXPECT_FALSE(p->root()->typed) << c.sql;
  }
  // A body that never ends is an error, not a shorter statement.
  EXPECT_FALSE(Parse("begin not atomic select 1; select 2;").ok());
  EXPECT_FALSE(Parse("if 1 then select 1; end while; select 2").ok());
}

}  // namespace
}  // namespace tessera::sql
