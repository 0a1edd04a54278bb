#include "lib/vindex/registry.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/status_matchers.h"
#include "lib/vindex/builtin.h"

namespace tessera::vindex {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::StatusIs;
using ::testing::HasSubstr;

TEST(RegistryTest, BuiltinTypes) {
  VindexRegistry r = NewBuiltinRegistry();
  EXPECT_THAT(
      r.Types(),
      ::testing::UnorderedElementsAre(
          "binary", "binary_md5", "consistent_lookup",
          "consistent_lookup_unique", "hash", "lookup", "lookup_unique",
          "multicol", "null", "numeric", "numeric_static_map", "reverse_bits",
          "unicode_loose_md5", "unicode_loose_xxhash", "xxhash"));
}

TEST(RegistryTest, UnknownTypeAndDuplicates) {
  VindexRegistry r = NewBuiltinRegistry();
  EXPECT_THAT(
      r.Create(VindexSpec{"v", "hashh", {}, ""}),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("unknown vindex type 'hashh' for vindex 'v'")));
  EXPECT_THAT(RegisterHash(r), StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST(RegistryTest, RegistriesAreIndependent) {
  VindexRegistry empty;
  EXPECT_FALSE(empty.Has("hash"));
  ASSERT_THAT(RegisterHash(empty), IsOk());
  EXPECT_TRUE(empty.Has("hash"));
  EXPECT_FALSE(empty.Has("xxhash"));
}

}  // namespace
}  // namespace tessera::vindex
