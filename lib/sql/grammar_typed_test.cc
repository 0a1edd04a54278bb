// Typed fields of the grammar extensions: index options, foreign key
// actions, FOR SYSTEM_TIME, JSON_TABLE, SET STATEMENT/ROLE, partition
// maintenance operations.
#include <fstream>
#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "lib/sql/format.h"
#include "lib/sql/parser.h"
#include "lib/sql/testing/typed.h"
#include "lib/testing/status_matchers.h"

namespace tessera::sql {
namespace {

using ::tessera::sql::testing::Typed;
using ::tessera::sql::testing::TypedCreateTable;
using ::tessera::testing::IsOk;

TEST(GrammarTypedTest, IndexOptions) {
  auto p = Parse(
      "create table t (a int, b text, key k using hash (a) "
      "key_block_size=8 comment 'c' invisible, fulltext (b) with parser "
      "ngram not ignored, key k2 (a) clustering = yes)");
  ASSERT_THAT(p, IsOk());
  const CreateTableStmt* c = TypedCreateTable(*p);
  ASSERT_NE(c, nullptr);
  const IndexDef* k = c->elements[2].index;
  ASSERT_EQ(k->options.size, 4u);
  EXPECT_EQ(k->options[0].kind, IndexOptionKind::kUsing);
  EXPECT_EQ(k->options[0].value, "hash");
  EXPECT_EQ(k->options[1].kind, IndexOptionKind::kKeyBlockSize);
  EXPECT_EQ(k->options[1].value, "8");
  EXPECT_EQ(k->options[2].kind, IndexOptionKind::kComment);
  EXPECT_EQ(k->options[2].text->text, "'c'");
  EXPECT_EQ(k->options[3].kind, IndexOptionKind::kInvisible);
  const IndexDef* f = c->elements[3].index;
  ASSERT_EQ(f->options.size, 2u);
  EXPECT_EQ(f->options[0].kind, IndexOptionKind::kWithParser);
  EXPECT_EQ(f->options[0].value, "ngram");
  EXPECT_EQ(f->options[1].kind, IndexOptionKind::kNotIgnored);
  const IndexDef* k2 = c->elements[4].index;
  ASSERT_EQ(k2->options.size, 1u);
  EXPECT_EQ(k2->options[0].kind, IndexOptionKind::kAttribute);
  EXPECT_EQ(k2->options[0].name, "clustering");
  EXPECT_EQ(k2->options[0].value, "yes");
}

TEST(GrammarTypedTest, CreateIndexOptions) {
  auto p = Parse(
      "create index i on t (a) wait 5 using btree algorithm = inplace lock "
      "none");
  ASSERT_THAT(p, IsOk());
  const auto* s = Typed<CreateIndexStmt>(*p);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->wait, "5");
  ASSERT_EQ(s->index->options.size, 1u);
  EXPECT_EQ(s->index->options[0].value, "btree");
  ASSERT_EQ(s->algorithm_lock.size, 2u);
  EXPECT_EQ(s->algorithm_lock[0].name, "algorithm");
  EXPECT_EQ(s->algorithm_lock[1].value, "none");
  EXPECT_FALSE(Parse("create index i on t (a) bogus").ok());
}

TEST(GrammarTypedTest, ForeignKeyActions) {
  auto p = Parse(
      "create table t (a int references u (x) match full on update cascade, "
      "b int, constraint fk foreign key (b) references db.v (y) on update "
      "set null on delete no action)");
  ASSERT_THAT(p, IsOk());
  const CreateTableStmt* c = TypedCreateTable(*p);
  ASSERT_NE(c, nullptr);
  const References* r = c->elements[0].column->references;
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->table.name.raw, "u");
  EXPECT_EQ(r->match, RefMatch::kFull);
  EXPECT_EQ(r->on_update, RefAction::kCascade);
  EXPECT_EQ(r->on_delete, RefAction::kNone);
  const References& fk = c->elements[2].index->ref;
  EXPECT_EQ(fk.table.db.raw, "db");
  ASSERT_EQ(fk.columns.size, 1u);
  EXPECT_EQ(fk.columns[0].raw, "y");
  EXPECT_EQ(fk.on_update, RefAction::kSetNull);
  EXPECT_EQ(fk.on_delete, RefAction::kNoAction);
  for (const char* action : {"restrict", "cascade", "set default"}) {
    auto q = Parse(std::string("alter table t add foreign key (a) references "
                               "u (b) on delete ") +
                   action);
    ASSERT_THAT(q, IsOk());
    EXPECT_TRUE(q->root()->typed) << action;
  }
}

const Select* SelectOf(const ParsedStatement& p) {
  if (p.root()->kind != StmtKind::kSelect) return nullptr;
  const QueryExpr* q = static_cast<const SelectStmt*>(p.root())->query;
  return q->kind == QueryKind::kSelect ? static_cast<const Select*>(q)
                                       : nullptr;
}

