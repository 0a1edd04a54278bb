// Typed fields of the grammar3 additions: window EXCLUDE, several locking
// clauses, WEIGHT_STRING levels, JSON_VALUE clauses, CAST AT TIME ZONE and
// AS INTERVAL, FOR PORTION OF, PROCEDURE ANALYSE, typed DO/CALL/SIGNAL/GET
// DIAGNOSTICS.
#include <string>

#include "gtest/gtest.h"
#include "lib/sql/parser.h"
#include "lib/testing/status_matchers.h"

namespace tessera::sql {
namespace {

using ::tessera::testing::IsOk;

// The first select item's expression of a SELECT.
const Expr* FirstItem(const ParsedStatement& p) {
  const auto* s = static_cast<const SelectStmt*>(p.root());
  return static_cast<const Select*>(s->query)->items[0].expr;
}

const QueryExpr* Query(const ParsedStatement& p) {
  return static_cast<const SelectStmt*>(p.root())->query;
}

TEST(Grammar3TypedTest, WindowExcludeAndLocks) {
  auto p = Parse(
      "select sum(a) over (order by a rows between 1 preceding and 1 "
      "following exclude ties) from t for update of t for share of u skip "
      "locked");
  ASSERT_THAT(p, IsOk());
  const auto* f = static_cast<const FuncCall*>(FirstItem(*p));
  ASSERT_NE(f->over, nullptr);
  ASSERT_NE(f->over->frame, nullptr);
  EXPECT_EQ(f->over->frame->exclude, FrameExclude::kTies);
  const LockClause* l = Query(*p)->lock;
  ASSERT_NE(l, nullptr);
  EXPECT_EQ(l->mode, LockMode::kForUpdate);
  ASSERT_NE(l->next, nullptr);
  EXPECT_EQ(l->next->mode, LockMode::kForShare);
  EXPECT_EQ(l->next->of[0].name.raw, "u");
  EXPECT_EQ(l->next->wait, LockWait::kSkipLocked);
  EXPECT_EQ(l->next->next, nullptr);
}

TEST(Grammar3TypedTest, FunctionExtras) {
  auto p = Parse("select weight_string(s as char(4) level 1 desc reverse, 2)");
  ASSERT_THAT(p, IsOk());
  const auto* f = static_cast<const FuncCall*>(FirstItem(*p));
  ASSERT_NE(f->extra, nullptr);
  EXPECT_EQ(f->extra->levels, "1 desc reverse, 2");
  ASSERT_EQ(f->args.size, 1u);
  EXPECT_EQ(f->args[0]->kind, ExprKind::kCast);

  p = Parse(
      "select json_value(j, '$.a' returning decimal(4, 2) default '0' on "
      "empty error on error)");
  ASSERT_THAT(p, IsOk());
  f = static_cast<const FuncCall*>(FirstItem(*p));
  ASSERT_NE(f->extra, nullptr);
  ASSERT_NE(f->extra->returning, nullptr);
  EXPECT_EQ(f->extra->returning->name, "decimal");
  EXPECT_EQ(f->extra->on_empty, JtResponse::kDefault);
  EXPECT_EQ(f->extra->empty_default->text, "'0'");
  EXPECT_EQ(f->extra->on_error, JtResponse::kError);

  p = Parse("select json_arrayagg(distinct a order by b limit 2)");
  ASSERT_THAT(p, IsOk());
  f = static_cast<const FuncCall*>(FirstItem(*p));
  EXPECT_TRUE(f->distinct);
  EXPECT_EQ(f->order_by.size, 1u);
  EXPECT_NE(f->limit, nullptr);

  p = Parse("select mid(s from 2 for 3)");
  ASSERT_THAT(p, IsOk());
  f = static_cast<const FuncCall*>(FirstItem(*p));
  EXPECT_EQ(f->form, FuncForm::kSubstrFrom);
  EXPECT_EQ(f->args.size, 3u);
}

TEST(Grammar3TypedTest, Casts) {
  auto p = Parse("select cast(ts at time zone interval '+00:00' as datetime)");
  ASSERT_THAT(p, IsOk());
  const auto* c = static_cast<const CastExpr*>(FirstItem(*p));
  ASSERT_NE(c->time_zone, nullptr);
  EXPECT_EQ(c->time_zone->text, "'+00:00'");
  EXPECT_TRUE(c->time_zone_interval);
  EXPECT_EQ(c->type->name, "datetime");

  p = Parse("select cast(x as interval day_second(6))");
  ASSERT_THAT(p, IsOk());
  c = static_cast<const CastExpr*>(FirstItem(*p));
  EXPECT_EQ(c->type->name, "interval day_second");
  EXPECT_EQ(c->type->length, "6");

  p = Parse(
      "select cast(x as char(3) byte), cast(x as char collate latin1_bin)");
  ASSERT_THAT(p, IsOk());
  c = static_cast<const CastExpr*>(FirstItem(*p));
  EXPECT_EQ(c->type->name, "binary");
  EXPECT_EQ(c->type->length, "3");
}

TEST(Grammar3TypedTest, PortionOfAndProcedure) {
  auto p = Parse(
      "update t for portion of app from '2020-01-01' to '2021-01-01' as x "
      "set a = 1");
  ASSERT_THAT(p, IsOk());
  const auto* u = static_cast<const UpdateStmt*>(p->root());
  ASSERT_NE(u->portion, nullptr);
  EXPECT_EQ(u->portion->period.raw, "app");
  EXPECT_EQ(static_cast<const Literal*>(u->portion->to)->text, "'2021-01-01'");
  EXPECT_EQ(static_cast<const TableFactor*>(u->tables[0])->alias.raw, "x");

  p = Parse("delete from t for portion of app from 1 to 2 where a = 1");
  ASSERT_THAT(p, IsOk());
  const auto* d = static_cast<const DeleteStmt*>(p->root());
  ASSERT_NE(d->portion, nullptr);
  EXPECT_NE(d->where, nullptr);
  EXPECT_FALSE(
      Parse("update t1, t2 for portion of p from 1 to 2 set a = 1").ok());

  p = Parse("select * from t procedure analyse(10, 2000)");
  ASSERT_THAT(p, IsOk());
  ASSERT_NE(Query(*p)->procedure, nullptr);
  EXPECT_EQ(Query(*p)->procedure->args.size, 2u);
}

TEST(Grammar3TypedTest, DoCallSignalDiagnostics) {
  auto p = Parse("do sleep(1), @a := 2");
  ASSERT_THAT(p, IsOk());
  ASSERT_TRUE(p->root()->typed);
  EXPECT_EQ(static_cast<const DoStmt*>(p->root())->exprs.size, 2u);

  p = Parse("call db.p(1, @x)");
  ASSERT_THAT(p, IsOk());
  const auto* c = static_cast<const CallStmt*>(p->root());
  EXPECT_EQ(c->proc.db.raw, "db");
  EXPECT_EQ(c->proc.name.raw, "p");
  EXPECT_TRUE(c->parens);
  EXPECT_EQ(c->args.size, 2u);

  p = Parse("resignal sqlstate value '45000' set message_text = 'x'");
  ASSERT_THAT(p, IsOk());
  const auto* s = static_cast<const SignalStmt*>(p->root());
  EXPECT_TRUE(s->resignal);
  EXPECT_TRUE(s->value_keyword);
  EXPECT_EQ(s->sqlstate->text, "'45000'");
  ASSERT_EQ(s->items.size, 1u);
  EXPECT_EQ(s->items[0].name, "message_text");

  p = Parse("get stacked diagnostics condition 1 @m = message_text");
  ASSERT_THAT(p, IsOk());
  const auto* g = static_cast<const GetDiagnosticsStmt*>(p->root());
  EXPECT_EQ(g->area, "stacked");
  ASSERT_NE(g->condition, nullptr);
  ASSERT_EQ(g->items.size, 1u);
  EXPECT_EQ(g->items[0].name, "message_text");
  EXPECT_EQ(g->items[0].value->kind, ExprKind::kVar);
}

}  // namespace
}  // namespace tessera::sql
