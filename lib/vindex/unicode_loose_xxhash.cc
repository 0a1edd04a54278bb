// unicode_loose_xxhash: the value's Vitess unicode_loose key (UcaLooseKey:
// x/text collation key at primary strength, trailing spaces trimmed), then
// XXH64, big-endian (8-byte keyspace id). Invalid UTF-8 is an error, as in
// Vitess.
#include <xxhash.h>

#include <memory>

#include "lib/vindex/builtin.h"
#include "lib/vindex/endian.h"
#include "lib/vindex/uca_loose_key.h"
#include "lib/vindex/vindex.h"

namespace tessera::vindex {
namespace {

std::string Xxh64(absl::string_view b) {
  return BigEndian64(XXH64(b.data(), b.size(), 0));
}

class UnicodeLooseXxhashVindex : public FunctionalVindex {
 public:
  explicit UnicodeLooseXxhashVindex(std::string name)
      : FunctionalVindex(std::move(name)) {}
  absl::string_view type() const override { return "unicode_loose_xxhash"; }
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
    return std::optional<std::string>(Xxh64(key));
  }
};

}  // namespace

absl::Status RegisterUnicodeLooseXxhash(VindexRegistry& registry) {
  return registry.Register(
      "unicode_loose_xxhash",
      [](const VindexSpec& spec,
         const VindexRegistry&) -> absl::StatusOr<std::unique_ptr<Vindex>> {
        absl::Status s = CheckParams(spec, {});
        if (!s.ok()) return s;
        return std::make_unique<UnicodeLooseXxhashVindex>(spec.name);
      });
}

}  // namespace tessera::vindex
