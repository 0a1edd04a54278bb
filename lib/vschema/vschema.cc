#include "lib/vschema/vschema.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "lib/base/mysql_error.h"
#include "lib/key/key_range.h"
#include "lib/vindex/builtin.h"

namespace tessera::vschema {

const KeyspaceSchema* VSchema::FindKeyspace(absl::string_view name) const {
  auto it = keyspaces_.find(std::string(name));
  return it == keyspaces_.end() ? nullptr : it->second.get();
}

const vindex::Vindex* VSchema::FindVindex(absl::string_view keyspace,
                                          absl::string_view name) const {
  const KeyspaceSchema* ks = FindKeyspace(keyspace);
  if (ks == nullptr) return nullptr;
  auto it = ks->vindexes.find(std::string(name));
  return it == ks->vindexes.end() ? nullptr : it->second.get();
}

absl::StatusOr<const Table*> VSchema::FindTable(absl::string_view keyspace,
                                                absl::string_view table) const {
  auto no_table = [&] {
    return MysqlError(
        er::kNoSuchTable, "42S02",
        absl::StrCat("Table '",
                     keyspace.empty() ? std::string(table)
                                      : absl::StrCat(keyspace, ".", table),
                     "' doesn't exist"));
  };
  // Routing rules: the qualified form first, then the bare name.
  std::vector<std::string> keys;
  if (!keyspace.empty()) keys.push_back(absl::StrCat(keyspace, ".", table));
  keys.emplace_back(table);
  for (const std::string& k : keys) {
    auto rule = routing_rules_.find(k);
    if (rule == routing_rules_.end()) continue;
    std::vector<std::string> parts = absl::StrSplit(rule->second[0], '.');
    const KeyspaceSchema* ks = FindKeyspace(parts[0]);
    if (ks == nullptr || parts.size() != 2) return no_table();
    auto it = ks->tables.find(parts[1]);
    if (it == ks->tables.end()) return no_table();
    return it->second.get();
  }
  if (!keyspace.empty()) {
    const KeyspaceSchema* ks = FindKeyspace(keyspace);
    if (ks == nullptr) return no_table();
    auto it = ks->tables.find(std::string(table));
    if (it == ks->tables.end()) return no_table();
    return it->second.get();
  }
  const Table* found = nullptr;
  for (const auto& [name, ks] : keyspaces_) {
    if (ks->require_explicit_routing) continue;
    auto it = ks->tables.find(std::string(table));
    if (it == ks->tables.end()) continue;
    if (found != nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("ambiguous table reference: '", table, "' is in ",
                       found->keyspace, " and ", name));
    }
    found = it->second.get();
  }
  if (found == nullptr) return no_table();
  return found;
}

namespace {

absl::string_view TypeName(TableType t) {
  switch (t) {
    case TableType::kNormal:
      return "table";
    case TableType::kSequence:
      return "sequence";
    case TableType::kReference:
      return "reference";
  }
  return "?";
}

std::string DescribeTable(const Table& t) {
  std::string line = absl::StrCat("  ", TypeName(t.type), " ", t.name);
  std::vector<std::string> vindexes;
  for (const ColumnVindexBinding& b : t.column_vindexes) {
    vindexes.push_back(absl::StrCat(absl::StrJoin(b.columns, ","), ":",
                                    b.vindex_name, b.owned ? " (owner)" : ""));
  }
  if (!vindexes.empty()) {
    absl::StrAppend(&line, " vindexes[", absl::StrJoin(vindexes, " "), "]");
  }
  if (t.auto_increment) {
    absl::StrAppend(&line, " auto_increment ", t.auto_increment->column,
                    " from ",
                    t.auto_increment->sequence != nullptr
                        ? t.auto_increment->sequence->QualifiedName()
                        : t.auto_increment->sequence_name + " (external)");
  }
  if (!t.pinned.empty()) {
    absl::StrAppend(&line, " pinned ", key::KeyspaceIdToHex(t.pinned));
  }
  if (!t.source_name.empty()) {
    absl::StrAppend(&line, " source ", t.source_name,
                    t.source == nullptr ? " (external)" : "");
  }
  return line;
}

}  // namespace

std::string VSchema::Summary() const {
  std::string out;
  for (const auto& [name, ks] : keyspaces_) {
    absl::StrAppend(&out, "keyspace ", name,
                    ks->sharded ? " (sharded)" : " (unsharded)", ": ",
                    ks->tables.size(), " tables, ", ks->vindexes.size(),
                    " vindexes\n");
    for (const auto& [vname, v] : ks->vindexes) {
      absl::StrAppend(&out, "  vindex ", vname, " ", v->type(), " cost ",
                      v->cost(), v->unique() ? " unique" : " non-unique", "\n");
    }
    for (const auto& [tname, t] : ks->tables) {
      absl::StrAppend(&out, DescribeTable(*t), "\n");
    }
  }
  for (const auto& [from, to] : routing_rules_) {
    absl::StrAppend(&out, "routing rule ", from, " -> ",
                    absl::StrJoin(to, ", "), "\n");
  }
  return out;
}

absl::Status ValidateVSchemaJson(absl::string_view json,
                                 const LoadOptions& options) {
  VSchemaForm form;
  auto parsed = ParseVSchemaJson(json, options, &form);
  if (!parsed.ok()) return parsed.status();
  vindex::VindexRegistry registry = vindex::NewBuiltinRegistry();
  BuildOptions build;
  build.allow_external_keyspaces = form == VSchemaForm::kKeyspace;
  build.ignore_unknown_params = options.ignore_unknown_fields;
  return VSchema::Build(*parsed, registry, build).status();
}

}  // namespace tessera::vschema
