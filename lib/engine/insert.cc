#include "lib/engine/insert.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"

namespace tessera::engine {

absl::StatusOr<std::unique_ptr<RowStream>> Insert::Open(
    ExecContext& ctx, const BindVars& bind_vars) const {
  // shard -> indexes of its rows, shards in key order.
  std::map<std::string, std::vector<size_t>> by_shard;
  if (spec_.vindex == nullptr) {
    TESSERA_ASSIGN_OR_RETURN(
        std::vector<std::string> shards,
        ctx.cursor->ResolveShards(spec_.keyspace, Destination::AllShards()));
    if (shards.size() != 1) {
      return InternalMysqlError(absl::StrCat(
          "insert into sharded keyspace ", spec_.keyspace, " needs a vindex"));
    }
    for (size_t i = 0; i < spec_.rows.size(); ++i)
      by_shard[shards[0]].push_back(i);
  } else {
    if (spec_.row_value_vars.size() != spec_.rows.size()) {
      return InternalMysqlError("insert: one vindex value per row needed");
    }
    for (size_t i = 0; i < spec_.rows.size(); ++i) {
      const std::string& var = spec_.row_value_vars[i];
      auto it = bind_vars.find(var);
      if (it == bind_vars.end() || it->second.is_list ||
          it->second.value.is_null()) {
        return InternalMysqlError(absl::StrCat(
            "could not map NULL to a keyspace id: value of the ",
            spec_.vindex->name(), " vindex column missing in row ", i + 1));
      }
      TESSERA_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                               spec_.vindex->Map(it->second.value));
      if (ids.size() != 1) {
        return InternalMysqlError(absl::StrCat(
            "could not map '", it->second.value.bytes, "' to a keyspace id (",
            ids.size(), " ids) in row ", i + 1));
      }
      TESSERA_ASSIGN_OR_RETURN(
          std::vector<std::string> shards,
          ctx.cursor->ResolveShards(spec_.keyspace,
                                    Destination::KeyspaceIds(std::move(ids))));
      if (shards.size() != 1) {
        return InternalMysqlError(absl::StrCat(
            "keyspace id of row ", i + 1, " is in ", shards.size(), " shards"));
      }
      by_shard[shards[0]].push_back(i);
    }
  }
  std::vector<ShardQuery> queries;
  for (const auto& [shard, rows] : by_shard) {
    std::string sql = spec_.prefix;
    for (size_t k = 0; k < rows.size(); ++k) {
      if (k > 0) sql += ", ";
      sql += spec_.rows[rows[k]];
    }
    sql += spec_.suffix;
    queries.push_back({spec_.keyspace, shard, std::move(sql), &bind_vars});
  }
  TESSERA_ASSIGN_OR_RETURN(auto streams, ctx.cursor->Execute(queries));
  return Concat(std::move(streams));
}

std::string Insert::Describe() const {
  return absl::StrCat("Insert ", spec_.vindex ? "Sharded " : "Unsharded ",
                      spec_.keyspace, " rows=", spec_.rows.size());
}

}  // namespace tessera::engine
