// Mutated documents must give an error or a valid vschema, never a crash.
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "lib/vschema/vschema.h"

namespace tessera::vschema {
namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

TEST(RobustnessTest, MutatedDocuments) {
  const std::string seeds[] = {Read("lib/vschema/testdata/cluster.json"),
                               Read("lib/vschema/testdata/customer.json")};
  const std::string alphabet = "{}[]\":,.-0123456789abcdefxyz \\tnul\xc3\xa9";
  std::mt19937 rng(20261128);  // fixed: the same cases every run
  int ok = 0, errors = 0;
  for (const std::string& seed : seeds) {
    ASSERT_FALSE(seed.empty());
    for (int i = 0; i < 1500; ++i) {
      std::string doc = seed;
      int edits = 1 + static_cast<int>(rng() % 4);
      for (int e = 0; e < edits && !doc.empty(); ++e) {
        size_t pos = rng() % doc.size();
        char c = alphabet[rng() % alphabet.size()];
        switch (rng() % 3) {
          case 0:
            doc[pos] = c;
            break;
          case 1:
            doc.erase(pos, 1 + rng() % 8);
            break;
          default:
            doc.insert(pos, 1, c);
        }
      }
      absl::Status s = ValidateVSchemaJson(doc);
      if (s.ok()) {
        ++ok;
      } else {
        ++errors;
        EXPECT_FALSE(s.message().empty());
      }
    }
  }
  // Most mutations break the document; some (in whitespace, names) do not.
  EXPECT_GT(errors, 0);
  EXPECT_GT(ok, 0);
}

}  // namespace
}  // namespace tessera::vschema
