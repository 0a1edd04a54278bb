#include "lib/vindex/registry.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tessera::vindex {

absl::Status VindexRegistry::Register(absl::string_view type,
                                      VindexFactory factory) {
  if (factories_.count(type) != 0) {
    return absl::AlreadyExistsError(
        absl::StrCat("vindex type '", type, "' is already registered"));
  }
  factories_.emplace(std::string(type), std::move(factory));
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Vindex>> VindexRegistry::Create(
    const VindexSpec& spec) const {
  auto it = factories_.find(spec.type);
  if (it == factories_.end()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "unknown vindex type '", spec.type, "' for vindex '", spec.name,
        "' (known: ", absl::StrJoin(Types(), ", "), ")"));
  }
  return it->second(spec, *this);
}

bool VindexRegistry::Has(absl::string_view type) const {
  return factories_.count(type) != 0;
}

std::vector<std::string> VindexRegistry::Types() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : factories_) out.push_back(k);
  return out;
}

}  // namespace tessera::vindex
