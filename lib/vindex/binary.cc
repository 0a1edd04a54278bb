// binary: the value's bytes are the keyspace id (identity, reversible).
#include <memory>

#include "lib/vindex/builtin.h"
#include "lib/vindex/vindex.h"

namespace tessera::vindex {
namespace {

class BinaryVindex : public FunctionalVindex {
 public:
  explicit BinaryVindex(std::string name) : FunctionalVindex(std::move(name)) {}
  absl::string_view type() const override { return "binary"; }
  int cost() const override { return 0; }
  bool unique() const override { return true; }
  bool reversible() const override { return true; }

  std::optional<std::string> KeyspaceId(const Value& value) const override {
    if (value.is_null()) return std::nullopt;
    return std::string(value.bytes());
  }

  absl::StatusOr<std::vector<Value>> ReverseMap(
      absl::Span<const std::string> ksids) const override {
    std::vector<Value> out;
    for (const std::string& k : ksids) out.push_back(Value::Binary(k));
    return out;
  }
};

}  // namespace

absl::Status RegisterBinary(VindexRegistry& registry) {
  return registry.Register(
      "binary",
      [](const VindexSpec& spec,
         const VindexRegistry&) -> absl::StatusOr<std::unique_ptr<Vindex>> {
        absl::Status s = CheckParams(spec, {});
        if (!s.ok()) return s;
        return std::make_unique<BinaryVindex>(spec.name);
      });
}

}  // namespace tessera::vindex
