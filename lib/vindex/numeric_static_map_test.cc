#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/key/key_range.h"
#include "lib/testing/status_matchers.h"
#include "lib/vindex/builtin.h"

namespace tessera::vindex {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::StatusIs;
using ::testing::HasSubstr;

std::string MapHex(const Vindex& v, const Value& value) {
  auto d = v.Map({Row{value}}, nullptr);
  if (!d.ok()) return "error";
  if ((*d)[0].kind == Destination::Kind::kNone) return "none";
  return key::KeyspaceIdToHex((*d)[0].ksids[0]);
}

TEST(NumericStaticMapTest, InlineJson) {
  VindexRegistry r = NewBuiltinRegistry();
  auto v = r.Create(VindexSpec{
      "m", "numeric_static_map", {{"json", R"({"1": 2, "3": 256 })"}}, ""});
  ASSERT_THAT(v, IsOk());
  EXPECT_EQ(MapHex(**v, Value::Int64(1)), "0000000000000002");
  EXPECT_EQ(MapHex(**v, Value::Int64(3)), "0000000000000100");
  EXPECT_EQ(MapHex(**v, Value::Int64(5)), "0000000000000005");
  EXPECT_EQ(MapHex(**v, Value::Text("x")), "none");
}

TEST(NumericStaticMapTest, FileAndFallback) {
  std::string path = std::string(getenv("TEST_TMPDIR")) + "/map.json";
  std::ofstream(path) << "{\"10\": \"1\"}\n";
  VindexRegistry r = NewBuiltinRegistry();
  auto v = r.Create(VindexSpec{"m",
                               "numeric_static_map",
                               {{"json_path", path}, {"fallback_type", "hash"}},
                               ""});
  ASSERT_THAT(v, IsOk());
  EXPECT_EQ(MapHex(**v, Value::Int64(10)), "0000000000000001");
  EXPECT_EQ(MapHex(**v, Value::Int64(1)), "166b40b44aba4bd6");  // hash(1)
}

TEST(NumericStaticMapTest, Errors) {
  VindexRegistry r = NewBuiltinRegistry();
  struct Case {
    std::map<std::string, std::string> params;
    const char* message;
  } cases[] = {
      {{}, "exactly one of json and json_path"},
      {{{"json", "{}"}, {"json_path", "/x"}}, "exactly one"},
      {{{"json_path", "/nonexistent/map.json"}}, "cannot read"},
      {{{"json", "{\"a\": 1}"}},
       "bad JSON map at offset 2: want an integer key"},
      {{{"json", "{\"1\": 2"}}, "want ',' or '}'"},
      {{{"json", "{\"1\": 2} x"}}, "trailing text"},
      {{{"json", "{}"}, {"fallback_type", "lookup"}}, "missing param table"},
      {{{"json", "{}"}, {"fallback_type", "multicol"}}, "column_count"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(
        r.Create(VindexSpec{"m", "numeric_static_map", c.params, ""}),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.message)))
        << c.message;
  }
}

}  // namespace
}  // namespace tessera::vindex
