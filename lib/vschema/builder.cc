// VSchema::Build: creates vindexes and tables from the parsed document and
// validates it, collecting every problem.
#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "lib/key/key_range.h"
#include "lib/vindex/lookup_vindex.h"
#include "lib/vschema/vschema.h"

namespace tessera::vschema {
namespace {

// A protobuf map's entries ordered by key.
template <typename V>
std::map<std::string, const V*> Sorted(
    const google::protobuf::Map<std::string, V>& m) {
  std::map<std::string, const V*> out;
  for (const auto& [k, v] : m) out[k] = &v;
  return out;
}

}  // namespace

class Builder {
 public:
  Builder(const vschemapb::SrvVSchema& src,
          const vindex::VindexRegistry& registry, const BuildOptions& options)
      : src_(src),
        registry_(registry),
        options_(options),
        out_(new VSchema()) {}

  absl::StatusOr<std::unique_ptr<VSchema>> Run() {
    // Sorted, so that errors come out in a stable order.
    for (const auto& [name, ks] : Sorted(src_.keyspaces())) {
      AddKeyspace(name, *ks);
    }
    for (const auto& [name, ks] : Sorted(src_.keyspaces())) {
      BindTables(name, *ks);
    }
    for (const auto& [name, ks] : Sorted(src_.keyspaces())) BindOwners(name);
    AddRoutingRules();
    if (!errors_.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid vschema (", errors_.size(), " problem",
                       errors_.size() == 1 ? "" : "s", "):\n  ",
                       absl::StrJoin(errors_, "\n  ")));
    }
    return std::move(out_);
  }

 private:
  void Error(std::string msg) { errors_.push_back(std::move(msg)); }

  static std::string Where(absl::string_view ks, absl::string_view table) {
    return absl::StrCat("keyspace '", ks, "' table '", table, "': ");
  }

  void AddKeyspace(const std::string& name, const vschemapb::Keyspace& src) {
    auto ks = std::make_unique<KeyspaceSchema>();
    ks->name = name;
    ks->sharded = src.sharded();
    ks->require_explicit_routing = src.require_explicit_routing();
    if (name.empty() || name.find('.') != std::string::npos) {
      Error(absl::StrCat("bad keyspace name '", name, "'"));
    }
    for (const auto& [vname, vp] : Sorted(src.vindexes())) {
      const vschemapb::Vindex& v = *vp;
      vindex::VindexSpec spec{vname,
                              v.type(),
                              {v.params().begin(), v.params().end()},
                              v.owner(),
                              options_.ignore_unknown_params};
      auto created = registry_.Create(spec);
      if (!created.ok()) {
        Error(absl::StrCat("keyspace '", name,
                           "': ", created.status().message()));
        continue;
      }
      ks->vindexes[vname] = *std::move(created);
    }
    for (const auto& [tname, tp] : Sorted(src.tables())) {
      const vschemapb::Table& t = *tp;
      auto table = std::make_unique<Table>();
      table->keyspace = name;
      table->name = tname;
      table->columns.assign(t.columns().begin(), t.columns().end());
      table->column_list_authoritative = t.column_list_authoritative();
      if (t.type().empty()) {
        table->type = TableType::kNormal;
      } else if (t.type() == "sequence") {
        table->type = TableType::kSequence;
      } else if (t.type() == "reference") {
        table->type = TableType::kReference;
      } else {
        Error(absl::StrCat(Where(name, tname), "unknown table type '", t.type(),
                           "' (want \"\", \"sequence\" or \"reference\")"));
      }
      ks->tables[tname] = std::move(table);
    }
    out_->keyspaces_[name] = std::move(ks);
  }

  // Whether `ref` is "ks.x" for a keyspace outside the document that the
  // options let us leave unresolved.
  // An unqualified name found nowhere in the document may live in another
  // keyspace too.
  bool IsExternal(absl::string_view ref) const {
    if (!options_.allow_external_keyspaces) return false;
    std::vector<std::string> parts = absl::StrSplit(ref, '.');
    if (parts.size() == 2) {
      return !parts[0].empty() && out_->FindKeyspace(parts[0]) == nullptr;
    }
    if (parts.size() != 1 || parts[0].empty()) return false;
    for (const auto& [name, ks] : out_->keyspaces_) {
      if (ks->tables.count(parts[0]) != 0) return false;
    }
    return true;
  }

