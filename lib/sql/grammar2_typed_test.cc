// Typed fields of the second grammar round: accounts (CREATE/ALTER/RENAME
// USER and ROLE, SET PASSWORD, SHOW GRANTS / CREATE USER), column and table
// attributes, sequences, DELETE HISTORY (testdata/grammar2.txt).
#include <fstream>
#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "lib/base/mysql_error.h"
#include "lib/sql/format.h"
#include "lib/sql/parser.h"
#include "lib/sql/testing/typed.h"
#include "lib/testing/status_matchers.h"

namespace tessera::sql {
namespace {

using ::tessera::sql::testing::Typed;
using ::tessera::sql::testing::TypedCreateTable;
using ::tessera::testing::IsOk;

TEST(Grammar2TypedTest, CreateUser) {
  auto p = Parse(
      "create or replace user if not exists 'a'@'%' identified by 'pw', "
      "b@localhost identified via pam using 'svc' or unix_socket require "
      "issuer 'i' and cipher 'c' with max_user_connections 3 "
      "max_statement_time 1.5 password expire interval 30 day account lock");
  ASSERT_THAT(p, IsOk());
  const auto* s = Typed<UserStmt>(*p, StmtKind::kUser);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->verb, AccountVerb::kCreate);
  EXPECT_FALSE(s->role);
  EXPECT_TRUE(s->or_replace);
  EXPECT_TRUE(s->if_not_exists);
  ASSERT_EQ(s->users.size, 2u);
  EXPECT_EQ(s->users[0].user.name, "'a'");
  EXPECT_EQ(s->users[0].user.host, "@'%'");
  EXPECT_EQ(s->users[0].auth, AuthKind::kPassword);
  EXPECT_EQ(s->users[0].password->text, "'pw'");
  const UserSpec& b = s->users[1];
  EXPECT_EQ(b.user.name, "b");
  EXPECT_EQ(b.user.host, "@localhost");
  EXPECT_EQ(b.auth, AuthKind::kPlugin);
  EXPECT_TRUE(b.via);
  ASSERT_EQ(b.plugins.size, 2u);
  EXPECT_EQ(b.plugins[0].plugin.raw, "pam");
  EXPECT_EQ(b.plugins[0].how, "using");
  ASSERT_NE(b.plugins[0].value, nullptr);
  EXPECT_EQ(b.plugins[1].plugin.raw, "unix_socket");
  EXPECT_EQ(b.plugins[1].value, nullptr);
  EXPECT_TRUE(s->require);
  ASSERT_EQ(s->tls.size, 2u);
  EXPECT_EQ(s->tls[0].kind, TlsKind::kIssuer);
  EXPECT_EQ(s->tls[1].kind, TlsKind::kCipher);
  EXPECT_EQ(s->tls[1].value->text, "'c'");
  ASSERT_EQ(s->limits.size, 2u);
  EXPECT_EQ(s->limits[0].name, "max_user_connections");
  EXPECT_EQ(s->limits[0].value, "3");
  EXPECT_EQ(s->limits[1].value, "1.5");
  ASSERT_EQ(s->options.size, 2u);
  EXPECT_EQ(s->options[0].kind, AccountOptionKind::kExpireInterval);
  EXPECT_EQ(s->options[0].value, "30");
  EXPECT_EQ(s->options[1].kind, AccountOptionKind::kLock);
}

TEST(Grammar2TypedTest, AlterUserRoleRename) {
  auto p = Parse(
      "alter user if exists u identified by password '*AB' require none "
      "password history default failed_login_attempts 4");
  ASSERT_THAT(p, IsOk());
  const auto* s = Typed<UserStmt>(*p, StmtKind::kUser);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->verb, AccountVerb::kAlter);
  EXPECT_TRUE(s->if_exists);
  EXPECT_EQ(s->users[0].auth, AuthKind::kHash);
  EXPECT_TRUE(s->require);
  EXPECT_EQ(s->tls.size, 0u);
  ASSERT_EQ(s->options.size, 2u);
  EXPECT_EQ(s->options[0].kind, AccountOptionKind::kHistory);
  EXPECT_EQ(s->options[0].value, "default");
  EXPECT_EQ(s->options[1].kind, AccountOptionKind::kFailedLogins);

  auto r = Parse("create role if not exists r with admin current_user()");
  ASSERT_THAT(r, IsOk());
  const auto* role = Typed<UserStmt>(*r, StmtKind::kUser);
  ASSERT_NE(role, nullptr);
  EXPECT_TRUE(role->role);
  EXPECT_TRUE(role->has_admin);
  EXPECT_TRUE(role->admin.parens);

  auto n = Parse("rename user a to 'b'@'%', c to d");
  ASSERT_THAT(n, IsOk());
  const auto* ren = Typed<RenameUserStmt>(*n, StmtKind::kUser);
  ASSERT_NE(ren, nullptr);
  EXPECT_EQ(ren->verb, AccountVerb::kRename);
  ASSERT_EQ(ren->from.size, 2u);
  EXPECT_EQ(ren->to[0].host, "@'%'");
  EXPECT_EQ(ren->from[1].name, "c");

