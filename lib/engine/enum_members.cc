#include "lib/engine/enum_members.h"

#include <memory>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"

namespace tessera::engine {
namespace {

std::string Quote(absl::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  return out + "'";
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ParseEnumColumnType(
    absl::string_view t) {
  auto bad = [&] {
    return InternalMysqlError(absl::StrCat("not an ENUM column type: ", t));
  };
  if (!absl::ConsumePrefix(&t, "enum(") || !absl::ConsumeSuffix(&t, ")")) {
    return bad();
  }
  std::vector<std::string> members;
  size_t i = 0;
  while (i < t.size()) {
    if (t[i] != '\'') return bad();
    std::string m;
    for (++i;; ++i) {
      if (i >= t.size()) return bad();
      if (t[i] == '\\' && i + 1 < t.size()) {
        m += t[++i];
      } else if (t[i] == '\'' && i + 1 < t.size() && t[i + 1] == '\'') {
        m += t[++i];
      } else if (t[i] == '\'') {
        break;
      } else {
        m += t[i];
      }
    }
    members.push_back(std::move(m));
    ++i;  // closing quote
    if (i < t.size() && t[i++] != ',') return bad();
  }
  return members;
}

absl::StatusOr<std::vector<std::string>> ShardEnumMembers::Members(
    const Field& field) {
  if (field.database.empty() || field.org_table.empty() ||
      field.org_name.empty()) {
    return UnsupportedError(absl::StrCat(
        "unsupported: ordering by ENUM expression ", field.name,
        " across shards"));
  }
  std::string key = absl::StrCat(field.database, ".", field.org_table, ".",
                                 field.org_name);
  if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  TESSERA_ASSIGN_OR_RETURN(
      std::vector<std::string> shards,
      cursor_->ResolveShards(field.database, Destination::AnyShard()));
  if (shards.empty()) {
    return InternalMysqlError(
        absl::StrCat("keyspace ", field.database, " has no shards"));
  }
  std::string sql = absl::StrCat(
      "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE "
      "TABLE_SCHEMA = ",
      Quote(field.database), " AND TABLE_NAME = ", Quote(field.org_table),
      " AND COLUMN_NAME = ", Quote(field.org_name));
  BindVars none;
  TESSERA_ASSIGN_OR_RETURN(
      auto streams, cursor_->Execute({{field.database, shards[0], sql, &none}}));
  Row row;
  std::vector<std::string> types;
  while (true) {
    TESSERA_ASSIGN_OR_RETURN(bool more, streams[0]->Next(&row));
    if (!more) break;
    if (!row.empty() && !row[0].is_null()) types.push_back(row[0].bytes());
  }
  if (types.size() != 1) {
    return InternalMysqlError(absl::StrCat("ENUM column ", key, " not found"));
  }
  TESSERA_ASSIGN_OR_RETURN(std::vector<std::string> members,
                           ParseEnumColumnType(types[0]));
  cache_[key] = members;
  return members;
}

}  // namespace tessera::engine
