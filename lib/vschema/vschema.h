// The built VSchema: keyspaces, tables and vindex objects, validated.
//
// Build() turns a parsed SrvVSchema (loader.h) into this model, creating
// every vindex through a VindexRegistry and checking the whole document;
// it reports every problem it finds, one per line, each naming where it is
// ("keyspace 'user' table 'orders': column_vindexes[0] names undefined
// vindex 'hsh'"). A built VSchema is immutable and safe to share between
// threads; it owns its vindexes.
#ifndef TESSERA_LIB_VSCHEMA_VSCHEMA_H_
#define TESSERA_LIB_VSCHEMA_VSCHEMA_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/vindex/registry.h"
#include "lib/vindex/vindex.h"
#include "lib/vschema/loader.h"
#include "lib/vschema/vschema.pb.h"

namespace tessera::vschema {

enum class TableType { kNormal, kSequence, kReference };

struct Table;

struct ColumnVindexBinding {
  std::vector<std::string> columns;
  std::string vindex_name;
  const vindex::Vindex* vindex = nullptr;
  // Whether this table owns the (lookup) vindex's rows.
  bool owned = false;
};

struct AutoIncrementBinding {
  std::string column;
  std::string sequence_name;        // as written: "seq" or "ks.seq"
  const Table* sequence = nullptr;  // a kSequence table; null if external
};

struct Table {
  std::string keyspace;
  std::string name;
  TableType type = TableType::kNormal;
  // In a sharded keyspace the first binding is the primary vindex (unique).
  std::vector<ColumnVindexBinding> column_vindexes;
  std::optional<AutoIncrementBinding> auto_increment;
  std::vector<vschemapb::Column> columns;
  bool column_list_authoritative = false;
  std::string pinned;             // keyspace id bytes, or empty
  std::string source_name;        // reference tables: "ks.t" as written
  const Table* source = nullptr;  // the source table; null if external
  std::string QualifiedName() const { return keyspace + "." + name; }
  // The primary vindex binding (first of column_vindexes), or null.
  const ColumnVindexBinding* primary() const {
    return column_vindexes.empty() ? nullptr : &column_vindexes[0];
  }
};

struct KeyspaceSchema {
  std::string name;
  bool sharded = false;
  bool require_explicit_routing = false;
  std::map<std::string, std::unique_ptr<vindex::Vindex>> vindexes;
  std::map<std::string, std::unique_ptr<Table>> tables;
};

struct BuildOptions {
  // Accept qualified references ("ks.seq", "ks.t") to keyspaces the
  // document does not contain, leaving them unresolved (null). Set when
  // checking one keyspace's document on its own; a whole-cluster build
  // leaves it off so every reference is checked.
  bool allow_external_keyspaces = false;
  // Ignore vindex params a type does not know instead of failing.
  bool ignore_unknown_params = false;
};

class VSchema {
 public:
  // Builds and validates. Errors: InvalidArgument listing every problem.
  static absl::StatusOr<std::unique_ptr<VSchema>> Build(
      const vschemapb::SrvVSchema& source,
      const vindex::VindexRegistry& registry, const BuildOptions& options = {});

  const std::map<std::string, std::unique_ptr<KeyspaceSchema>>& keyspaces()
      const {
    return keyspaces_;
  }
  const KeyspaceSchema* FindKeyspace(absl::string_view name) const;
  const vindex::Vindex* FindVindex(absl::string_view keyspace,
                                   absl::string_view name) const;

  // Finds the table a query names, as the router will: routing rules first
  // ("ks.t" then "t"), then `keyspace.table` if a keyspace is given, else
  // the one keyspace that has `table` (require_explicit_routing keyspaces
  // excluded). Errors: NotFound (1146 table doesn't exist), or
  // InvalidArgument when an unqualified name is in several keyspaces.
  absl::StatusOr<const Table*> FindTable(absl::string_view keyspace,
                                         absl::string_view table) const;

  // Routing rules: from_table -> to_tables, as written.
  const std::map<std::string, std::vector<std::string>>& routing_rules() const {
    return routing_rules_;
  }

  // Human summary for `tessera vschema check`: one line per keyspace,
  // table and vindex.
  std::string Summary() const;

 private:
  VSchema() = default;
  friend class Builder;

  std::map<std::string, std::unique_ptr<KeyspaceSchema>> keyspaces_;
  std::map<std::string, std::vector<std::string>> routing_rules_;
};

// Parses (either JSON form) and builds with the built-in vindex types; OK
// when the document is a valid vschema. For tools and the topology
// commands that must reject a bad vschema before storing it. A single-
// keyspace document may refer to other keyspaces (sequences, reference
// sources, routing targets); those references are checked only in the
// whole-cluster form. `options.ignore_unknown_fields` also ignores unknown
// vindex params.
absl::Status ValidateVSchemaJson(absl::string_view json,
                                 const LoadOptions& options = {});

}  // namespace tessera::vschema

#endif  // TESSERA_LIB_VSCHEMA_VSCHEMA_H_
