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

TEST(CreateTableTest, ColumnsAndIndexes) {
  auto p = Parse(
      "CREATE TABLE IF NOT EXISTS db.t (id BIGINT UNSIGNED NOT NULL "
      "AUTO_INCREMENT, name VARCHAR(64) CHARACTER SET utf8mb4 NOT NULL "
      "DEFAULT 'x' COMMENT 'n', ts TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP(6) "
      "ON UPDATE CURRENT_TIMESTAMP(6), v INT AS (id + 1) STORED, "
      "PRIMARY KEY (id), UNIQUE KEY uk (name(10) DESC), CONSTRAINT fk FOREIGN "
      "KEY (id) REFERENCES u (uid) ON DELETE CASCADE, CHECK (id > 0)) "
      "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 PARTITION BY HASH (id) "
      "PARTITIONS 4");
  ASSERT_THAT(p, IsOk());
  const CreateTableStmt* c = TypedCreateTable(*p);
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->if_not_exists);
  EXPECT_EQ(c->name.db.raw, "db");
  EXPECT_EQ(c->name.name.raw, "t");
  ASSERT_EQ(c->elements.size, 8u);
  const ColumnDef* id = c->elements[0].column;
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->type->name, "BIGINT");
  EXPECT_TRUE(id->type->is_unsigned);
  EXPECT_EQ(id->nullable, 0);
  EXPECT_TRUE(id->auto_increment);
  const ColumnDef* name = c->elements[1].column;
  EXPECT_EQ(name->type->length, "64");
  EXPECT_EQ(name->type->charset.raw, "utf8mb4");
  ASSERT_NE(name->default_value, nullptr);
  EXPECT_NE(c->elements[2].column->on_update, nullptr);
  EXPECT_TRUE(c->elements[3].column->stored);
  ASSERT_NE(c->elements[4].index, nullptr);
  EXPECT_EQ(c->elements[4].index->kind, IndexKind::kPrimary);
  EXPECT_EQ(c->elements[5].index->kind, IndexKind::kUnique);
  EXPECT_EQ(c->elements[5].index->parts[0].length, "10");
  EXPECT_EQ(c->elements[5].index->parts[0].dir, OrderDir::kDesc);
  EXPECT_EQ(c->elements[6].index->kind, IndexKind::kForeign);
  EXPECT_EQ(c->elements[6].index->ref.table.name.raw, "u");
  EXPECT_EQ(c->elements[7].index->kind, IndexKind::kCheck);
  ASSERT_EQ(c->options.size, 2u);  // ENGINE = InnoDB DEFAULT CHARSET = utf8mb4
  EXPECT_EQ(c->options[0].name, "engine");
  EXPECT_EQ(c->options[0].value, "InnoDB");
  EXPECT_EQ(c->options[1].name, "default charset");
  ASSERT_NE(c->partition, nullptr);
  EXPECT_EQ(c->partition->by.type, PartitionType::kHash);
  EXPECT_EQ(c->partition->by.partitions, "4");
  EXPECT_EQ(Format(*p),
            "create table if not exists db.t (id bigint unsigned not null "
            "auto_increment, name varchar(64) character set utf8mb4 not null "
            "default 'x' comment 'n', ts timestamp(6) default "
            "current_timestamp(6) on update current_timestamp(6), v int as (id "
            "+ 1) stored, primary key (id), unique key uk (name(10) desc), "
            "constraint fk foreign key (id) references u (uid) on delete "
            "cascade, check (id > 0)) engine = InnoDB default charset = "
            "utf8mb4 partition by hash (id) partitions 4");
}

TEST(CreateTableTest, GoldenCreateTablesAreTyped) {
  std::ifstream in("lib/sql/testdata/ddl.txt");
  ASSERT_TRUE(in.good());
  int typed = 0;
  for (std::string line; std::getline(in, line);) {
    if (!absl::StartsWith(line, "create table ") &&
        !absl::StartsWith(line, "create temporary table")) {
      continue;
    }
    auto p = Parse(line);
    ASSERT_THAT(p, IsOk()) << line;
    EXPECT_NE(TypedCreateTable(*p), nullptr) << "kept as tokens: " << line;
    ++typed;
  }
  EXPECT_GT(typed, 15);
}

TEST(CreateTableTest, AsSelectAndLike) {
  auto p = Parse("create table t like u");
  ASSERT_THAT(p, IsOk());
  ASSERT_NE(TypedCreateTable(*p), nullptr);
  EXPECT_TRUE(TypedCreateTable(*p)->has_like);
  auto q = Parse("create table t (a int) ignore select 1 as a");
  ASSERT_THAT(q, IsOk());
  ASSERT_NE(TypedCreateTable(*q), nullptr);
  EXPECT_NE(TypedCreateTable(*q)->query, nullptr);
  EXPECT_EQ(Format(*q), "create table t (a int) ignore as select 1 as a");
}

}  // namespace
}  // namespace tessera::sql
