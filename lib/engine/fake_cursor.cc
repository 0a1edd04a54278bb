#include "lib/engine/fake_cursor.h"

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"

namespace tessera::engine {

void FakeCursor::Set(const std::string& keyspace, const std::string& shard,
                     const std::string& sql, absl::StatusOr<Result> result) {
  results_.insert_or_assign({absl::StrCat(keyspace, "/", shard), sql},
                            std::move(result));
}

absl::StatusOr<std::vector<std::unique_ptr<RowStream>>> FakeCursor::Execute(
    const std::vector<ShardQuery>& queries) {
  std::vector<std::unique_ptr<RowStream>> out;
  const BindVars empty;
  for (const ShardQuery& q : queries) {
    TESSERA_ASSIGN_OR_RETURN(
        std::string sql,
        sqltypes::SubstituteBindVars(
            q.sql, q.bind_vars != nullptr ? *q.bind_vars : empty));
    std::string target = absl::StrCat(q.keyspace, "/", q.shard);
    if (keep_log_) log_.push_back(absl::StrCat(target, ": ", sql));
    absl::StatusOr<Result> result;
    auto it = results_.find({target, sql});
    if (it != results_.end()) {
      result = it->second;
    } else if (handler_) {
      result = handler_(target, sql);
    } else {
      result = InternalMysqlError(absl::StrCat("fake: no result for ", sql));
    }
    if (!result.ok()) {
      return AnnotateShardError(result.status(), q.keyspace, q.shard);
    }
    out.push_back(std::make_unique<VectorStream>(*std::move(result)));
  }
  return out;
}

}  // namespace tessera::engine
