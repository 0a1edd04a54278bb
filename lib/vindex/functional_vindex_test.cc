// Keyspace ids of the functional vindexes, checked three ways: fixed
// vectors (from the issue and from the reference tools), and, where the
// tool is installed, a fresh computation by openssl / xxhsum / python3.
#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/key/key_range.h"
#include "lib/testing/status_matchers.h"
#include "lib/vindex/builtin.h"
#include "lib/vindex/test_support.h"

namespace tessera::vindex {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::vindex::testing::HaveTool;
using ::tessera::vindex::testing::RunTool;

class FunctionalVindexTest : public ::testing::Test {
 protected:
  // Hex keyspace id of `v` under a fresh vindex of `type`, "none" if none.
  std::string Ksid(const std::string& type, const Value& v) {
    auto vindex = registry_.Create(VindexSpec{"v", type, {}, ""});
    EXPECT_THAT(vindex, IsOk());
    if (!vindex.ok()) return "error";
    auto d = (*vindex)->Map({Row{v}}, nullptr);
    EXPECT_THAT(d, IsOk());
    if (!d.ok() || d->size() != 1) return "error";
    if ((*d)[0].kind == Destination::Kind::kNone) return "none";
    EXPECT_EQ((*d)[0].kind, Destination::Kind::kKeyspaceId);
    return key::KeyspaceIdToHex((*d)[0].ksids[0]);
  }

  VindexRegistry registry_ = NewBuiltinRegistry();
};

std::string BigEndianBytes(uint64_t v) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i, v >>= 8) out[i] = static_cast<char>(v & 0xff);
  return out;
}

TEST_F(FunctionalVindexTest, HashIssueVectors) {
  const char* want[] = {"166b40b44aba4bd6", "06e7ea22ce92708f",
                        "4eb190c9a2fa169c", "d2fd8867d50d2dfe",
                        "70bb023c810ca87a", "f098480ac4c4be71"};
  for (int i = 1; i <= 6; ++i) {
    EXPECT_EQ(Ksid("hash", Value::Int64(i)), want[i - 1]) << i;
    EXPECT_EQ(Ksid("hash", Value::Uint64(i)), want[i - 1]) << i;
    EXPECT_EQ(Ksid("hash", Value::Text(absl::StrCat(i))), want[i - 1]) << i;
  }
}

TEST_F(FunctionalVindexTest, HashMatchesOpensslDesEcb) {
  const std::string openssl = "/usr/bin/openssl";
  if (!HaveTool(openssl)) GTEST_SKIP() << "openssl not installed";
  const uint64_t values[] = {
      0, 1, 7, 255, 1000000007, 1ULL << 63, 0xffffffffffffffffULL};
  for (uint64_t v : values) {
    auto out = RunTool(openssl +
                           " enc -des-ecb -K 0000000000000000 -nopad "
                           "-provider legacy -provider default",
                       BigEndianBytes(v));
    ASSERT_TRUE(out.has_value()) << "openssl failed for " << v;
    EXPECT_EQ(Ksid("hash", Value::Uint64(v)), key::KeyspaceIdToHex(*out)) << v;
  }
  // Signed values wrap to two's complement: -1 is 0xffff...ff.
  EXPECT_EQ(Ksid("hash", Value::Int64(-1)),
            Ksid("hash", Value::Uint64(0xffffffffffffffffULL)));
}

TEST_F(FunctionalVindexTest, XxhashVectorsAndXxhsum) {
  // From Debian's xxhsum -H1 (XXH64, seed 0) over the same bytes.
  struct Case {
    Value value;
    const char* want;
  } cases[] = {
      {Value::Int64(1), "b7b41276360564d4"},
      {Value::Int64(12345), "c6f2d2dd0ad64fb6"},
      {Value::Int64(-1), "3d62c7c8a7a6e2d8"},
      {Value::Text("hello"), "26c7827d889f6da3"},
      {Value::Binary(""), "ef46db3751d8e999"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Ksid("xxhash", c.value), c.want) << c.value.DebugString();
  }
  const std::string xxhsum = "/usr/bin/xxhsum";
  if (!HaveTool(xxhsum)) GTEST_SKIP() << "xxhsum not installed";
  for (const char* s : {"a", "tessera", "0123456789abcdef0123456789abcdef!",
                        "\xc3\xa9t\xc3\xa9"}) {
    auto out = RunTool(xxhsum + " -H1", s);
    ASSERT_TRUE(out.has_value());
    EXPECT_EQ(Ksid("xxhash", Value::Text(s)), out->substr(0, 16)) << s;
  }
}