  // Looks up "t" (in `home`, then uniquely elsewhere) or "ks.t".
  const Table* Resolve(absl::string_view home, absl::string_view ref,
                       std::string* why) {
    std::vector<std::string> parts = absl::StrSplit(ref, '.');
    if (parts.size() == 2) {
      const KeyspaceSchema* ks = out_->FindKeyspace(parts[0]);
      if (ks == nullptr) {
        *why = absl::StrCat("keyspace '", parts[0], "' is not defined");
        return nullptr;
      }
      auto it = ks->tables.find(parts[1]);
      if (it == ks->tables.end()) {
        *why = absl::StrCat("'", ref, "' is not defined");
        return nullptr;
      }
      return it->second.get();
    }
    if (parts.size() != 1 || parts[0].empty()) {
      *why = absl::StrCat("'", ref, "' is not a table name");
      return nullptr;
    }
    const Table* found = nullptr;
    if (const KeyspaceSchema* ks = out_->FindKeyspace(home)) {
      auto it = ks->tables.find(parts[0]);
      if (it != ks->tables.end()) return it->second.get();
    }
    for (const auto& [kname, ks] : out_->keyspaces_) {
      auto it = ks->tables.find(parts[0]);
      if (it == ks->tables.end()) continue;
      if (found != nullptr) {
        *why = absl::StrCat("'", ref,
                            "' is ambiguous: qualify it with its "
                            "keyspace");
        return nullptr;
      }
      found = it->second.get();
    }
    if (found == nullptr) *why = absl::StrCat("'", ref, "' is not defined");
    return found;
  }

  void BindTables(const std::string& ksname, const vschemapb::Keyspace& src) {
    KeyspaceSchema& ks = *out_->keyspaces_[ksname];
    for (const auto& [tname, tp] : Sorted(src.tables())) {
      const vschemapb::Table& t = *tp;
      Table& table = *ks.tables[tname];
      std::string where = Where(ksname, tname);
      BindColumnVindexes(ks, table, t, where);
      CheckShape(ks, table, t, where);
      if (t.has_auto_increment()) BindAutoIncrement(table, t, where);
    }
  }

  void BindColumnVindexes(KeyspaceSchema& ks, Table& table,
                          const vschemapb::Table& t, const std::string& where) {
    for (int i = 0; i < t.column_vindexes_size(); ++i) {
      const vschemapb::ColumnVindex& cv = t.column_vindexes(i);
      std::string at = absl::StrCat(where, "column_vindexes[", i, "]: ");
      ColumnVindexBinding b;
      b.vindex_name = cv.name();
      if (!cv.column().empty() && cv.columns_size() > 0) {
        Error(at + "set column or columns, not both");
        continue;
      }
      if (!cv.column().empty()) b.columns.push_back(cv.column());
      b.columns.insert(b.columns.end(), cv.columns().begin(),
                       cv.columns().end());
      if (b.columns.empty()) {
        Error(at + "names no column (set column or columns)");
        continue;
      }
      auto it = ks.vindexes.find(cv.name());
      if (cv.name().empty() || it == ks.vindexes.end()) {
        Error(absl::StrCat(at, "names undefined vindex '", cv.name(), "'"));
        continue;
      }
      b.vindex = it->second.get();
      int want = b.vindex->column_count();
      int got = static_cast<int>(b.columns.size());
      // Multicol vindexes may index a prefix; others need exact counts.
      if (got != want) {
        Error(absl::StrCat(at, "vindex '", cv.name(), "' (", b.vindex->type(),
                           ") takes ", want, " column(s), got ", got));
        continue;
      }
      table.column_vindexes.push_back(std::move(b));
    }
  }

  void CheckShape(const KeyspaceSchema& ks, Table& table,
                  const vschemapb::Table& t, const std::string& where) {
    if (!t.pinned().empty()) {
      auto ksid = key::KeyspaceIdFromHex(t.pinned());
      if (!ksid.ok()) {
        Error(absl::StrCat(where, "pinned: ", ksid.status().message()));
      } else {
        table.pinned = *ksid;
      }
      if (!ks.sharded) Error(where + "pinned is only for sharded keyspaces");
      if (t.column_vindexes_size() > 0) {
        Error(where + "a pinned table takes no column_vindexes");
      }
    }
    switch (table.type) {
      case TableType::kSequence:
        if (ks.sharded) {
          Error(where + "sequence tables must be in an unsharded keyspace");
        }
        return;
      case TableType::kReference:
        if (!t.source().empty()) BindSource(table, t.source(), where);
        return;
      case TableType::kNormal:
        break;
    }
    if (!t.source().empty()) {
      Error(where + "source is only for reference tables");
    }
    if (!ks.sharded || !t.pinned().empty()) return;
    if (t.column_vindexes_size() == 0) {
      Error(where +
            "a table in a sharded keyspace needs column_vindexes (the first "
            "is its primary vindex)");
      return;
    }
    if (table.column_vindexes.empty() ||
        table.column_vindexes[0].vindex_name != t.column_vindexes(0).name()) {
      return;  // the primary's own error is already reported
    }
    const vindex::Vindex* primary = table.column_vindexes[0].vindex;
    if (!primary->unique()) {
      Error(absl::StrCat(where, "primary vindex '",
                         table.column_vindexes[0].vindex_name, "' (",
                         primary->type(), ") is not unique"));
    }
  }