TEST(GrammarTypedTest, RightNestedJoins) {
  auto p = Parse("select * from a left join b join c on b.x = c.x on a.y = 1");
  ASSERT_THAT(p, IsOk());
  const Select* s = SelectOf(*p);
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->from[0]->kind, TableRefKind::kJoin);
  const auto* j = static_cast<const JoinRef*>(s->from[0]);
  EXPECT_EQ(j->type, JoinType::kLeft);
  EXPECT_EQ(j->left->kind, TableRefKind::kTable);
  ASSERT_EQ(j->right->kind, TableRefKind::kJoin);
  EXPECT_NE(static_cast<const JoinRef*>(j->right)->on, nullptr);
  // Without the second ON the joins stay left-deep.
  auto q = Parse("select * from a join b join c on b.x = c.x");
  ASSERT_THAT(q, IsOk());
  const auto* k = static_cast<const JoinRef*>(SelectOf(*q)->from[0]);
  EXPECT_EQ(k->right->kind, TableRefKind::kTable);
  EXPECT_EQ(k->left->kind, TableRefKind::kJoin);
  EXPECT_NE(k->on, nullptr);
}

TEST(GrammarTypedTest, SystemTime) {
  auto p = Parse(
      "select * from t for system_time between timestamp now() and "
      "transaction 7 as x, u for system_time all");
  ASSERT_THAT(p, IsOk());
  const Select* s = SelectOf(*p);
  ASSERT_NE(s, nullptr);
  const auto* t = static_cast<const TableFactor*>(s->from[0]);
  ASSERT_NE(t->system_time, nullptr);
  EXPECT_EQ(t->system_time->kind, SystemTimeKind::kBetween);
  EXPECT_EQ(t->system_time->unit, "timestamp");
  EXPECT_EQ(t->system_time->unit2, "transaction");
  EXPECT_EQ(t->alias.raw, "x");
  const auto* u = static_cast<const TableFactor*>(s->from[1]);
  ASSERT_NE(u->system_time, nullptr);
  EXPECT_EQ(u->system_time->kind, SystemTimeKind::kAll);
}

TEST(GrammarTypedTest, JsonTable) {
  auto p = Parse(
      "select * from json_table(@j, '$[*]' columns (n for ordinality, a int "
      "path '$.a' default '1' on empty error on error, nested path '$.b' "
      "columns (b int exists path '$'))) as jt");
  ASSERT_THAT(p, IsOk());
  const Select* s = SelectOf(*p);
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->from[0]->kind, TableRefKind::kJsonTable);
  const auto* j = static_cast<const JsonTable*>(s->from[0]);
  EXPECT_EQ(j->alias.raw, "jt");
  EXPECT_EQ(j->path->text, "'$[*]'");
  ASSERT_EQ(j->columns.size, 3u);
  EXPECT_EQ(j->columns[0].kind, JtColumnKind::kOrdinality);
  EXPECT_EQ(j->columns[1].kind, JtColumnKind::kPath);
  EXPECT_EQ(j->columns[1].on_empty, JtResponse::kDefault);
  EXPECT_EQ(j->columns[1].empty_default->text, "'1'");
  EXPECT_EQ(j->columns[1].on_error, JtResponse::kError);
  EXPECT_EQ(j->columns[2].kind, JtColumnKind::kNested);
  ASSERT_EQ(j->columns[2].nested.size, 1u);
  EXPECT_EQ(j->columns[2].nested[0].kind, JtColumnKind::kExistsPath);
}

TEST(GrammarTypedTest, OdbcEscapes) {
  auto p = Parse("select {d '2024-01-01'}, {ts '2024-01-01 10:00:00'}");
  ASSERT_THAT(p, IsOk());
  const Select* s = SelectOf(*p);
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->items[0].expr->kind, ExprKind::kLiteral);
  EXPECT_EQ(static_cast<const Literal*>(s->items[0].expr)->lit, LitKind::kDate);
  EXPECT_EQ(static_cast<const Literal*>(s->items[1].expr)->lit,
            LitKind::kTimestamp);
}

TEST(GrammarTypedTest, SetStatementAndRole) {
  auto p = Parse("set statement max_statement_time = 5 for select 1");
  ASSERT_THAT(p, IsOk());
  ASSERT_EQ(p->kind(), StmtKind::kSet);
  const auto* s = static_cast<const SetStmt*>(p->root());
  ASSERT_EQ(s->items.size, 1u);
  ASSERT_NE(s->inner, nullptr);
  EXPECT_EQ(s->inner->kind, StmtKind::kSelect);
  auto q = Parse("set default role r1, r2 to 'u'@'%', v");
  ASSERT_THAT(q, IsOk());
  const auto* r = static_cast<const SetStmt*>(q->root())->role;
  ASSERT_NE(r, nullptr);
  EXPECT_TRUE(r->default_role);
  ASSERT_EQ(r->roles.size, 2u);
  ASSERT_EQ(r->users.size, 2u);
  EXPECT_EQ(r->users[0].name, "'u'");
  EXPECT_EQ(r->users[0].host, "@'%'");
  EXPECT_EQ(r->users[1].name, "v");
}

