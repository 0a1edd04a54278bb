// Loading Vitess vschema.json documents.
//
// Two forms are accepted: one keyspace's vschema (`{"sharded": true,
// "vindexes": {...}, "tables": {...}}`), and the whole cluster
// (`{"keyspaces": {"ks": {...}}, "routing_rules": {...}}`, Vitess's
// SrvVSchema). Field names are Vitess's (snake_case; protobuf's lowerCamel
// JSON names are accepted too).
#ifndef TESSERA_LIB_VSCHEMA_LOADER_H_
#define TESSERA_LIB_VSCHEMA_LOADER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/vschema/vschema.pb.h"

namespace tessera::vschema {

// Which form a document had.
enum class VSchemaForm { kKeyspace, kCluster };

struct LoadOptions {
  // Unknown fields are errors naming each one by path unless this is set,
  // in which case they are dropped.
  bool ignore_unknown_fields = false;
  // Keyspace name given to a single-keyspace document.
  std::string keyspace = "ks";
};

// Parses either form into a SrvVSchema (a single keyspace becomes the only
// entry of `keyspaces`). Errors (InvalidArgument): not JSON, not an
// object, "unknown field(s): keyspaces.user.tables.t.colum_vindexes, ...",
// or protobuf's message for a value of the wrong type.
// `form`, when given, receives the document's form.
absl::StatusOr<vschemapb::SrvVSchema> ParseVSchemaJson(
    absl::string_view json, const LoadOptions& options = {},
    VSchemaForm* form = nullptr);

// Reads a file and parses it. Errors: NotFound if it cannot be read, then
// as ParseVSchemaJson.
absl::StatusOr<vschemapb::SrvVSchema> LoadVSchemaFile(
    const std::string& path, const LoadOptions& options = {},
    VSchemaForm* form = nullptr);

// The document as canonical JSON (snake_case names, defaults omitted).
std::string ToJson(const vschemapb::SrvVSchema& vschema);

}  // namespace tessera::vschema

#endif  // TESSERA_LIB_VSCHEMA_LOADER_H_
