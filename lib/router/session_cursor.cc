#include "lib/router/session_cursor.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "lib/base/status_macros.h"
#include "lib/mysql/client/query.h"

namespace tessera::router {
namespace {

// A buffered answer read on a transaction's connection; the connection
// stays with the transaction.
class BufferedStream : public engine::RowStream {
 public:
  BufferedStream(std::unique_ptr<mysql::ResultStream> result,
                 std::string keyspace, std::string shard)
      : result_(std::move(result)),
        keyspace_(std::move(keyspace)),
        shard_(std::move(shard)) {}

  const std::vector<Field>& fields() const override {
    return result_->fields();
  }
  absl::StatusOr<bool> Next(Row* row) override {
    absl::StatusOr<bool> more = result_->Next(row);
    if (!more.ok()) {
      return engine::AnnotateShardError(more.status(), keyspace_, shard_);
    }
    return more;
  }
  uint64_t affected_rows() const override { return result_->affected_rows(); }
  uint64_t last_insert_id() const override { return result_->last_insert_id(); }
  uint16_t warnings() const override { return result_->warnings(); }

 private:
  std::unique_ptr<mysql::ResultStream> result_;
  std::string keyspace_;
  std::string shard_;
};

}  // namespace

absl::StatusOr<std::vector<std::unique_ptr<engine::RowStream>>>
SessionCursor::Execute(const std::vector<engine::ShardQuery>& queries) {
  return Run(queries, /*lookup=*/false);
}

absl::StatusOr<std::vector<std::unique_ptr<engine::RowStream>>>
SessionCursor::Run(const std::vector<engine::ShardQuery>& queries,
                   bool lookup) {
  if (!txn_->active() && begin_ && queries.size() > 1) begin_();
  if (!txn_->active()) {
    absl::StatusOr<std::vector<std::unique_ptr<engine::RowStream>>> r;
    if (vars_ != nullptr && !vars_->empty()) {
      std::vector<engine::ShardQuery> with_vars = queries;
      for (engine::ShardQuery& q : with_vars) q.statement_vars = vars_;
      r = base_->Execute(with_vars, active_);
    } else {
      r = base_->Execute(queries, active_);
    }
    if (r.ok()) succeeded_ += static_cast<int>(queries.size());
    return r;
  }
  // Refuse before sending anything when single mode would be violated.
  // Lookup rows this statement wrote before are taken back by the engine,
  // so only other writes abort the transaction.
  for (const engine::ShardQuery& q : queries) {
    absl::Status can = txn_->CheckCanJoin(q.keyspace, q.shard, lookup);
    if (can.ok()) continue;
    if (writes_ && user_succeeded_ > 0 && txn_->abort_reason().empty()) {
      txn_->MarkAborted(absl::StrCat(
          "a statement failed after changing data on other shards: ",
          can.message()));
    }
    return can;
  }
  absl::StatusOr<std::vector<std::unique_ptr<engine::RowStream>>> r =
      ExecuteInTransaction(queries, lookup);
  if (!r.ok() && txn_->abort_reason().empty()) {
    if (EndsShardTransaction(r.status())) {
      txn_->MarkAborted(std::string(r.status().message()));
    } else if (writes_ && succeeded_ > 0) {
      txn_->MarkAborted(absl::StrCat(
          "a statement failed after changing data on other shards: ",
          r.status().message()));
    }
  }
  return r;
}

absl::StatusOr<std::vector<std::unique_ptr<engine::RowStream>>>
SessionCursor::ExecuteInTransaction(
    const std::vector<engine::ShardQuery>& queries, bool lookup) {
  std::vector<std::unique_ptr<engine::RowStream>> out(queries.size());
  std::vector<bool> done(queries.size(), false);
  const engine::BindVars empty;
  size_t remaining = queries.size();
  // Waves: at most one query per connection in flight; shards in one wave
  // work in parallel.
  while (remaining > 0) {
    std::vector<size_t> wave;
    std::vector<mysql::BackendConnection*> conns;
    for (size_t i = 0; i < queries.size(); ++i) {
      if (done[i]) continue;
      const engine::ShardQuery& q = queries[i];
      TESSERA_ASSIGN_OR_RETURN(mysql::BackendConnection * conn,
                               txn_->Connection(q.keyspace, q.shard, lookup));
      if (std::find(conns.begin(), conns.end(), conn) != conns.end()) continue;
      TESSERA_ASSIGN_OR_RETURN(
          std::string sql,
          mysql::BuildQuery(*conn, q.sql,
                            q.bind_vars != nullptr ? *q.bind_vars : empty,
                            timeout_,
                            vars_ != nullptr ? absl::string_view(*vars_)
                                             : absl::string_view()));
      mysql::Pool* pool = base_->pool(q.keyspace, q.shard);
      if (active_ != nullptr) {
        absl::Status added = active_->Add(pool, conn);
        if (!added.ok()) {
          // Queries of this wave already sent are left unread.
          if (!conns.empty()) txn_->MarkAborted(std::string(added.message()));
          return added;
        }
      }
      absl::Status sent = conn->Send(sql);
      if (!sent.ok()) {
        if (active_ != nullptr) active_->Remove(conn);
        if (pool != nullptr) pool->backend_stats().RecordError();
        // Earlier sends of this wave are read below by nobody: their
        // connections are left busy, so the transaction must end.
        txn_->MarkAborted(std::string(sent.message()));
        return engine::AnnotateShardError(sent, q.keyspace, q.shard);
      }
      wave.push_back(i);
      conns.push_back(conn);
    }
    absl::Status first_error;
    const absl::Time sent_at = absl::Now();
    for (size_t k = 0; k < wave.size(); ++k) {
      const engine::ShardQuery& q = queries[wave[k]];
      auto res = conns[k]->ReadResult(/*streaming=*/false);
      if (active_ != nullptr) active_->Remove(conns[k]);
      if (mysql::Pool* pool = base_->pool(q.keyspace, q.shard)) {
        pool->backend_stats().RecordQuery(absl::Now() - sent_at, !res.ok());
      }
      done[wave[k]] = true;
      --remaining;
      if (!res.ok()) {
        if (first_error.ok()) {
          first_error =
              engine::AnnotateShardError(res.status(), q.keyspace, q.shard);
        }
        continue;
      }
      ++succeeded_;
      if (!lookup) ++user_succeeded_;
      out[wave[k]] = std::make_unique<BufferedStream>(*std::move(res),
                                                      q.keyspace, q.shard);
    }
    if (!first_error.ok()) return first_error;
  }
  return out;
}

}  // namespace tessera::router
