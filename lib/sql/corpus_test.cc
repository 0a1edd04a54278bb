// The real-world style corpora (lib/sql/testdata/corpus/*.sql): every
// statement parses, its canonical form parses again to the same canonical
// text and the same tree shape, and the normalizer accepts it. The corpora
// hold only statements MariaDB 10.11 accepts (corpus_mariadb_test checks
// that against a real server), so a parse failure here is a parser gap.
#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/sql/format.h"
#include "lib/sql/normalize.h"
#include "lib/sql/parser.h"
#include "lib/sql/testing/corpus.h"

namespace tessera::sql {
namespace {

TEST(CorpusTest, EveryStatementParsesAndRoundTrips) {
  FormatOptions all;
  all.parenthesize_all = true;
  int total = 0;
  for (const std::string& name : testing::CorpusNames()) {
    auto corpus = testing::LoadCorpus(name);
    ASSERT_TRUE(corpus.ok()) << corpus.status();
    int round_trips = 0;
    for (const auto& s : *corpus) {
      SCOPED_TRACE(absl::StrCat(name, "#", s.index, ": ", s.sql));
      auto p1 = Parse(s.sql);
      ASSERT_TRUE(p1.ok()) << p1.status();
      std::string f1 = Format(*p1);
      auto p2 = Parse(f1);
      ASSERT_TRUE(p2.ok()) << "canonical: " << f1 << "\n" << p2.status();
      EXPECT_EQ(Format(*p2), f1);
      EXPECT_EQ(Format(*p2, all), Format(*p1, all));
      auto n = Normalize(s.sql);
      EXPECT_TRUE(n.ok()) << n.status();
      ++round_trips;
    }
    std::printf("corpus %s: %d statements parse and round-trip\n",
                name.c_str(), round_trips);
    EXPECT_GT(round_trips, 50) << name;
    total += round_trips;
  }
  std::printf("corpora: %d statements\n", total);
}

}  // namespace
}  // namespace tessera::sql