  // Invalid account statements are syntax errors, not token streams.
  for (const char* bad :
       {"create user u require junk", "create user u with grant option",
        "alter user u identified", "rename user a b"}) {
    auto e = Parse(bad);
    ASSERT_FALSE(e.ok()) << bad;
    EXPECT_EQ(ToMysqlError(e.status()).code, 1064) << bad;
  }
}

TEST(Grammar2TypedTest, SetPasswordAndShow) {
  auto p = Parse("set password for 'bob'@'%' = password('x')");
  ASSERT_THAT(p, IsOk());
  ASSERT_EQ(p->root()->kind, StmtKind::kSet);
  const auto* set = static_cast<const SetStmt*>(p->root());
  ASSERT_EQ(set->items.size, 1u);
  const SetPassword* sp = set->items[0].password;
  ASSERT_NE(sp, nullptr);
  EXPECT_TRUE(sp->has_for);
  EXPECT_EQ(sp->user.name, "'bob'");
  ASSERT_NE(sp->value, nullptr);
  EXPECT_EQ(sp->value->kind, ExprKind::kFunc);

  auto g = Parse("show grants for u@h using r1, r2");
  ASSERT_THAT(g, IsOk());
  const auto* sg = Typed<ShowStmt>(*g, StmtKind::kShow);
  ASSERT_NE(sg, nullptr);
  EXPECT_EQ(sg->what, ShowKind::kGrants);
  EXPECT_TRUE(sg->has_user);
  EXPECT_EQ(sg->user.name, "u");
  EXPECT_EQ(sg->using_roles.size, 2u);

  auto c = Parse("show create user current_user");
  ASSERT_THAT(c, IsOk());
  const auto* sc = Typed<ShowStmt>(*c, StmtKind::kShow);
  ASSERT_NE(sc, nullptr);
  EXPECT_EQ(sc->what, ShowKind::kCreate);
  EXPECT_EQ(sc->create_what, "user");
  EXPECT_TRUE(sc->has_user);
}

TEST(Grammar2TypedTest, ColumnAttributes) {
  auto p = Parse(
      "create table t (a int default 5 invisible column_format fixed "
      "storage disk constraint c1 check (a > 0) not enforced, g point srid "
      "4326 ref_system_id = 4326, b blob compressed=zlib character set "
      "latin1, x int without system versioning, rs timestamp(6) generated "
      "always as row start, re timestamp(6) as row end, period for "
      "system_time (rs, re), s date, e date, period for p (s, e), unique (a, "
      "p without overlaps), check (a < 9) enforced) with system versioning");
  ASSERT_THAT(p, IsOk());
  ASSERT_EQ(p->root()->kind, StmtKind::kCreateTable);
  const auto* c = static_cast<const CreateTableStmt*>(p->root());
  ASSERT_EQ(c->elements.size, 12u);
  const ColumnDef* a = c->elements[0].column;
  EXPECT_EQ(a->visibility, "invisible");
  EXPECT_EQ(a->column_format, "fixed");
  EXPECT_EQ(a->storage, "disk");
  EXPECT_TRUE(a->check_constraint);
  EXPECT_EQ(a->check_name.raw, "c1");
  EXPECT_EQ(a->check_enforced, 0);
  const ColumnDef* g = c->elements[1].column;
  EXPECT_EQ(g->srid, "4326");
  EXPECT_EQ(g->ref_system_id, "4326");
  const ColumnDef* b = c->elements[2].column;
  EXPECT_TRUE(b->compressed);
  EXPECT_EQ(b->compression.raw, "zlib");
  EXPECT_EQ(b->type->charset.raw, "latin1");
  EXPECT_EQ(c->elements[3].column->versioning, "without");
  EXPECT_EQ(c->elements[4].column->row_period, "start");
  EXPECT_EQ(c->elements[5].column->row_period, "end");
  const PeriodDef* st = c->elements[6].period;
  ASSERT_NE(st, nullptr);
  EXPECT_TRUE(st->system_time);
  EXPECT_EQ(st->start.raw, "rs");
  const PeriodDef* ap = c->elements[9].period;
  ASSERT_NE(ap, nullptr);
  EXPECT_EQ(ap->name.raw, "p");
  EXPECT_EQ(ap->end.raw, "e");
  EXPECT_TRUE(c->elements[10].index->parts[1].without_overlaps);
  EXPECT_EQ(c->elements[11].index->enforced, 1);
  ASSERT_EQ(c->options.size, 1u);
  EXPECT_EQ(c->options[0].name, "with system versioning");

  auto alter = Parse(
      "alter table t add period if not exists for p (s, e), drop period "
      "for system_time, drop system versioning");
  ASSERT_THAT(alter, IsOk());
  const auto* al = Typed<AlterTableStmt>(*alter);
  ASSERT_NE(al, nullptr);
  ASSERT_EQ(al->specs.size, 3u);
  EXPECT_EQ(al->specs[0].kind, AlterKind::kAddPeriod);
  EXPECT_TRUE(al->specs[0].if_not_exists);
  EXPECT_EQ(al->specs[0].period->start.raw, "s");
  EXPECT_EQ(al->specs[1].kind, AlterKind::kDropPeriod);
  EXPECT_TRUE(al->specs[1].period->system_time);
  EXPECT_EQ(al->specs[2].kind, AlterKind::kSystemVersioning);
  EXPECT_EQ(al->specs[2].word, "drop");

  // Invalid clauses inside CREATE/ALTER TABLE are syntax errors now.
  for (const char* bad :
       {"create table t (a int enforced)",
        "create table t (a int, key k (a) using foo)",
        "create table t (a int, foreign key (a) references u (id) on delete "
        "nothing)",
        "alter table t add period for p (a)"}) {
    auto e = Parse(bad);
    ASSERT_FALSE(e.ok()) << bad;
    EXPECT_EQ(ToMysqlError(e.status()).code, 1064) << bad;
  }
}

