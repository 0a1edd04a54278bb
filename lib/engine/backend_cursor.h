// BackendCursor: a ShardCursor that also lends whole backend connections,
// which the router needs for what does not fit one Execute call (a
// session's transaction keeps one connection per shard; sequence blocks
// are reserved on a pinned connection).
//
// MysqlCursor (mysql_cursor.h) is the implementation over libmariadb
// pools. In-process benchmarks and unit tests of the router use a fake
// (fake_cursor.h) that answers Execute from canned results and has no
// pools: statements needing a reserved connection then fail with 1105 "no
// connection pool for shard ks/-80".
//
// Thread safety: as ShardCursor; pool() may be called concurrently.
#ifndef TESSERA_LIB_ENGINE_BACKEND_CURSOR_H_
#define TESSERA_LIB_ENGINE_BACKEND_CURSOR_H_

#include <functional>
#include <memory>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/engine/shard_cursor.h"

namespace tessera::mysql {
class ActiveQueries;
class Pool;
}  // namespace tessera::mysql

namespace tessera::engine {

class BackendCursor : public ShardCursor {
 public:
  using ShardCursor::Execute;
  // As Execute(queries), recording each query in `active` (may be null)
  // while it runs, so another thread can interrupt it (KILL QUERY); 1317
  // if `active` was cancelled. The default ignores `active`.
  virtual absl::StatusOr<std::vector<std::unique_ptr<RowStream>>> Execute(
      const std::vector<ShardQuery>& queries, mysql::ActiveQueries* active) {
    (void)active;
    return Execute(queries);
  }

  // Calls fn(keyspace, shard, pool) for every pool, in name order (for
  // metrics). The default has no pools.
  virtual void ForEachPool(
      const std::function<void(absl::string_view keyspace,
                               absl::string_view shard,
                               const mysql::Pool& pool)>& fn) const {
    (void)fn;
  }

  // The connection pool of keyspace/shard, or null when the shard is
  // unknown or the cursor has no pools. Owned by the cursor.
  virtual mysql::Pool* pool(absl::string_view keyspace,
                            absl::string_view shard) = 0;
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_BACKEND_CURSOR_H_
