// numeric_static_map: integer -> integer through a fixed JSON map, then
// 8-byte big-endian. Params: `json` (inline object) or `json_path` (file),
// e.g. {"1": 2, "3": 4}; `fallback_type` names a functional vindex type
// used for values missing from the map (default: the value itself).
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/vindex/builtin.h"
#include "lib/vindex/endian.h"
#include "lib/vindex/vindex.h"

namespace tessera::vindex {
namespace {

// Parses {"key": number, ...} with decimal uint64 keys and values (keys may
// be unquoted numbers too). Errors: InvalidArgument with the offset.
absl::StatusOr<std::map<uint64_t, uint64_t>> ParseMap(absl::string_view s) {
  std::map<uint64_t, uint64_t> out;
  size_t i = 0;
  auto ws = [&] {
    while (i < s.size() && absl::ascii_isspace(s[i])) ++i;
  };
  auto fail = [&](absl::string_view what) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad JSON map at offset ", i, ": ", what));
  };
  auto number = [&](bool quoted, uint64_t* v) -> bool {
    if (quoted && (i >= s.size() || s[i] != '"')) return false;
    if (quoted) ++i;
    size_t start = i;
    while (i < s.size() && absl::ascii_isdigit(s[i])) ++i;
    if (!absl::SimpleAtoi(s.substr(start, i - start), v)) return false;
    if (quoted && (i >= s.size() || s[i++] != '"')) return false;
    return true;
  };
  ws();
  if (i >= s.size() || s[i++] != '{') return fail("want '{'");
  ws();
  if (i < s.size() && s[i] == '}') return out;
  while (true) {
    ws();
    uint64_t k, v;
    bool quoted = i < s.size() && s[i] == '"';
    if (!number(quoted, &k)) return fail("want an integer key");
    ws();
    if (i >= s.size() || s[i++] != ':') return fail("want ':'");
    ws();
    if (!number(i < s.size() && s[i] == '"', &v)) {
      return fail("want an integer value");
    }
    out[k] = v;
    ws();
    if (i < s.size() && s[i] == ',') {
      ++i;
      continue;
    }
    if (i < s.size() && s[i] == '}') break;
    return fail("want ',' or '}'");
  }
  ++i;
  ws();
  if (i != s.size()) return fail("trailing text");
  return out;
}

class NumericStaticMapVindex : public FunctionalVindex {
 public:
  NumericStaticMapVindex(std::string name, std::map<uint64_t, uint64_t> map,
                         std::unique_ptr<Vindex> fallback)
      : FunctionalVindex(std::move(name)),
        map_(std::move(map)),
        fallback_(std::move(fallback)) {}
  absl::string_view type() const override { return "numeric_static_map"; }
  int cost() const override { return 1; }
  bool unique() const override { return true; }

  std::optional<std::string> KeyspaceId(const Value& value) const override {
    std::optional<uint64_t> v = value.ToUint64();
    if (!v) return std::nullopt;
    auto it = map_.find(*v);
    if (it != map_.end()) return BigEndian64(it->second);
    if (fallback_ != nullptr) {
      return static_cast<const FunctionalVindex*>(fallback_.get())
          ->KeyspaceId(value);
    }
    return BigEndian64(*v);
  }

 private:
  std::map<uint64_t, uint64_t> map_;
  std::unique_ptr<Vindex> fallback_;
};

absl::StatusOr<std::unique_ptr<Vindex>> Create(const VindexSpec& spec,
                                               const VindexRegistry& reg) {
  static constexpr absl::string_view kAllowed[] = {"json", "json_path",
                                                   "fallback_type"};
  absl::Status s = CheckParams(spec, kAllowed);
  if (!s.ok()) return s;
  std::string json = StringParam(spec, "json");
  std::string path = StringParam(spec, "json_path");
  if (json.empty() == path.empty()) {
    return ParamError(spec, "set exactly one of json and json_path");
  }
  if (!path.empty()) {
    std::ifstream in(path);
    if (!in) {
      return ParamError(spec, absl::StrCat("cannot read json_path ", path));
    }
    std::stringstream buf;
    buf << in.rdbuf();
    json = buf.str();
  }
  auto map = ParseMap(json);
  if (!map.ok()) return ParamError(spec, map.status().message());
  std::unique_ptr<Vindex> fallback;
  if (std::string type = StringParam(spec, "fallback_type"); !type.empty()) {
    auto fb = reg.Create(VindexSpec{spec.name + ".fallback", type, {}, ""});
    if (!fb.ok()) return ParamError(spec, fb.status().message());
    if (dynamic_cast<FunctionalVindex*>(fb->get()) == nullptr) {
      return ParamError(spec, absl::StrCat("fallback_type ", type,
                                           " is not a functional vindex"));
    }
    fallback = *std::move(fb);
  }
  return std::make_unique<NumericStaticMapVindex>(spec.name, *std::move(map),
                                                  std::move(fallback));
}

}  // namespace

absl::Status RegisterNumericStaticMap(VindexRegistry& registry) {
  return registry.Register("numeric_static_map", Create);
}

}  // namespace tessera::vindex