TEST_F(FunctionalVindexTest, Md5MatchesPython) {
  const std::string python = "/usr/bin/python3";
  // Fixed vectors (RFC 1321 test suite).
  EXPECT_EQ(Ksid("binary_md5", Value::Text("")),
            "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(Ksid("binary_md5", Value::Text("abc")),
            "900150983cd24fb0d6963f7d28e17f72");
  if (!HaveTool(python)) GTEST_SKIP() << "python3 not installed";
  for (const char* s : {"1", "user@example.com", "\x01\x02\xff"}) {
    auto out = RunTool(python +
                           " -c 'import hashlib,sys; print(hashlib.md5("
                           "sys.stdin.buffer.read()).hexdigest(), end=\"\")'",
                       s);
    ASSERT_TRUE(out.has_value());
    EXPECT_EQ(Ksid("binary_md5", Value::Binary(s)), *out) << s;
  }
}

TEST_F(FunctionalVindexTest, IdentityLikeVindexes) {
  EXPECT_EQ(Ksid("numeric", Value::Int64(1)), "0000000000000001");
  EXPECT_EQ(Ksid("numeric", Value::Uint64(0x0102030405060708ULL)),
            "0102030405060708");
  EXPECT_EQ(Ksid("numeric", Value::Int64(-2)), "fffffffffffffffe");
  EXPECT_EQ(Ksid("binary", Value::Binary("\x01\xab")), "01ab");
  EXPECT_EQ(Ksid("binary", Value::Int64(42)), "3432");  // the text "42"
  // Reversed bits, checked with python: int('{:064b}'.format(v)[::-1], 2).
  EXPECT_EQ(Ksid("reverse_bits", Value::Int64(1)), "8000000000000000");
  EXPECT_EQ(Ksid("reverse_bits", Value::Uint64(0x0102030405060708ULL)),
            "10e060a020c04080");
  EXPECT_EQ(Ksid("null", Value::Int64(77)), "00");
  EXPECT_EQ(Ksid("null", Value::Null()), "00");
}

TEST_F(FunctionalVindexTest, NumericAndReverseBitsMatchPython) {
  const std::string python = "/usr/bin/python3";
  if (!HaveTool(python)) GTEST_SKIP() << "python3 not installed";
  // One line per value: "<numeric hex> <reverse_bits hex>".
  const std::string script =
      python +
      " -c 'import sys,struct\n"
      "for v in map(int, sys.stdin.read().split()):\n"
      "  v %= 2**64\n"
      "  r = int(format(v, \"064b\")[::-1], 2)\n"
      "  print(struct.pack(\">Q\", v).hex(), struct.pack(\">Q\", r).hex())'";
  const int64_t values[] = {0,  1,   2,         255,      65536, 1234567890123,
                            -1, -42, INT64_MAX, INT64_MIN};
  std::string input;
  for (int64_t v : values) absl::StrAppend(&input, v, " ");
  auto out = RunTool(script, input);
  ASSERT_TRUE(out.has_value());
  std::vector<std::string> lines =
      absl::StrSplit(*out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), std::size(values));
  for (size_t i = 0; i < lines.size(); ++i) {
    std::vector<std::string> want = absl::StrSplit(lines[i], ' ');
    ASSERT_EQ(want.size(), 2u);
    EXPECT_EQ(Ksid("numeric", Value::Int64(values[i])), want[0]) << values[i];
    EXPECT_EQ(Ksid("reverse_bits", Value::Int64(values[i])), want[1])
        << values[i];
  }
}

