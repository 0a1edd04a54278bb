#include "lib/vindex/hash.h"

#include <cstdint>

#include "gtest/gtest.h"
#include "lib/key/key_range.h"

namespace tessera::vindex {
namespace {

TEST(HashTest, RoundTripsAcrossTheRange) {
  // A bounded sweep: powers of two, their neighbours, and a stride.
  for (int bit = 0; bit < 64; ++bit) {
    for (uint64_t v : {(1ULL << bit) - 1, 1ULL << bit, (1ULL << bit) + 1}) {
      std::string k = VitessHash(v);
      ASSERT_EQ(k.size(), 8u);
      EXPECT_EQ(VitessUnhash(k), v) << v;
    }
  }
  for (uint64_t v = 0; v < 100000; v += 97)
    EXPECT_EQ(VitessUnhash(VitessHash(v)), v);
}

TEST(HashTest, KnownVector) {
  EXPECT_EQ(key::KeyspaceIdToHex(VitessHash(1)), "166b40b44aba4bd6");
  EXPECT_FALSE(VitessUnhash("short").has_value());
}

}  // namespace
}  // namespace tessera::vindex
