// Bounded fuzzing under Bazel (no libFuzzer needed): runs the fuzz body
// (fuzz_body.h) over every golden input, then over deterministic random
// mutations of them (byte edits, splices, SQL token insertions), bounded by
// a count and a time budget. Checks that nothing crashes and that
// Parse(Format(x)) round-trips. TESSERA_FUZZ_SEED / TESSERA_FUZZ_COUNT /
// TESSERA_FUZZ_SECONDS override the defaults for longer local runs.
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "lib/sql/fuzz/fuzz_body.h"

namespace tessera::sql {
namespace {

constexpr const char* kFiles[] = {"select", "expr", "join", "dml",   "ddl",
                                  "alter",  "show", "misc", "errors"};

// Fragments that steer mutations towards interesting syntax.
constexpr const char* kDict[] = {
    "(",
    ")",
    ",",
    "'",
    "\"",
    "`",
    "/*",
    "*/",
    "/*!50000 ",
    "/*+ ",
    "-- ",
    "#",
    ";",
    "\\",
    "?",
    ":v1",
    "@a",
    "@@x",
    " select ",
    " from ",
    " where ",
    " union ",
    " join ",
    " on ",
    " using ",
    " as ",
    " not ",
    " in ",
    " like ",
    " between ",
    " and ",
    " or ",
    " case ",
    " when ",
    " end ",
    " interval ",
    " table ",
    " index ",
    " key ",
    " add ",
    " drop ",
    " column ",
    " alter ",
    " show ",
    " like ",
    " values ",
    " partition ",
    " by ",
    " primary ",
    " default ",
    " check ",
    " constraint ",
    " references ",
    " 0x1f ",
    " 1e9 ",
    " .5 ",
    " _utf8mb4'x' ",
    " null ",
    " * ",
    " - ",
    " + ",
    " = ",
    " <=> ",
    " -> ",
    " ->> ",
};

uint64_t EnvOr(const char* name, uint64_t def) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::strtoull(v, nullptr, 10) : def;
}

std::vector<std::string> GoldenInputs() {
  std::vector<std::string> out;
  for (const char* name : kFiles) {
    std::ifstream in(std::string("lib/sql/testdata/") + name + ".txt");
    for (std::string l; std::getline(in, l);) {
      if (l.empty() || l[0] == '#' || absl::StartsWith(l, "-> ") ||
          absl::StartsWith(l, "!! ")) {
        continue;
      }
      out.push_back(l);
    }
  }
  return out;
}

class Mutator {
 public:
  Mutator(uint64_t seed, const std::vector<std::string>* corpus)
      : rng_(seed), corpus_(*corpus) {}

  std::string Mutate(std::string s) {
    int edits = 1 + static_cast<int>(Below(4));
    for (int i = 0; i < edits; ++i) Edit(&s);
    if (s.size() > 4096) s.resize(4096);
    return s;
  }

 private:
  uint64_t Below(uint64_t n) { return n == 0 ? 0 : rng_() % n; }

  void Edit(std::string* s) {
    size_t pos = Below(s->size() + 1);
    switch (Below(7)) {
      case 0:  // flip a byte
        if (!s->empty()) (*s)[Below(s->size())] ^= 1 << Below(8);
        break;
      case 1:  // random byte
        s->insert(pos, 1, static_cast<char>(Below(256)));
        break;
      case 2:  // delete a range
        if (!s->empty()) s->erase(pos, 1 + Below(16));
        break;
      case 3: {  // duplicate a range
        size_t len = Below(32);
        if (pos < s->size()) s->insert(pos, s->substr(pos, len));
        break;
      }
      case 4: {  // splice a piece of another input
        const std::string& o = corpus_[Below(corpus_.size())];
        size_t from = Below(o.size());
        s->insert(pos, o.substr(from, 1 + Below(40)));
        break;
      }
      case 5:  // insert a dictionary fragment
        s->insert(pos, kDict[Below(std::size(kDict))]);
        break;
      default: {  // replace a word-sized range by a fragment
        if (s->empty()) break;
        s->erase(pos, Below(8));
        s->insert(std::min(pos, s->size()), kDict[Below(std::size(kDict))]);
        break;
      }
    }
  }

  std::mt19937_64 rng_;
  const std::vector<std::string>& corpus_;
};

TEST(FuzzTest, GoldenCorpusRoundTrips) {
  std::vector<std::string> corpus = GoldenInputs();
  ASSERT_GT(corpus.size(), 1000u);
  for (const std::string& sql : corpus) {
    std::string why = FuzzOne(sql);
    EXPECT_TRUE(why.empty()) << sql << "\n" << why;
  }
}

TEST(FuzzTest, BoundedRandomMutations) {
  std::vector<std::string> corpus = GoldenInputs();
  ASSERT_FALSE(corpus.empty());
  const uint64_t seed = EnvOr("TESSERA_FUZZ_SEED", 20261128);
  const uint64_t count = EnvOr("TESSERA_FUZZ_COUNT", 500000);
  const auto budget = std::chrono::seconds(EnvOr("TESSERA_FUZZ_SECONDS", 45));
  const auto start = std::chrono::steady_clock::now();
  Mutator m(seed, &corpus);
  std::mt19937_64 pick(seed ^ 0x9e3779b97f4a7c15ULL);
  std::vector<std::string> failures;
  uint64_t runs = 0;
  for (; runs < count; ++runs) {
    // Budget check every 256 runs bounds the wall time on a loaded machine.
    if ((runs & 255) == 0 && std::chrono::steady_clock::now() - start > budget)
      break;
    std::string input = m.Mutate(corpus[pick() % corpus.size()]);
    std::string why = FuzzOne(input);
    if (!why.empty() && failures.size() < 20) {
      failures.push_back(input + "\n    " + why);
    }
  }
  std::printf("fuzz: seed %llu, %llu mutated inputs\n",
              static_cast<unsigned long long>(seed),
              static_cast<unsigned long long>(runs));
  EXPECT_GT(runs, 1000u);
  for (const std::string& f : failures) ADD_FAILURE() << f;
}

}  // namespace
}  // namespace tessera::sql
