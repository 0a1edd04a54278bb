// MysqlCursor: the ShardCursor over real MariaDB servers, one connection
// pool per shard (lib/mysql/client). Execute() takes a connection for
// every query, sends all queries, then reads each answer as a streaming
// result, so the shards work in parallel while the engine merges. Each
// stream holds its connection until it ends or is destroyed.
//
// Thread safety: configure (AddKeyspace) before use; after that Execute
// and ResolveShards may run concurrently from many sessions.
#ifndef TESSERA_LIB_ENGINE_MYSQL_CURSOR_H_
#define TESSERA_LIB_ENGINE_MYSQL_CURSOR_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "lib/engine/backend_cursor.h"
#include "lib/engine/shard_cursor.h"
#include "lib/engine/shard_map.h"
#include "lib/mysql/client/active_queries.h"
#include "lib/mysql/client/pool.h"

namespace tessera::engine {

struct MysqlCursorOptions {
  // Per-statement limit enforced by the server (max_statement_time);
  // zero = none.
  absl::Duration query_timeout = absl::ZeroDuration();
  // Read rows lazily (mysql_use_result) rather than buffering each shard.
  bool streaming = true;
};

class MysqlCursor : public BackendCursor {
 public:
  explicit MysqlCursor(MysqlCursorOptions options = {}) : options_(options) {}

  // Adds a keyspace: shard name -> pool options for its primary.
  absl::Status AddKeyspace(
      const std::string& keyspace,
      const std::map<std::string, mysql::PoolOptions>& shards);

  absl::StatusOr<std::vector<std::string>> ResolveShards(
      absl::string_view keyspace, const Destination& dest) override {
    return map_.Resolve(keyspace, dest);
  }
  // Errors name the shard ("shard ks/-80: ...") and keep the MySQL errno.
  absl::StatusOr<std::vector<std::unique_ptr<RowStream>>> Execute(
      const std::vector<ShardQuery>& queries) override {
    return Execute(queries, nullptr);
  }
  // Records each query in `active` (may be null) while it runs, so another
  // thread can interrupt it; 1317 if `active` was cancelled.
  absl::StatusOr<std::vector<std::unique_ptr<RowStream>>> Execute(
      const std::vector<ShardQuery>& queries,
      mysql::ActiveQueries* active) override;

  // The pool of keyspace/shard, or null.
  mysql::Pool* pool(absl::string_view keyspace,
                    absl::string_view shard) override;
  void ForEachPool(
      const std::function<void(absl::string_view, absl::string_view,
                               const mysql::Pool&)>& fn) const override {
    for (const auto& [key, p] : pools_) {
      const size_t slash = key.find('/');
      fn(absl::string_view(key).substr(0, slash),
         absl::string_view(key).substr(slash + 1), *p);
    }
  }

 private:
  MysqlCursorOptions options_;
  ShardMap map_;
  std::map<std::string, std::unique_ptr<mysql::Pool>, std::less<>> pools_;
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_MYSQL_CURSOR_H_
