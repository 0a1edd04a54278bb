// reverse_bits: the 64 bits of the value in reverse order, big-endian.
#include <memory>

#include "lib/vindex/builtin.h"
#include "lib/vindex/endian.h"
#include "lib/vindex/vindex.h"

namespace tessera::vindex {
namespace {

uint64_t Reverse64(uint64_t v) {
  v = ((v >> 1) & 0x5555555555555555ULL) | ((v & 0x5555555555555555ULL) << 1);
  v = ((v >> 2) & 0x3333333333333333ULL) | ((v & 0x3333333333333333ULL) << 2);
  v = ((v >> 4) & 0x0f0f0f0f0f0f0f0fULL) | ((v & 0x0f0f0f0f0f0f0f0fULL) << 4);
  return __builtin_bswap64(v);
}

class ReverseBitsVindex : public FunctionalVindex {
 public:
  explicit ReverseBitsVindex(std::string name)
      : FunctionalVindex(std::move(name)) {}
  absl::string_view type() const override { return "reverse_bits"; }
  int cost() const override { return 1; }
  bool unique() const override { return true; }
  bool reversible() const override { return true; }

  std::optional<std::string> KeyspaceId(const Value& value) const override {
    std::optional<uint64_t> v = value.ToUint64();
    if (!v) return std::nullopt;
    return BigEndian64(Reverse64(*v));
  }

  absl::StatusOr<std::vector<Value>> ReverseMap(
      absl::Span<const std::string> ksids) const override {
    std::vector<Value> out;
    for (const std::string& k : ksids) {
      if (k.size() != 8) {
        return absl::InvalidArgumentError(
            "reverse_bits: a keyspace id must be 8 bytes to reverse");
      }
      out.push_back(Value::Uint64(Reverse64(LoadBigEndian64(k))));
    }
    return out;
  }
};

}  // namespace

absl::Status RegisterReverseBits(VindexRegistry& registry) {
  return registry.Register(
      "reverse_bits",
      [](const VindexSpec& spec,
         const VindexRegistry&) -> absl::StatusOr<std::unique_ptr<Vindex>> {
        absl::Status s = CheckParams(spec, {});
        if (!s.ok()) return s;
        return std::make_unique<ReverseBitsVindex>(spec.name);
      });
}

}  // namespace tessera::vindex
