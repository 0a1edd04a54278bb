// MysqlCursor: the ShardCursor over real MariaDB servers, one connection
// pool per shard server (lib/mysql/client; replica types may have several
// servers per shard, balanced by connections in use). Execute() takes a
// connection for every query, sends all queries, then reads each answer as a
// streaming result, so the shards work in parallel while the engine merges.
// Each stream holds its connection until it ends or is destroyed.
//
// Thread safety: configure (AddKeyspace) before use; after that Execute
// and ResolveShards may run concurrently from many sessions.
#ifndef TESSERA_LIB_ENGINE_MYSQL_CURSOR_H_
#define TESSERA_LIB_ENGINE_MYSQL_CURSOR_H_

#include <atomic>
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
  // Adds a keyspace whose shards each have one or more servers (replicas):
  // every query goes to the server of its shard with the fewest
  // connections in use, taking turns among equals.
  absl::Status AddKeyspace(
      const std::string& keyspace,
      const std::map<std::string, std::vector<mysql::PoolOptions>>& shards);

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

  // The pool of keyspace/shard (with several servers, the one the next
  // query should use), or null.
  mysql::Pool* pool(absl::string_view keyspace,
                    absl::string_view shard) override;
  // Every pool of keyspace/shard (one per server).
  std::vector<mysql::Pool*> pools(absl::string_view keyspace,
                                  absl::string_view shard);
  // Every server's pool, shards in name order.
  void ForEachPool(
      const std::function<void(absl::string_view, absl::string_view,
                               const mysql::Pool&)>& fn) const override {
    for (const auto& [key, servers] : pools_) {
      const size_t slash = key.find('/');
      for (const auto& p : servers->pools) {
        fn(absl::string_view(key).substr(0, slash),
           absl::string_view(key).substr(slash + 1), *p);
      }
    }
  }

 private:
  struct Servers {
    std::vector<std::unique_ptr<mysql::Pool>> pools;
    std::atomic<uint32_t> next{0};  // round-robin start among equals
  };

  MysqlCursorOptions options_;
  ShardMap map_;
  std::map<std::string, std::unique_ptr<Servers>, std::less<>> pools_;
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_MYSQL_CURSOR_H_