TEST(Grammar2TypedTest, Sequences) {
  auto p = Parse(
      "create or replace sequence if not exists db.s start with -5 "
      "increment by 2 nominvalue cache 10 nocycle engine = InnoDB");
  ASSERT_THAT(p, IsOk());
  const auto* s = Typed<SequenceStmt>(*p, StmtKind::kCreateOther);
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(s->or_replace);
  EXPECT_TRUE(s->if_not_exists);
  EXPECT_EQ(s->table.db.raw, "db");
  EXPECT_EQ(s->names[0].name.raw, "s");
  ASSERT_EQ(s->options.size, 5u);
  EXPECT_EQ(s->options[0].kind, SeqOptionKind::kStart);
  EXPECT_EQ(s->options[0].value, "-5");
  EXPECT_EQ(s->options[2].kind, SeqOptionKind::kNoMinValue);
  EXPECT_EQ(s->options[4].kind, SeqOptionKind::kNoCycle);
  ASSERT_EQ(s->table_options.size, 1u);

  auto a = Parse("alter sequence s restart with 9");
  ASSERT_THAT(a, IsOk());
  const auto* as = Typed<SequenceStmt>(*a, StmtKind::kAlterOther);
  ASSERT_NE(as, nullptr);
  EXPECT_EQ(as->options[0].kind, SeqOptionKind::kRestart);
  EXPECT_EQ(as->options[0].value, "9");

  auto d = Parse("drop temporary sequence if exists a, b");
  ASSERT_THAT(d, IsOk());
  const auto* ds = Typed<SequenceStmt>(*d, StmtKind::kDropOther);
  ASSERT_NE(ds, nullptr);
  EXPECT_TRUE(ds->temporary);
  EXPECT_EQ(ds->names.size, 2u);
}

TEST(Grammar2TypedTest, DeleteHistoryAndDerivedSystemTime) {
  auto p = Parse(
      "delete history from t partition (p0) before system_time timestamp "
      "now() - interval 1 day");
  ASSERT_THAT(p, IsOk());
  ASSERT_EQ(p->root()->kind, StmtKind::kDelete);
  const auto* d = static_cast<const DeleteStmt*>(p->root());
  EXPECT_TRUE(d->history);
  ASSERT_NE(d->before, nullptr);
  EXPECT_EQ(d->before->unit, "timestamp");
  ASSERT_NE(d->before->from, nullptr);
  ASSERT_EQ(d->from.size, 1u);
  EXPECT_EQ(static_cast<const TableFactor*>(d->from[0])->partitions.size, 1u);
  EXPECT_FALSE(Parse("delete history from t where a = 1").ok());

  auto q = Parse("select * from (select a from t) for system_time all as d");
  ASSERT_THAT(q, IsOk());
  const auto* sel = static_cast<const Select*>(
      static_cast<const SelectStmt*>(q->root())->query);
  ASSERT_EQ(sel->from[0]->kind, TableRefKind::kDerived);
  const auto* dt = static_cast<const DerivedTable*>(sel->from[0]);
  ASSERT_NE(dt->system_time, nullptr);
  EXPECT_EQ(dt->system_time->kind, SystemTimeKind::kAll);
  EXPECT_EQ(dt->alias.raw, "d");
}

// Every accepted grammar2.txt input is typed: no token-stream statement
// (CREATE FUNCTION sequence() checks that only sequences are typed).
TEST(Grammar2TypedTest, GoldenInputsAreTyped) {
  std::ifstream in("lib/sql/testdata/grammar2.txt");
  ASSERT_TRUE(in.good());
  int typed = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#' || absl::StartsWith(line, "-> ") ||
        absl::StartsWith(line, "!! ")) {
      continue;
    }
    auto p = Parse(line);
    if (!p.ok() || absl::StartsWith(line, "create function")) continue;
    const Stmt* s = p->root();
    EXPECT_TRUE(!s->opaque || s->typed) << "kept as tokens: " << line;
    if (s->kind == StmtKind::kShow) {
      EXPECT_NE(static_cast<const ShowStmt*>(s)->what, ShowKind::kOther)
          << line;
    }
    ++typed;
  }
  EXPECT_GT(typed, 60);
}

}  // namespace
}  // namespace tessera::sql
