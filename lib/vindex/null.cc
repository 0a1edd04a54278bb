// null: every value, NULL included, maps to keyspace id 0x00 (the first
// shard). Cost 100 so the planner never prefers it.
#include <memory>

#include "lib/vindex/builtin.h"
#include "lib/vindex/vindex.h"

namespace tessera::vindex {
namespace {

class NullVindex : public FunctionalVindex {
 public:
  explicit NullVindex(std::string name) : FunctionalVindex(std::move(name)) {}
  absl::string_view type() const override { return "null"; }
  int cost() const override { return 100; }
  bool unique() const override { return true; }

  std::optional<std::string> KeyspaceId(const Value&) const override {
    return std::string(1, '\0');
  }
};

}  // namespace

absl::Status RegisterNull(VindexRegistry& registry) {
  return registry.Register(
      "null",
      [](const VindexSpec& spec,
         const VindexRegistry&) -> absl::StatusOr<std::unique_ptr<Vindex>> {
        absl::Status s = CheckParams(spec, {});
        if (!s.ok()) return s;
        return std::make_unique<NullVindex>(spec.name);
      });
}

}  // namespace tessera::vindex
