// BasicVSchemaCheck: the stand-in VSchema validator (see store.h).
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "lib/topo/store.h"

namespace tessera::topo {

absl::Status BasicVSchemaCheck(absl::string_view json) {
  static constexpr absl::string_view kKnown[] = {"sharded",
                                                 "vindexes",
                                                 "tables",
                                                 "routing_rules",
                                                 "require_explicit_routing",
                                                 "foreign_key_mode",
                                                 "keyspaces"};
  google::protobuf::Struct doc;
  google::protobuf::util::JsonParseOptions options;
  auto s = google::protobuf::util::JsonStringToMessage(
      std::string(json.data(), json.size()), &doc, options);
  if (!s.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("vschema is not a JSON object: ", s.ToString()));
  }
  for (const auto& [key, value] : doc.fields()) {
    bool known = false;
    for (absl::string_view k : kKnown) known = known || k == key;
    if (!known) {
      return absl::InvalidArgumentError(
          absl::StrCat("vschema has unknown top-level key '", key,
                       "' (known: ", absl::StrJoin(kKnown, ", "), ")"));
    }
  }
  return absl::OkStatus();
}

}  // namespace tessera::topo
