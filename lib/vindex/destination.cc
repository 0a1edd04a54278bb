#include "lib/vindex/destination.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tessera::vindex {

std::string Destination::DebugString() const {
  switch (kind) {
    case Kind::kNone:
      return "none";
    case Kind::kKeyspaceId:
      return absl::StrCat("ksid(", key::KeyspaceIdToHex(ksids[0]), ")");
    case Kind::kKeyspaceIds:
      return absl::StrCat(
          "ksids(",
          absl::StrJoin(ksids, ",",
                        [](std::string* out, const std::string& k) {
                          out->append(key::KeyspaceIdToHex(k));
                        }),
          ")");
    case Kind::kKeyRange:
      return absl::StrCat("range(", range.ToShardName(), ")");
  }
  return "?";
}

}  // namespace tessera::vindex
