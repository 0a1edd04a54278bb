// VindexRegistry: vindex types by name, and the factory for each.
//
// There is no global registry: a caller creates one (usually with
// NewBuiltinRegistry() from builtin.h), may add its own types, and passes
// it to whatever builds vschemas. Register is not thread-safe; Create is
// safe to call concurrently once registration is done.
#ifndef TESSERA_LIB_VINDEX_REGISTRY_H_
#define TESSERA_LIB_VINDEX_REGISTRY_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/vindex/vindex.h"

namespace tessera::vindex {

class VindexRegistry;

// Builds a vindex from its spec. Gets the registry so that composite
// vindexes (multicol, numeric_static_map's fallback) can build their parts.
using VindexFactory = std::function<absl::StatusOr<std::unique_ptr<Vindex>>(
    const VindexSpec& spec, const VindexRegistry& registry)>;

class VindexRegistry {
 public:
  // Errors: AlreadyExists when `type` is taken.
  absl::Status Register(absl::string_view type, VindexFactory factory);

  // Errors: InvalidArgument "unknown vindex type 'x' for vindex 'v'", or
  // whatever the type's factory returns for bad params.
  absl::StatusOr<std::unique_ptr<Vindex>> Create(const VindexSpec& spec) const;

  bool Has(absl::string_view type) const;
  std::vector<std::string> Types() const;

 private:
  std::map<std::string, VindexFactory, std::less<>> factories_;
};

}  // namespace tessera::vindex

#endif  // TESSERA_LIB_VINDEX_REGISTRY_H_
