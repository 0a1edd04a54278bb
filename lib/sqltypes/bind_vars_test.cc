#include "lib/sqltypes/bind_vars.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"

namespace tessera::sqltypes {
namespace {

using ::tessera::testing::IsOkAndHolds;
using ::tessera::testing::MysqlErrorIs;

BindVars Vars() {
  BindVars v;
  v["id"] = BindVariable::Single(TypedValue::Int(-42));
  v["name"] = BindVariable::Single(TypedValue::Text("O'Brien \\ \"x\"\n"));
  v["blob"] =
      BindVariable::Single(TypedValue::Binary(std::string("\x00\xff", 2)));
  v["ids"] = BindVariable::List(
      {TypedValue::Int(1), TypedValue::Uint(2), TypedValue::Decimal("3.5")});
  v["none"] = BindVariable::Single(TypedValue::Null());
  v["empty"] = BindVariable::List({});
  v["bad_int"] = BindVariable::Single(TypedValue::Of(Kind::kInt, "1 or 1=1"));
  v["when"] = BindVariable::Single(
      TypedValue::Of(Kind::kDateTime, "2024-02-29 12:00:00"));
  return v;
}

TEST(SubstituteTest, Table) {
  struct Case {
    const char* sql;
    const char* want;
  } cases[] = {
      {"select * from t where id = :id", "select * from t where id = -42"},
      {"select :name", R"(select 'O\'Brien \\ \"x\"\n')"},
      {"select :blob", "select X'00FF'"},
      {"select * from t where id in ::ids",
       "select * from t where id in (1, 2, 3.5)"},
      {"select * from t where id in (::ids)",
       "select * from t where id in (1, 2, 3.5)"},
      {"select * from t where (::ids) or f(::ids, 1)",
       "select * from t where (1, 2, 3.5) or f((1, 2, 3.5), 1)"},
      {"select :none, :when", "select NULL, '2024-02-29 12:00:00'"},
      {"select ':id', \":id\", `:id`", "select ':id', \":id\", `:id`"},
      {"select 'it''s :id' , :id", "select 'it''s :id' , -42"},
      {"select 'a\\':id' , :id", "select 'a\\':id' , -42"},
      {"select 1 -- :id\n, :id", "select 1 -- :id\n, -42"},
      {"select /* :id */ :id # :id", "select /* :id */ -42 # :id"},
      {"set @a := 1", "set @a := 1"},
      {"select 1--:id", "select 1---42"},
      {"select ::id", "select (-42)"},
  };
  BindVars vars = Vars();
  for (const auto& c : cases) {
    EXPECT_THAT(SubstituteBindVars(c.sql, vars),
                IsOkAndHolds(std::string(c.want)))
        << c.sql;
  }
}

TEST(SubstituteTest, NoBackslashEscapesMode) {
  BindVars vars = Vars();
  EXPECT_THAT(
      SubstituteBindVars("select :name", vars, EscapeMode::kNoBackslashEscapes),
      IsOkAndHolds(std::string("select 'O''Brien \\ \"x\"\n'")));
  // In this mode a backslash does not escape the quote.
  EXPECT_THAT(SubstituteBindVars("select 'a\\', :id", vars,
                                 EscapeMode::kNoBackslashEscapes),
              IsOkAndHolds(std::string("select 'a\\', -42")));
}

TEST(SubstituteTest, Errors) {
  BindVars vars = Vars();
  for (const char* sql : {"select :missing", "select :ids", "select ::empty",
                          "select :bad_int"}) {
    EXPECT_THAT(SubstituteBindVars(sql, vars), MysqlErrorIs(1210, "HY000"))
        << sql;
  }
}

TEST(LiteralTest, RejectsNonNumbers) {
  std::string out;
  EXPECT_FALSE(AppendSqlLiteral(TypedValue::Of(Kind::kFloat, "nan"),
                                EscapeMode::kBackslash, &out)
                   .ok());
  EXPECT_FALSE(AppendSqlLiteral(TypedValue::Of(Kind::kDecimal, "1;drop"),
                                EscapeMode::kBackslash, &out)
                   .ok());
  EXPECT_FALSE(AppendSqlLiteral(TypedValue::Of(Kind::kDate, "2020' or '1"),
                                EscapeMode::kBackslash, &out)
                   .ok());
  EXPECT_TRUE(
      AppendSqlLiteral(TypedValue::Float(1e20), EscapeMode::kBackslash, &out)
          .ok());
  EXPECT_EQ(out, "1e20");
}

}  // namespace
}  // namespace tessera::sqltypes
