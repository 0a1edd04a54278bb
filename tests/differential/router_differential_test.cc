// The differential suite through tessera::Router: the corpus loaded into one
// MariaDB and across 4 `commerce` shards plus a `main` shard, every query of
// queries.sql, random queries from random_queries.py for a bounded time, and
// the DML groups of dml.sql, compared with the single server. A refusal
// (1235) is counted, never a pass; any other difference fails and prints the
// statement with both results. Environment: TESSERA_DIFF_RANDOM_SECONDS
// (default 60), TESSERA_DIFF_RANDOM_SEED (first seed, default 1).
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/differential/corpus_reader.h"
#include "tests/differential/diff_cluster.h"
#include "tests/differential/differ.h"

namespace tessera::difftest {
namespace {

constexpr int kQueriesPerSeed = 50;
constexpr int kMaxSeeds = 2000;  // bounds the loop whatever the clock says
constexpr size_t kFailuresShown = 40;

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  int out = 0;
  return v != nullptr && absl::SimpleAtoi(v, &out) ? out : fallback;
}

// random_queries.py --seed N --count M: one query a line, ending with ';'.
std::vector<std::string> RandomQueries(int seed, int count) {
  std::string cmd = absl::StrCat("python3 ", CorpusPath("random_queries.py"),
                                 " --seed ", seed, " --count ", count);
  std::vector<std::string> out;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return out;
  std::string line;
  char buf[4096];
  while (fgets(buf, sizeof(buf), pipe) != nullptr) {
    line += buf;
    if (line.empty() || line.back() != '\n') continue;
    absl::string_view sql = absl::StripSuffix(line, "\n");
    sql = absl::StripSuffix(sql, ";");
    if (!sql.empty()) out.emplace_back(sql);
    line.clear();
  }
  pclose(pipe);
  return out;
}

class RouterDifferentialTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto cluster = DiffCluster::Start();
    ASSERT_TRUE(cluster.ok()) << cluster.status();
    cluster_ = cluster->release();
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(cluster_, nullptr) << "setup failed";
    auto session = cluster_->router().NewSession("commerce");
    ASSERT_TRUE(session.ok()) << session.status();
    session_ = std::move(*session);
    auto reference = cluster_->Reference();
    ASSERT_TRUE(reference.ok()) << reference.status();
    reference_ = std::move(*reference);
  }

  static void Report(const std::string& name, const Tally& tally) {
    std::cout << tally.Summary(name) << std::flush;
    for (size_t i = 0; i < tally.failures.size() && i < kFailuresShown; ++i) {
      ADD_FAILURE() << tally.failures[i];
    }
    EXPECT_EQ(tally.failed, 0)
        << name << ": " << tally.failed << " statements differ (first "
        << kFailuresShown << " shown)";
  }

  static DiffCluster* cluster_;
  std::unique_ptr<Session> session_;
  std::unique_ptr<ReferenceConnection> reference_;
};

DiffCluster* RouterDifferentialTest::cluster_ = nullptr;

TEST_F(RouterDifferentialTest, Queries) {
  auto queries = ReadStatements(CorpusPath("queries.sql"));
  ASSERT_TRUE(queries.ok()) << queries.status();
  ASSERT_GE(queries->size(), 400u);
  Differ differ(cluster_->router(), *session_, *reference_, /*writes=*/false);
  for (const Statement& q : *queries) {
    differ.Run(q, absl::StrCat("queries.sql:", q.line));
  }
  Report("queries.sql", differ.tally());
}

TEST_F(RouterDifferentialTest, RandomQueriesForABoundedTime) {
  const int seconds = EnvInt("TESSERA_DIFF_RANDOM_SECONDS", 60);
  const int first_seed = EnvInt("TESSERA_DIFF_RANDOM_SEED", 1);
  const absl::Time deadline = absl::Now() + absl::Seconds(seconds);
  Differ differ(cluster_->router(), *session_, *reference_, /*writes=*/false);
  int seed = first_seed;
  for (; seed < first_seed + kMaxSeeds && absl::Now() < deadline; ++seed) {
    std::vector<std::string> queries = RandomQueries(seed, kQueriesPerSeed);
    ASSERT_EQ(queries.size(), static_cast<size_t>(kQueriesPerSeed))
        << "random_queries.py --seed " << seed;
    for (size_t i = 0; i < queries.size() && absl::Now() < deadline; ++i) {
      Statement s{queries[i], "random", 0, std::nullopt};
      differ.Run(s, absl::StrCat("random seed ", seed, " #", i));
    }
  }
  Report(absl::StrCat("random (seeds ", first_seed, "..", seed - 1, ")"),
         differ.tally());
}

// Last: it changes the data the queries above read.
TEST_F(RouterDifferentialTest, DmlSequences) {
  auto statements = ReadStatements(CorpusPath("dml.sql"));
  ASSERT_TRUE(statements.ok()) << statements.status();
  Differ differ(cluster_->router(), *session_, *reference_, /*writes=*/true);
  for (const Statement& s : *statements) {
    differ.Run(s, absl::StrCat("dml.sql:", s.line));
  }
  Report("dml.sql", differ.tally());
}

}  // namespace
}  // namespace tessera::difftest
