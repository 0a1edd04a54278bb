// ActiveQueries: the backend queries one client statement has in flight,
// so that another thread can interrupt them (KILL QUERY from another client
// connection, the gateway's query timeout).
//
// The statement's thread calls Begin(), then Add() before sending a query on
// a backend connection and Remove() once its answer is read or the
// connection is given back, then End(). Cancel() (any thread) sends
// `KILL QUERY <thread id>` for every connection recorded at that moment,
// over a side connection of the connection's pool, and makes every later
// Add() of the same statement fail with 1317 (70100), so a statement that
// runs several rounds of shard queries stops at the next round.
//
// Cancel() holds the lock while it sends the KILLs, so Remove() waits for
// it: a connection cannot go back to its pool (and start another client's
// query) before the KILL meant for this statement has been delivered.
// MariaDB clears a KILL QUERY that reaches an idle connection when that
// connection's next command starts.
//
// Thread safety: Cancel() from any thread; the rest from the statement's.
#ifndef TESSERA_LIB_MYSQL_CLIENT_ACTIVE_QUERIES_H_
#define TESSERA_LIB_MYSQL_CLIENT_ACTIVE_QUERIES_H_

#include <cstdint>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "lib/mysql/client/connection.h"
#include "lib/mysql/client/pool.h"

namespace tessera::mysql {

class ActiveQueries {
 public:
  // A client statement starts / ends. Cancel() outside them does nothing.
  void Begin();
  void End();

  // Before a query is sent on `conn` (`pool`: where KILL QUERY goes; null
  // records nothing). 1317 (70100) if the statement was cancelled.
  absl::Status Add(Pool* pool, const BackendConnection* conn);
  // The query on `conn` is over.
  void Remove(const BackendConnection* conn);

  // Interrupts the running statement; false if none was running.
  bool Cancel();

  // Whether the running statement was cancelled.
  bool cancelled() const;
  // Queries recorded now (for tests).
  size_t size() const;

 private:
  struct Entry {
    Pool* pool;
    const BackendConnection* conn;
    uint64_t thread_id;
  };
  mutable absl::Mutex mu_;
  bool running_ ABSL_GUARDED_BY(mu_) = false;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<Entry> entries_ ABSL_GUARDED_BY(mu_);
};

// 1317 (70100) "Query execution was interrupted".
absl::Status InterruptedError();

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_CLIENT_ACTIVE_QUERIES_H_
