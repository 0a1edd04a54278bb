// The ShardCursor a statement runs with: the router's pooled MysqlCursor
// outside transactions, the session's reserved shard connections inside
// one (shards join the transaction on first use).
//
// Inside a transaction every answer is read at once (buffered), so one
// shard connection can serve several streams of the same statement (a
// join's inner side while its outer side is still being read).
#ifndef TESSERA_LIB_ROUTER_SESSION_CURSOR_H_
#define TESSERA_LIB_ROUTER_SESSION_CURSOR_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "lib/engine/backend_cursor.h"
#include "lib/engine/shard_cursor.h"
#include "lib/mysql/client/active_queries.h"
#include "lib/router/transaction.h"

namespace tessera::router {

class SessionCursor : public engine::ShardCursor {
 public:
  // `statement_writes`: the statement changes data, so a failure after
  // some shards ran it aborts the transaction (no half-applied statement).
  // `statement_vars`: the session's variables for SET STATEMENT (must
  // outlive the cursor).
  // `active` (may be null): where queries in flight are recorded so that
  // KILL QUERY can interrupt them.
  SessionCursor(engine::BackendCursor* base, Transaction* txn,
                absl::Duration query_timeout, bool statement_writes,
                const std::string* statement_vars,
                mysql::ActiveQueries* active = nullptr)
      : base_(base),
        txn_(txn),
        timeout_(query_timeout),
        writes_(statement_writes),
        vars_(statement_vars),
        active_(active) {}
  SessionCursor(const SessionCursor&) = delete;
  SessionCursor& operator=(const SessionCursor&) = delete;

  absl::StatusOr<std::vector<std::string>> ResolveShards(
      absl::string_view keyspace, const engine::Destination& dest) override {
    return base_->ResolveShards(keyspace, dest);
  }
  absl::StatusOr<std::vector<std::unique_ptr<engine::RowStream>>> Execute(
      const std::vector<engine::ShardQuery>& queries) override;

  // Shard queries that succeeded so far in this statement.
  int succeeded() const { return succeeded_; }

  // For an autocommit write planned as one batch of shard statements: no
  // transaction while its queries go to one shard; `begin` starts the
  // implicit transaction first when a batch reaches several.
  void BeginWhenMultiShard(std::function<void()> begin) {
    begin_ = std::move(begin);
  }

  // The same cursor for lookup vindex queries (the router's
  // VindexExecutor): inside a transaction their shards do not count
  // against transaction_mode single.
  engine::ShardCursor* lookup_cursor() { return &lookup_view_; }

 private:
  class LookupView : public engine::ShardCursor {
   public:
    explicit LookupView(SessionCursor* owner) : owner_(owner) {}
    absl::StatusOr<std::vector<std::string>> ResolveShards(
        absl::string_view keyspace, const engine::Destination& dest) override {
      return owner_->ResolveShards(keyspace, dest);
    }
    absl::StatusOr<std::vector<std::unique_ptr<engine::RowStream>>> Execute(
        const std::vector<engine::ShardQuery>& queries) override {
      return owner_->Run(queries, /*lookup=*/true);
    }

   private:
    SessionCursor* owner_;
  };

  absl::StatusOr<std::vector<std::unique_ptr<engine::RowStream>>> Run(
      const std::vector<engine::ShardQuery>& queries, bool lookup);
  absl::StatusOr<std::vector<std::unique_ptr<engine::RowStream>>>
  ExecuteInTransaction(const std::vector<engine::ShardQuery>& queries,
                       bool lookup);

  engine::BackendCursor* base_;
  Transaction* txn_;
  absl::Duration timeout_;
  bool writes_;
  const std::string* vars_;
  std::function<void()> begin_;
  mysql::ActiveQueries* active_;
  int succeeded_ = 0;
  int user_succeeded_ = 0;  // of those, not lookup vindex queries
  LookupView lookup_view_{this};
};

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_SESSION_CURSOR_H_
