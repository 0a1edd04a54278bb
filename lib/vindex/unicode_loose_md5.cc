// unicode_loose_md5: the value's Vitess unicode_loose key (UcaLooseKey: x/text
// collation key at primary strength, trailing spaces trimmed), then
// MD5 (16-byte keyspace id). Invalid UTF-8 is an error, as in Vitess.
#include <memory>

#include "lib/vindex/builtin.h"
#include "lib/vindex/md5.h"
#include "lib/vindex/uca_loose_key.h"
#include "lib/vindex/vindex.h"

namespace tessera::vindex {
namespace {

class UnicodeLooseMd5Vindex : public FunctionalVindex {
 public:
  explicit UnicodeLooseMd5Vindex(std::string name)
      : FunctionalVindex(std::move(name)) {}
  absl::string_view type() const override { return "unicode_loose_md5"; }
  int cost() const override { return 1; }
  bool unique() const override { return true; }

  std::optional<std::string> KeyspaceId(const Value& value) const override {
    absl::StatusOr<std::optional<std::string>> ksid = CheckedKeyspaceId(value);
    return ksid.ok() ? *std::move(ksid) : std::nullopt;
  }

  absl::StatusOr<std::optional<std::string>> CheckedKeyspaceId(
      const Value& value) const override {
    if (value.is_null()) return std::optional<std::string>();
    std::string key;
    absl::Status s = UcaLooseKey(value.bytes(), &key);
    if (!s.ok()) return s;
    return std::optional<std::string>(Md5(key));
  }
};

}  // namespace

absl::Status RegisterUnicodeLooseMd5(VindexRegistry& registry) {
  return registry.Register(
      "unicode_loose_md5",
      [](const VindexSpec& spec,
         const VindexRegistry&) -> absl::StatusOr<std::unique_ptr<Vindex>> {
        absl::Status s = CheckParams(spec, {});
        if (!s.ok()) return s;
        return std::make_unique<UnicodeLooseMd5Vindex>(spec.name);
      });
}

}  // namespace tessera::vindex