TEST_F(FunctionalVindexTest, ValuesThatMapNowhere) {
  for (const char* type : {"hash", "numeric", "reverse_bits"}) {
    EXPECT_EQ(Ksid(type, Value::Text("abc")), "none") << type;
    EXPECT_EQ(Ksid(type, Value(ValueType::kDecimal, "1.5")), "none") << type;
    EXPECT_EQ(Ksid(type, Value::Null()), "none") << type;
  }
  for (const char* type : {"xxhash", "binary", "binary_md5",
                           "unicode_loose_md5", "unicode_loose_xxhash"}) {
    EXPECT_EQ(Ksid(type, Value::Null()), "none") << type;
  }
}

TEST_F(FunctionalVindexTest, UnicodeLooseIsCaseAndAccentInsensitive) {
  for (const char* type : {"unicode_loose_md5", "unicode_loose_xxhash"}) {
    std::string base = Ksid(type, Value::Text("resume"));
    EXPECT_EQ(Ksid(type, Value::Text("R\xc3\xa9sum\xc3\xa9")), base);  // Résumé
    EXPECT_EQ(Ksid(type, Value::Text("RESUME   ")), base);
    EXPECT_EQ(Ksid(type, Value::Text("Re\xcc\x81sume")), base);  // combining
    EXPECT_NE(Ksid(type, Value::Text("resumes")), base);
  }
  EXPECT_EQ(Ksid("unicode_loose_md5", Value::Text("Stra\xc3\x9f"
                                                  "e")),
            Ksid("unicode_loose_md5", Value::Text("STRASSE")));
}

TEST_F(FunctionalVindexTest, PropertiesAndReverse) {
  struct Case {
    const char* type;
    int cost;
    bool reversible;
  } cases[] = {{"hash", 1, true},
               {"xxhash", 1, false},
               {"binary", 0, true},
               {"binary_md5", 1, false},
               {"numeric", 0, true},
               {"reverse_bits", 1, true},
               {"null", 100, false},
               {"unicode_loose_md5", 1, false},
               {"unicode_loose_xxhash", 1, false}};
  for (const Case& c : cases) {
    auto v = registry_.Create(VindexSpec{"v", c.type, {}, ""});
    ASSERT_THAT(v, IsOk()) << c.type;
    EXPECT_EQ((*v)->cost(), c.cost) << c.type;
    EXPECT_TRUE((*v)->unique()) << c.type;
    EXPECT_FALSE((*v)->needs_lookup()) << c.type;
    EXPECT_EQ((*v)->reversible(), c.reversible) << c.type;
    if (!c.reversible) continue;
    auto d = (*v)->Map({Row{Value::Uint64(987654321)}}, nullptr);
    ASSERT_THAT(d, IsOk());
    auto back = (*v)->ReverseMap({(*d)[0].ksids[0]});
    ASSERT_THAT(back, IsOk()) << c.type;
    EXPECT_EQ((*back)[0].data(), "987654321") << c.type;
    auto verify =
        (*v)->Verify({Row{Value::Int64(987654321)}, Row{Value::Int64(5)}},
                     {(*d)[0].ksids[0], (*d)[0].ksids[0]}, nullptr);
    ASSERT_THAT(verify, IsOk());
    EXPECT_THAT(*verify, ::testing::ElementsAre(true, false)) << c.type;
  }
}

TEST_F(FunctionalVindexTest, RejectsParamsAndBadRows) {
  auto v = registry_.Create(VindexSpec{"h", "hash", {{"foo", "1"}}, ""});
  EXPECT_THAT(v, ::tessera::testing::StatusIs(
                     absl::StatusCode::kInvalidArgument,
                     ::testing::HasSubstr("unknown param(s) foo")));
  auto h = registry_.Create(VindexSpec{"h", "hash", {}, ""});
  ASSERT_THAT(h, IsOk());
  EXPECT_THAT((*h)->Map({Row{Value::Int64(1), Value::Int64(2)}}, nullptr),
              ::tessera::testing::StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT((*h)->Verify({Row{Value::Int64(1)}}, {}, nullptr),
              ::tessera::testing::StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace tessera::vindex
