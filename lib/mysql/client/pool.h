// A bounded pool of connections to one server (one shard's primary).
//
// Get() hands out an idle connection, opening a new one while fewer than
// max_size exist, else waits up to wait_timeout (error 1040 08004 "too
// many connections" after). Connections idle longer than idle_timeout are
// closed instead of reused; those idle longer than health_check_after are
// pinged first and replaced when the ping fails. A PooledConnection goes
// back to the pool when destroyed, unless it is broken or was left busy
// (a query in flight), in which case it is closed.
//
// Thread safety: Pool is thread-safe. A PooledConnection is used by one
// thread at a time and must not outlive its Pool.
#ifndef TESSERA_LIB_MYSQL_CLIENT_POOL_H_
#define TESSERA_LIB_MYSQL_CLIENT_POOL_H_

#include <cstddef>
#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "lib/mysql/client/backend_stats.h"
#include "lib/mysql/client/connection.h"

namespace tessera::mysql {

struct PoolOptions {
  ConnectOptions connect;
  size_t max_size = 16;
  absl::Duration wait_timeout = absl::Seconds(5);
  absl::Duration idle_timeout = absl::Minutes(5);
  absl::Duration health_check_after = absl::Seconds(30);
};

class Pool;

class PooledConnection {
 public:
  PooledConnection() = default;
  PooledConnection(PooledConnection&& other) noexcept;
  PooledConnection& operator=(PooledConnection&& other) noexcept;
  ~PooledConnection();

  BackendConnection* operator->() const { return conn_.get(); }
  BackendConnection& operator*() const { return *conn_; }
  BackendConnection* get() const { return conn_.get(); }
  // Closes the connection instead of returning it to the pool.
  void Discard();

 private:
  friend class Pool;
  PooledConnection(Pool* pool, std::unique_ptr<BackendConnection> conn)
      : pool_(pool), conn_(std::move(conn)) {}
  void Release();

  Pool* pool_ = nullptr;
  std::unique_ptr<BackendConnection> conn_;
};

struct PoolStats {
  size_t open = 0;  // connections that exist (idle + in use)
  size_t idle = 0;
  size_t created = 0;  // connections opened so far
  size_t waits = 0;    // Get() calls that had to wait
};

class Pool {
 public:
  explicit Pool(PoolOptions options) : options_(std::move(options)) {}
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Errors: 1040 08004 after wait_timeout with max_size in use; connect
  // errors (see BackendConnection::Connect).
  absl::StatusOr<PooledConnection> Get();

  // Asks the server to stop the statement running on connection
  // `thread_id` (KILL QUERY) over a separate, unpooled connection.
  absl::Status KillQuery(uint64_t thread_id);

  PoolStats stats() const;
  const PoolOptions& options() const { return options_; }
  // Query latency and errors of this backend, recorded by the pool's users.
  BackendStats& backend_stats() { return backend_stats_; }
  const BackendStats& backend_stats() const { return backend_stats_; }

 private:
  friend class PooledConnection;
  void Return(std::unique_ptr<BackendConnection> conn);

  const PoolOptions options_;
  BackendStats backend_stats_;
  mutable absl::Mutex mu_;
  std::vector<std::unique_ptr<BackendConnection>> idle_ ABSL_GUARDED_BY(mu_);
  size_t open_ ABSL_GUARDED_BY(mu_) = 0;
  size_t created_ ABSL_GUARDED_BY(mu_) = 0;
  size_t waits_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_CLIENT_POOL_H_