TEST(GrammarTypedTest, PartitionOps) {
  auto p = Parse(
      "alter table t reorganize partition p0, p1 into (partition p2 values "
      "less than (5), partition p3 values less than maxvalue)");
  ASSERT_THAT(p, IsOk());
  const auto* a = Typed<AlterTableStmt>(*p);
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->specs.size, 1u);
  const PartitionOp* op = a->specs[0].partition_op;
  ASSERT_NE(op, nullptr);
  EXPECT_EQ(op->kind, PartitionOpKind::kReorganize);
  ASSERT_EQ(op->names.size, 2u);
  EXPECT_EQ(op->names[1].raw, "p1");
  ASSERT_EQ(op->defs.size, 2u);
  EXPECT_EQ(op->defs[1].values_kind, PartitionDef::Values::kLessThanMaxvalue);
  auto q = Parse(
      "alter table t exchange partition p with table d.u "
      "without validation");
  ASSERT_THAT(q, IsOk());
  const PartitionOp* x =
      static_cast<const AlterTableStmt*>(q->root())->specs[0].partition_op;
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->kind, PartitionOpKind::kExchange);
  EXPECT_EQ(x->table.db.raw, "d");
  EXPECT_EQ(x->validation, "without");
  auto r = Parse("alter table t truncate partition all");
  ASSERT_THAT(r, IsOk());
  EXPECT_TRUE(static_cast<const AlterTableStmt*>(r->root())
                  ->specs[0]
                  .partition_op->all);
}

TEST(GrammarTypedTest, Administration) {
  auto p = Parse(
      "grant select (a), insert on table db.* to 'u'@'%', v with grant "
      "option");
  ASSERT_THAT(p, IsOk());
  const auto* g = Typed<GrantStmt>(*p);
  ASSERT_NE(g, nullptr);
  ASSERT_EQ(g->privileges.size, 2u);
  EXPECT_EQ(g->privileges[0].name, "select");
  EXPECT_EQ(g->privileges[0].columns.size, 1u);
  EXPECT_EQ(g->object_type, "table");
  EXPECT_EQ(g->level_db.raw, "db");
  EXPECT_TRUE(g->name_star);
  ASSERT_EQ(g->users.size, 2u);
  EXPECT_EQ(g->users[0].host, "@'%'");
  EXPECT_EQ(g->tail.size, 3u);  // with grant option
  auto r = Parse("revoke r1, r2 from u");
  ASSERT_THAT(r, IsOk());
  ASSERT_NE(Typed<GrantStmt>(*r), nullptr);
  EXPECT_EQ(Typed<GrantStmt>(*r)->roles.size, 2u);
  auto x = Parse("xa commit 'g', 'b', 7 one phase");
  ASSERT_THAT(x, IsOk());
  const auto* xa = Typed<XaStmt>(*x);
  ASSERT_NE(xa, nullptr);
  EXPECT_EQ(xa->verb, "commit");
  EXPECT_EQ(xa->xid.size, 3u);
  EXPECT_EQ(xa->option, "one phase");
  auto f = Parse("flush tables a, b with read lock");
  ASSERT_THAT(f, IsOk());
  const auto* fl = Typed<FlushStmt>(*f);
  ASSERT_NE(fl, nullptr);
  EXPECT_TRUE(fl->tables);
  EXPECT_EQ(fl->table_list.size, 2u);
  EXPECT_EQ(fl->lock, "with read lock");
  auto d = Parse("drop user if exists a, 'b'@'h'");
  ASSERT_THAT(d, IsOk());
  ASSERT_NE(Typed<DropUserStmt>(*d), nullptr);
  EXPECT_EQ(Typed<DropUserStmt>(*d)->users.size, 2u);
}

// Every accepted grammar.txt input is typed (no token-stream fallback),
// except the administration statements listed here.
TEST(GrammarTypedTest, GoldenInputsAreTyped) {
  const char* kFallback[] = {
      // Administration statements outside the typed grammars.
      "xa start",
      "xa start 'a', 'b', 1, 2",
      "revoke all privileges, grant option from u",
      "grant select on db.* u",
      "grant on db.* to u",
  };
  std::ifstream in("lib/sql/testdata/grammar.txt");
  ASSERT_TRUE(in.good());
  int typed = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#' || absl::StartsWith(line, "-> ") ||
        absl::StartsWith(line, "!! ")) {
      continue;
    }
    bool fallback = false;
    for (const char* f : kFallback) fallback |= line == f;
    auto p = Parse(line);
    if (!p.ok() || fallback) continue;
    EXPECT_TRUE(!p->root()->opaque || p->root()->typed)
        << "kept as tokens: " << line;
    ++typed;
  }
  EXPECT_GT(typed, 40);
}

}  // namespace
}  // namespace tessera::sql
