// xxhash: XXH64 (seed 0) of the value's bytes, as 8 big-endian bytes.
#include <xxhash.h>

#include <memory>

#include "lib/vindex/builtin.h"
#include "lib/vindex/endian.h"
#include "lib/vindex/vindex.h"

namespace tessera::vindex {
namespace {

class XxhashVindex : public FunctionalVindex {
 public:
  explicit XxhashVindex(std::string name) : FunctionalVindex(std::move(name)) {}
  absl::string_view type() const override { return "xxhash"; }
  int cost() const override { return 1; }
  bool unique() const override { return true; }

  std::optional<std::string> KeyspaceId(const Value& value) const override {
    if (value.is_null()) return std::nullopt;
    absl::string_view b = value.bytes();
    return BigEndian64(XXH64(b.data(), b.size(), 0));
  }
};

}  // namespace

absl::Status RegisterXxhash(VindexRegistry& registry) {
  return registry.Register(
      "xxhash",
      [](const VindexSpec& spec,
         const VindexRegistry&) -> absl::StatusOr<std::unique_ptr<Vindex>> {
        absl::Status s = CheckParams(spec, {});
        if (!s.ok()) return s;
        return std::make_unique<XxhashVindex>(spec.name);
      });
}

}  // namespace tessera::vindex
