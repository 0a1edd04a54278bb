// numeric: the value as an 8-byte big-endian integer (identity, reversible).
#include <memory>

#include "lib/vindex/builtin.h"
#include "lib/vindex/endian.h"
#include "lib/vindex/vindex.h"

namespace tessera::vindex {
namespace {

class NumericVindex : public FunctionalVindex {
 public:
  explicit NumericVindex(std::string name)
      : FunctionalVindex(std::move(name)) {}
  absl::string_view type() const override { return "numeric"; }
  int cost() const override { return 0; }
  bool unique() const override { return true; }
  bool reversible() const override { return true; }

  std::optional<std::string> KeyspaceId(const Value& value) const override {
    std::optional<uint64_t> v = value.ToUint64();
    if (!v) return std::nullopt;
    return BigEndian64(*v);
  }

  absl::StatusOr<std::vector<Value>> ReverseMap(
      absl::Span<const std::string> ksids) const override {
    std::vector<Value> out;
    for (const std::string& k : ksids) {
      if (k.size() != 8) {
        return absl::InvalidArgumentError(
            "numeric: a keyspace id must be 8 bytes to reverse");
      }
      out.push_back(Value::Uint64(LoadBigEndian64(k)));
    }
    return out;
  }
};

}  // namespace

absl::Status RegisterNumeric(VindexRegistry& registry) {
  return registry.Register(
      "numeric",
      [](const VindexSpec& spec,
         const VindexRegistry&) -> absl::StatusOr<std::unique_ptr<Vindex>> {
        absl::Status s = CheckParams(spec, {});
        if (!s.ok()) return s;
        return std::make_unique<NumericVindex>(spec.name);
      });
}

}  // namespace tessera::vindex
