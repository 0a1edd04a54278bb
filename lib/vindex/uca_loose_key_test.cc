// UcaLooseKey and the unicode_loose_* vindexes against vectors from the
// reference (Vitess's collator, golang.org/x/text/collate, through
// uca/uca_loose_keys.go): hand-picked strings and 1500 seeded random strings
// over many scripts (uca/gen_uca_loose_vectors.py).
#include "lib/vindex/uca_loose_key.h"

#include <xxhash.h>

#include <random>
#include <string>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "lib/base/mysql_error.h"
#include "lib/key/key_range.h"
#include "lib/testing/status_matchers.h"
#include "lib/vindex/builtin.h"
#include "lib/vindex/test_support.h"

namespace tessera::vindex {
namespace {

using ::tessera::testing::IsOk;

struct Vector {
  const char* input_hex;
  const char* key_hex;  // "error" for invalid UTF-8
  const char* md5_hex;
};

constexpr Vector kVectors[] = {
#include "lib/vindex/uca/uca_loose_vectors.inc"
};

std::string Hex(absl::string_view bytes) {
  return absl::BytesToHexString(bytes);
}

std::string KeyHex(absl::string_view s) {
  std::string key;
  absl::Status st = UcaLooseKey(s, &key);
  return st.ok() ? Hex(key) : "error";
}

TEST(UcaLooseKeyTest, ReferenceVectors) {
  ASSERT_GT(std::size(kVectors), 1500u);
  int errors = 0;
  for (const Vector& v : kVectors) {
    std::string input = absl::HexStringToBytes(v.input_hex);
    EXPECT_EQ(KeyHex(input), v.key_hex) << "input " << v.input_hex;
    errors += std::string(v.key_hex) == "error";
  }
  EXPECT_GE(errors, 7);
}

TEST(UcaLooseKeyTest, Examples) {
  EXPECT_EQ(KeyHex("a"), "15ef");
  EXPECT_EQ(KeyHex("A"), KeyHex("\xc3\xa1"));  // A = á
  EXPECT_EQ(KeyHex("a\xcc\x81   "), "15ef");   // a + U+0301, spaces
  EXPECT_EQ(KeyHex("Stra\xc3\x9f"
                   "e"),
            KeyHex("STRASSE"));                               // ß = ss
  EXPECT_EQ(KeyHex("\xef\xbc\xa1"), "15ef");                  // fullwidth A
  EXPECT_EQ(KeyHex("\xe4\xb8\xad"), "814e2d");                // 中: implicit
  EXPECT_EQ(KeyHex("\xd0\xb8\xcc\x86"), KeyHex("\xd0\xb9"));  // и+˘ = й
  EXPECT_NE(KeyHex("\xd0\xb9"), KeyHex("\xd0\xb8"));
  // Discontiguous contraction across a lower-class mark: и + U+0323 + U+0306.
  EXPECT_EQ(KeyHex("\xd0\xb8\xcc\xa3\xcc\x86"), KeyHex("\xd0\xb9"));
  EXPECT_EQ(KeyHex("\xea\xb0\x80"), KeyHex("\xe1\x84\x80\xe1\x85\xa1"));  // 가
  EXPECT_EQ(KeyHex(""), "");
  EXPECT_EQ(KeyHex("   "), "");
  EXPECT_EQ(KeyHex("a\xc2\xad"), "15ef");  // soft hyphen is ignorable
}

// Ideographs added in Unicode 14 and 15 weigh as x/text does with Go's
// Unicode 15 tables (Go >= 1.21, current Vitess): U+4E00..U+9FFF as
// cp + 0x10000, other ideographs cp + 0x20000; unassigned code points
// cp + 0x50000. (The reference vectors come from Go 1.19, Unicode 13.)
TEST(UcaLooseKeyTest, IdeographsOfNewerUnicode) {
  EXPECT_EQ(KeyHex("\xe9\xbf\xbf"), "819fff");      // U+9FFF
  EXPECT_EQ(KeyHex("\xf0\xaa\x9b\x9e"), "84a6de");  // U+2A6DE
  EXPECT_EQ(KeyHex("\xf0\xb1\x8d\x90"), "851350");  // U+31350
  EXPECT_EQ(KeyHex("\xf0\xb2\x8e\xb0"), "8823b0");  // U+323B0, unassigned
}

TEST(UcaLooseKeyTest, InvalidUtf8IsAnError) {
  std::string key;
  absl::Status st = UcaLooseKey("ab\xff", &key);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(ToMysqlError(st).code, 1105);
  EXPECT_NE(st.message().find("invalid UTF-8"), std::string::npos);
  for (const char* bad :
       {"\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82", "\x80"}) {
    EXPECT_FALSE(UcaLooseKey(bad, &key).ok()) << Hex(bad);
  }
}

// Random bytes never crash; whatever is accepted is valid UTF-8 whose
// key does not change with trailing spaces.
TEST(UcaLooseKeyTest, RandomBytes) {
  std::mt19937 rng(11);
  std::string key, spaced;
  for (int i = 0; i < 5000; ++i) {
    std::string in(rng() % 24, '\0');
    for (char& c : in)
      c = static_cast<char>(rng() % 3 == 0 ? rng() & 0x7f : rng() & 0xff);
    if (!UcaLooseKey(in, &key).ok()) continue;
    ASSERT_TRUE(UcaLooseKey(in + "  ", &spaced).ok());
    EXPECT_EQ(key, spaced);
  }
}

class UnicodeLooseVindexTest : public ::testing::Test {
 protected:
  absl::StatusOr<std::vector<Destination>> Map(const std::string& type,
                                               const std::string& bytes) {
    auto vindex = registry_.Create(VindexSpec{"u", type, {}, ""});
    if (!vindex.ok()) return vindex.status();
    return (*vindex)->Map({Row{Value::Text(bytes)}}, nullptr);
  }
  VindexRegistry registry_ = NewBuiltinRegistry();
};

TEST_F(UnicodeLooseVindexTest, Md5KeyspaceIdsMatchReference) {
  for (const Vector& v : kVectors) {
    std::string input = absl::HexStringToBytes(v.input_hex);
    auto d = Map("unicode_loose_md5", input);
    if (std::string(v.key_hex) == "error") {
      EXPECT_FALSE(d.ok()) << v.input_hex;
      continue;
    }
    ASSERT_THAT(d, IsOk());
    ASSERT_EQ(d->size(), 1u);
    ASSERT_EQ((*d)[0].kind, Destination::Kind::kKeyspaceId);
    EXPECT_EQ(Hex((*d)[0].ksids[0]), v.md5_hex) << v.input_hex;
  }
}

TEST_F(UnicodeLooseVindexTest, XxhashIsXxh64OfTheReferenceKey) {
  for (const Vector& v : kVectors) {
    if (std::string(v.key_hex) == "error") continue;
    std::string key = absl::HexStringToBytes(v.key_hex);
    uint64_t h = XXH64(key.data(), key.size(), 0);
    std::string want(8, '\0');
    for (int i = 7; i >= 0; --i, h >>= 8) want[i] = static_cast<char>(h & 0xff);
    auto d = Map("unicode_loose_xxhash", absl::HexStringToBytes(v.input_hex));
    ASSERT_THAT(d, IsOk());
    EXPECT_EQ(Hex((*d)[0].ksids[0]), Hex(want)) << v.input_hex;
  }
}

TEST_F(UnicodeLooseVindexTest, XxhashMatchesXxhsum) {
  const std::string xxhsum = "/usr/bin/xxhsum";
  if (!testing::HaveTool(xxhsum)) GTEST_SKIP() << "xxhsum not installed";
  for (const char* s : {"Na\xc3\xafve Caf\xc3\xa9 ", "\xc3\x98resund"}) {
    std::string key;
    ASSERT_TRUE(UcaLooseKey(s, &key).ok());
    auto out = testing::RunTool("(" + xxhsum + " -H1)", key);
    ASSERT_TRUE(out.has_value());
    auto d = Map("unicode_loose_xxhash", s);
    ASSERT_THAT(d, IsOk());
    EXPECT_EQ(Hex((*d)[0].ksids[0]), out->substr(0, 16)) << s;
  }
}

TEST_F(UnicodeLooseVindexTest, InvalidUtf8FailsMapAndVerify) {
  for (const char* type : {"unicode_loose_md5", "unicode_loose_xxhash"}) {
    auto vindex = registry_.Create(VindexSpec{"u", type, {}, ""});
    ASSERT_THAT(vindex, IsOk());
    Row row{Value::Text("bad\xfe")};
    EXPECT_FALSE((*vindex)->Map({row}, nullptr).ok()) << type;
    EXPECT_FALSE(
        (*vindex)->Verify({row}, {std::string(16, 'x')}, nullptr).ok());
    auto null = (*vindex)->Map({Row{Value::Null()}}, nullptr);
    ASSERT_THAT(null, IsOk());
    EXPECT_EQ((*null)[0].kind, Destination::Kind::kNone);
  }
}

}  // namespace
}  // namespace tessera::vindex
