#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/key/key_range.h"
#include "lib/testing/status_matchers.h"
#include "lib/vindex/builtin.h"
#include "lib/vindex/hash.h"

namespace tessera::vindex {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::StatusIs;
using ::testing::HasSubstr;

class MulticolTest : public ::testing::Test {
 protected:
  std::unique_ptr<Vindex> Make(std::map<std::string, std::string> params) {
    auto v = registry_.Create(VindexSpec{"mc", "multicol", params, ""});
    EXPECT_THAT(v, IsOk());
    return v.ok() ? *std::move(v) : nullptr;
  }
  VindexRegistry registry_ = NewBuiltinRegistry();
};

TEST_F(MulticolTest, DefaultSplitsEightBytesAcrossHashes) {
  auto v = Make({{"column_count", "2"}});
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->column_count(), 2);
  auto d = v->Map({Row{Value::Int64(1), Value::Int64(2)}}, nullptr);
  ASSERT_THAT(d, IsOk());
  // First 4 bytes of hash(1) then first 4 bytes of hash(2).
  EXPECT_EQ(key::KeyspaceIdToHex((*d)[0].ksids[0]), "166b40b406e7ea22");
}

TEST_F(MulticolTest, ExplicitBytesAndVindexes) {
  auto v = Make({{"column_count", "3"},
                 {"column_bytes", "1,2"},
                 {"column_vindex", "numeric,hash,xxhash"}});
  ASSERT_NE(v, nullptr);
  auto d = v->Map({Row{Value::Int64(0x0102), Value::Int64(1), Value::Int64(1)}},
                  nullptr);
  ASSERT_THAT(d, IsOk());
  // numeric(0x0102) = 00..0102 -> "00"; hash(1) -> "166b"; xxhash("1")
  // -> first 5 bytes of b7b41276360564d4.
  EXPECT_EQ(key::KeyspaceIdToHex((*d)[0].ksids[0]), "00166bb7b4127636");
}

TEST_F(MulticolTest, UnsetColumnsShareTheBytesLeft) {
  auto v = Make({{"column_count", "3"}, {"column_vindex", "numeric"}});
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->cost(), 2);  // numeric 0 + hash 1 + hash 1
  // 8 bytes over 3 columns: ceil(8/3)=3, ceil(5/2)=3, 2.
  auto d = v->Map({Row{Value::Uint64(0xaabbccdd11223344ULL), Value::Int64(1),
                       Value::Int64(1)}},
                  nullptr);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(key::KeyspaceIdToHex((*d)[0].ksids[0]), "aabbcc166b40166b");
  // An empty entry counts as unset: 2, (6 left over 2 columns) 3, 3.
  auto w = Make({{"column_count", "3"},
                 {"column_bytes", ",2"},
                 {"column_vindex", "numeric,numeric,numeric"}});
  ASSERT_NE(w, nullptr);
  d = w->Map({Row{Value::Uint64(0x0102030405060708ULL),
                  Value::Uint64(0x1112131415161718ULL),
                  Value::Uint64(0x2122232425262728ULL)}},
             nullptr);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(key::KeyspaceIdToHex((*d)[0].ksids[0]), "0102031112212223");
}

TEST_F(MulticolTest, ShortHashesAreZeroPadded) {
  auto v = Make({{"column_count", "2"},
                 {"column_bytes", "4,4"},
                 {"column_vindex", "binary,hash"}});
  ASSERT_NE(v, nullptr);
  auto d = v->Map(
      {Row{Value::Binary("ab"), Value::Int64(1)}, Row{Value::Binary("ab")}},
      nullptr);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(key::KeyspaceIdToHex((*d)[0].ksids[0]), "61620000166b40b4");
  // A short last column is not padded; the prefix range is [6162, 6163).
  EXPECT_EQ((*d)[1].range.ToShardName(), "6162-6163");
}

TEST_F(MulticolTest, PrefixMapsToKeyRange) {
  auto v = Make({{"column_count", "2"}, {"column_vindex", "numeric"}});
  ASSERT_NE(v, nullptr);
  auto d = v->Map({Row{Value::Uint64(0x11223344ffffffffULL)},
                   Row{Value::Uint64(0xffffffffULL << 32)}},
                  nullptr);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ((*d)[0].kind, Destination::Kind::kKeyRange);
  EXPECT_EQ((*d)[0].range.ToShardName(), "11223344-11223345");
  EXPECT_EQ((*d)[1].range.ToShardName(), "ffffffff-");
  auto none = v->Map({Row{Value::Text("x"), Value::Int64(1)}}, nullptr);
  ASSERT_THAT(none, IsOk());
  EXPECT_EQ((*none)[0].kind, Destination::Kind::kNone);
}

TEST_F(MulticolTest, Verify) {
  auto v = Make({{"column_count", "2"}});
  ASSERT_NE(v, nullptr);
  auto d = v->Map({Row{Value::Int64(1), Value::Int64(2)}}, nullptr);
  ASSERT_THAT(d, IsOk());
  std::string k = (*d)[0].ksids[0];
  auto ok = v->Verify({Row{Value::Int64(1), Value::Int64(2)},
                       Row{Value::Int64(2), Value::Int64(1)}},
                      {k, k}, nullptr);
  ASSERT_THAT(ok, IsOk());
  EXPECT_THAT(*ok, ::testing::ElementsAre(true, false));
}

TEST_F(MulticolTest, BadParams) {
  struct Case {
    std::map<std::string, std::string> params;
    const char* message;
  } cases[] = {
      {{}, "column_count must be"},
      {{{"column_count", "9"}}, "column_count must be"},
      {{{"column_count", "2"}, {"column_bytes", "4,5"}}, "more than 8"},
      {{{"column_count", "2"}, {"column_bytes", "8"}}, "not enough"},
      {{{"column_count", "1"}, {"column_bytes", "x"}}, "bad column_bytes"},
      {{{"column_count", "2"}, {"column_bytes", "1,2,3"}}, "more entries"},
      {{{"column_count", "2"}, {"column_vindex", "lookup"}}, "lookup"},
      {{{"column_count", "1"}, {"column_vindex", "nope"}},
       "unknown vindex type 'nope'"},
      {{{"column_count", "1"}, {"column_vindex", "a,b"}}, "more entries"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(
        registry_.Create(VindexSpec{"mc", "multicol", c.params, ""}),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.message)))
        << c.message;
  }
}

}  // namespace
}  // namespace tessera::vindex