  void BindSource(Table& table, const std::string& source,
                  const std::string& where) {
    if (source.find('.') == std::string::npos) {
      Error(absl::StrCat(where, "source '", source,
                         "' must be qualified as keyspace.table"));
      return;
    }
    table.source_name = source;
    if (IsExternal(source)) return;
    std::string why;
    const Table* src = Resolve(table.keyspace, source, &why);
    if (src == nullptr) {
      Error(absl::StrCat(where, "reference source ", why));
      return;
    }
    if (src->keyspace == table.keyspace) {
      Error(absl::StrCat(where, "reference source '", source,
                         "' is in the same keyspace"));
      return;
    }
    table.source = src;
  }

  void BindAutoIncrement(Table& table, const vschemapb::Table& t,
                         const std::string& where) {
    const vschemapb::AutoIncrement& ai = t.auto_increment();
    if (ai.column().empty()) {
      Error(where + "auto_increment needs a column");
      return;
    }
    if (ai.sequence().empty()) {
      Error(where + "auto_increment needs a sequence");
      return;
    }
    if (IsExternal(ai.sequence())) {
      table.auto_increment =
          AutoIncrementBinding{ai.column(), ai.sequence(), nullptr};
      return;
    }
    std::string why;
    const Table* seq = Resolve(table.keyspace, ai.sequence(), &why);
    if (seq == nullptr) {
      Error(absl::StrCat(where, "auto_increment sequence ", why));
      return;
    }
    if (seq->type != TableType::kSequence) {
      Error(absl::StrCat(where, "auto_increment sequence '", ai.sequence(),
                         "' is not a sequence table (its type must be "
                         "\"sequence\")"));
      return;
    }
    table.auto_increment =
        AutoIncrementBinding{ai.column(), ai.sequence(), seq};
  }

  // Lookup vindex owners: the owner table must exist in the keyspace and
  // bind the vindex; consistent lookups learn the owner's columns.
  void BindOwners(const std::string& ksname) {
    KeyspaceSchema& ks = *out_->keyspaces_[ksname];
    for (auto& [vname, v] : ks.vindexes) {
      vindex::LookupVindex* lookup = v->AsLookup();
      if (lookup == nullptr || lookup->owner().empty()) continue;
      auto it = ks.tables.find(lookup->owner());
      if (it == ks.tables.end()) {
        Error(absl::StrCat("keyspace '", ksname, "': vindex '", vname,
                           "' names owner table '", lookup->owner(),
                           "' which is not defined"));
        continue;
      }
      Table& owner = *it->second;
      bool bound = false;
      for (ColumnVindexBinding& b : owner.column_vindexes) {
        if (b.vindex_name != vname) continue;
        b.owned = true;
        bound = true;
        lookup->SetOwner(owner.QualifiedName(), b.columns);
      }
      if (!bound) {
        Error(absl::StrCat("keyspace '", ksname, "': vindex '", vname,
                           "' is owned by table '", owner.name,
                           "', which does not use it in column_vindexes"));
      }
    }
  }

  void AddRoutingRules() {
    for (const vschemapb::RoutingRule& r : src_.routing_rules().rules()) {
      std::string at = absl::StrCat("routing rule '", r.from_table(), "': ");
      if (r.from_table().empty()) {
        Error("routing rule with an empty from_table");
        continue;
      }
      if (out_->routing_rules_.count(r.from_table()) != 0) {
        Error(at + "duplicate from_table");
        continue;
      }
      if (r.to_tables_size() == 0) {
        Error(at + "to_tables is empty");
        continue;
      }
      for (const std::string& to : r.to_tables()) {
        std::vector<std::string> parts = absl::StrSplit(to, '.');
        if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) {
          Error(absl::StrCat(at, "target '", to,
                             "' must be qualified as keyspace.table"));
        } else if (out_->FindKeyspace(parts[0]) == nullptr &&
                   !options_.allow_external_keyspaces) {
          Error(absl::StrCat(at, "target keyspace '", parts[0],
                             "' is not defined"));
        }
      }
      out_->routing_rules_[r.from_table()] = {r.to_tables().begin(),
                                              r.to_tables().end()};
    }
  }

  const vschemapb::SrvVSchema& src_;
  const vindex::VindexRegistry& registry_;
  const BuildOptions& options_;
  std::unique_ptr<VSchema> out_;
  std::vector<std::string> errors_;
};

absl::StatusOr<std::unique_ptr<VSchema>> VSchema::Build(
    const vschemapb::SrvVSchema& source, const vindex::VindexRegistry& registry,
    const BuildOptions& options) {
  return Builder(source, registry, options).Run();
}

}  // namespace tessera::vschema
