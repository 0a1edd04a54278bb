// SequenceAllocator against a real MariaDB sequence table, with several
// allocators (as several gateways would) on their own connections.
#include <set>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/mariadb_fixture.h"
#include "lib/testing/status_matchers.h"
#include "lib/vindex/mariadb_test_executor.h"
#include "lib/vschema/sequence.h"

namespace tessera::vschema {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::MariadbFixture;
using ::tessera::vindex::testing::MariadbTestExecutor;

TEST(SequenceMariadbTest, ConcurrentAllocatorsNeverOverlap) {
  auto db = MariadbFixture::Start({});
  ASSERT_THAT(db, IsOk());
  const auto& s = (*db)->primary(0);
  for (const char* sql :
       {"create database seqks",
        "create table seqks.user_seq (id int, next_id bigint, cache bigint,"
        " primary key (id)) comment 'vitess_sequence'",
        "insert into seqks.user_seq (id, next_id, cache) values (0, 1000, "
        "7)"}) {
    ASSERT_THAT(::tessera::testing::Exec(s, sql), IsOk()) << sql;
  }
  constexpr int kGateways = 3;
  constexpr int kIdsEach = 60;
  std::vector<std::vector<int64_t>> got(kGateways);
  std::vector<std::thread> threads;
  for (int g = 0; g < kGateways; ++g) {
    threads.emplace_back([&, g] {
      auto ex = MariadbTestExecutor::Connect(
          {s.host, s.port, s.user, s.password, "seqks"});
      if (!ex.ok()) return;
      SequenceAllocator seq("user_seq");
      for (int i = 0; i < kIdsEach; ++i) {
        auto id = seq.Next(ex->get(), i % 5 == 0 ? 3 : 1);
        if (!id.ok()) return;
        got[g].push_back(*id);
      }
    });
  }
  for (auto& t : threads) t.join();
  std::set<int64_t> all;
  size_t total = 0;
  for (const auto& g : got) {
    EXPECT_EQ(g.size(), static_cast<size_t>(kIdsEach));
    total += g.size();
    all.insert(g.begin(), g.end());
  }
  EXPECT_EQ(all.size(), total);  // no id handed out twice
  EXPECT_GE(*all.begin(), 1000);
  auto row = ::tessera::testing::Query(
      s, "select next_id from seqks.user_seq where id = 0");
  ASSERT_THAT(row, IsOk());
  int64_t next_id = std::stoll(*(*row)[0][0]);
  EXPECT_GT(next_id, *all.rbegin());
  EXPECT_EQ((next_id - 1000) % 7, 0);  // whole blocks only
}

TEST(SequenceMariadbTest, MissingTableIsAnError) {
  auto db = MariadbFixture::Start({});
  ASSERT_THAT(db, IsOk());
  const auto& s = (*db)->primary(0);
  ASSERT_THAT(::tessera::testing::Exec(s, "create database e"), IsOk());
  auto ex =
      MariadbTestExecutor::Connect({s.host, s.port, s.user, s.password, "e"});
  ASSERT_THAT(ex, IsOk());
  SequenceAllocator seq("no_such_seq");
  EXPECT_THAT(seq.Next(ex->get()),
              ::tessera::testing::MysqlErrorIs(1146, "42S02"));
}

}  // namespace
}  // namespace tessera::vschema
