// A session's transaction across shards.
//
// A transaction reserves one backend connection per shard it touches, in
// the order it touches them. A shard joins lazily: the first statement that
// reaches it sends the transaction's start statement ("start transaction
// [read only]") and replays the savepoints declared so far, so that
// ROLLBACK TO SAVEPOINT undoes on every shard exactly the work done after
// the savepoint. Modes (tessera::TransactionMode):
//   single  a statement that would reach a second shard fails (1235) and
//           the transaction stays as it was (the shards of lookup vindex
//           tables an owned lookup maintains are not counted);
//   multi   COMMIT commits shard by shard in join order; if one fails,
//           the shards after it are rolled back and the error (1180) names
//           which shards committed and which did not.
//
// Thread safety: none; a Transaction belongs to one session.
#ifndef TESSERA_LIB_ROUTER_TRANSACTION_H_
#define TESSERA_LIB_ROUTER_TRANSACTION_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/engine/backend_cursor.h"
#include "lib/mysql/client/pool.h"
#include "tessera/router.h"

namespace tessera::router {

class Transaction {
 public:
  explicit Transaction(TransactionMode mode) : mode_(mode) {}
  ~Transaction() { (void)Rollback(); }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  bool active() const { return active_; }
  // Implicit transactions wrap one autocommit statement (DML that may
  // reach several shards) and are committed by the router after it.
  bool implicit() const { return implicit_; }
  TransactionMode mode() const { return mode_; }

  // Starts a transaction; shards join on first use, with connections from
  // `cursor`'s pools (kept alive until the transaction ends), running the
  // `start` statements (e.g. "set transaction isolation level read
  // committed", "start transaction read only").
  void Begin(std::vector<std::string> start,
             std::shared_ptr<engine::BackendCursor> cursor,
             bool implicit = false);

  // Whether ks/shard may join (single mode allows one shard). Checked for
  // every query of a statement before any is sent. `lookup`: the query
  // maintains or reads a lookup vindex table for the statement (owned
  // lookup rows); such shards do not count against single mode.
  absl::Status CheckCanJoin(absl::string_view keyspace, absl::string_view shard,
                            bool lookup = false) const;
  // The connection of ks/shard in this transaction, joining it first when
  // new. The connection is idle when returned.
  absl::StatusOr<mysql::BackendConnection*> Connection(
      absl::string_view keyspace, absl::string_view shard, bool lookup = false);

  // Ends the transaction. Commit errors: 1180 naming committed and rolled
  // back shards. Rollback always ends the transaction; it returns the first
  // error seen (connections that failed are discarded).
  absl::Status Commit();
  absl::Status Rollback();

  // Savepoints: sent to every joined shard. Unknown names: 1305 42000.
  absl::Status Savepoint(absl::string_view name);
  absl::Status RollbackToSavepoint(absl::string_view name);
  absl::Status ReleaseSavepoint(absl::string_view name);

  // A statement failed in a way that leaves the shards inconsistent (a
  // deadlock rolled one shard back, a connection was lost, a multi-shard
  // DML failed part way): the router must roll everything back.
  void MarkAborted(std::string why) {
    if (abort_reason_.empty()) abort_reason_ = std::move(why);
  }
  const std::string& abort_reason() const { return abort_reason_; }
  // If a statement aborted the transaction: rolls it back and returns 1180
  // HY000 "the transaction was rolled back: <why>". OK otherwise.
  absl::Status RollbackIfAborted();

  // "ks/shard" of every joined shard, in join order.
  std::vector<std::string> ShardNames() const;

 private:
  struct Member {
    std::string keyspace;
    std::string shard;
    mysql::PooledConnection conn;
    bool lookup = false;  // joined only for lookup vindex queries so far
  };
  Member* Find(absl::string_view keyspace, absl::string_view shard);
  absl::Status OnEveryShard(absl::string_view sql);
  void Reset();

  std::shared_ptr<engine::BackendCursor> cursor_;
  TransactionMode mode_;
  bool active_ = false;
  bool implicit_ = false;
  std::vector<std::string> start_;
  std::vector<Member> members_;
  std::vector<std::string> savepoints_;
  std::string abort_reason_;
};

// Whether `status` from a shard inside a transaction means the shard's
// transaction is gone (deadlock 1213, lost connection 2006/2013).
bool EndsShardTransaction(const absl::Status& status);

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_TRANSACTION_H_
