#include "lib/engine/mysql_cursor.h"

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/mysql/client/query.h"

namespace tessera::engine {
namespace {

class MysqlRowStream : public RowStream {
 public:
  MysqlRowStream(mysql::PooledConnection conn,
                 std::unique_ptr<mysql::ResultStream> result,
                 std::string keyspace, std::string shard,
                 mysql::ActiveQueries* active)
      : conn_(std::move(conn)),
        result_(std::move(result)),
        keyspace_(std::move(keyspace)),
        shard_(std::move(shard)),
        active_(active) {}
  ~MysqlRowStream() override {
    result_.reset();  // reads what is left of the answer
    if (active_ != nullptr) active_->Remove(conn_.get());
  }

  const std::vector<Field>& fields() const override {
    return result_->fields();
  }
  absl::StatusOr<bool> Next(Row* row) override {
    absl::StatusOr<bool> more = result_->Next(row);
    if (!more.ok()) return AnnotateShardError(more.status(), keyspace_, shard_);
    return more;
  }
  uint64_t affected_rows() const override { return result_->affected_rows(); }
  uint64_t last_insert_id() const override { return result_->last_insert_id(); }
  uint16_t warnings() const override { return result_->warnings(); }

 private:
  mysql::PooledConnection conn_;  // destroyed after result_
  std::unique_ptr<mysql::ResultStream> result_;
  std::string keyspace_;
  std::string shard_;
  mysql::ActiveQueries* active_;
};

// Forgets the connections of `conns` in `active` (their queries are over).
void RemoveAll(mysql::ActiveQueries* active,
               const std::vector<mysql::PooledConnection>& conns) {
  if (active == nullptr) return;
  for (const mysql::PooledConnection& c : conns) active->Remove(c.get());
}

std::string Key(absl::string_view keyspace, absl::string_view shard) {
  return absl::StrCat(keyspace, "/", shard);
}

}  // namespace

absl::Status MysqlCursor::AddKeyspace(
    const std::string& keyspace,
    const std::map<std::string, mysql::PoolOptions>& shards) {
  std::map<std::string, std::vector<mysql::PoolOptions>> servers;
  for (const auto& [name, options] : shards) servers[name] = {options};
  return AddKeyspace(keyspace, servers);
}

absl::Status MysqlCursor::AddKeyspace(
    const std::string& keyspace,
    const std::map<std::string, std::vector<mysql::PoolOptions>>& shards) {
  std::vector<std::string> names;
  for (const auto& [name, options] : shards) {
    if (options.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("shard ", Key(keyspace, name), " has no server"));
    }
    names.push_back(name);
  }
  TESSERA_RETURN_IF_ERROR(map_.AddKeyspace(keyspace, names));
  for (const auto& [name, options] : shards) {
    auto servers = std::make_unique<Servers>();
    for (const mysql::PoolOptions& o : options) {
      servers->pools.push_back(std::make_unique<mysql::Pool>(o));
    }
    pools_[Key(keyspace, name)] = std::move(servers);
  }
  return absl::OkStatus();
}

mysql::Pool* MysqlCursor::pool(absl::string_view keyspace,
                               absl::string_view shard) {
  auto it = pools_.find(Key(keyspace, shard));
  if (it == pools_.end()) return nullptr;
  Servers& s = *it->second;
  size_t n = s.pools.size();
  if (n == 1) return s.pools[0].get();
  // The server with the fewest connections in use; turns among equals.
  size_t start = s.next.fetch_add(1, std::memory_order_relaxed) % n;
  mysql::Pool* best = nullptr;
  size_t best_busy = 0;
  for (size_t k = 0; k < n; ++k) {
    mysql::Pool* p = s.pools[(start + k) % n].get();
    mysql::PoolStats st = p->stats();
    size_t busy = st.open - st.idle;
    if (best == nullptr || busy < best_busy) {
      best = p;
      best_busy = busy;
    }
  }
  return best;
}

std::vector<mysql::Pool*> MysqlCursor::pools(absl::string_view keyspace,
                                             absl::string_view shard) {
  std::vector<mysql::Pool*> out;
  auto it = pools_.find(Key(keyspace, shard));
  if (it == pools_.end()) return out;
  for (const auto& p : it->second->pools) out.push_back(p.get());
  return out;
}

absl::StatusOr<std::vector<std::unique_ptr<RowStream>>> MysqlCursor::Execute(
    const std::vector<ShardQuery>& queries, mysql::ActiveQueries* active) {
  // Phase 1: send every query. On error, connections with a query in
  // flight are closed by their PooledConnection (not reused).
  std::vector<mysql::PooledConnection> conns;
  std::vector<mysql::Pool*> conn_pools;
  conns.reserve(queries.size());
  conn_pools.reserve(queries.size());
  const BindVars empty;
  for (const ShardQuery& q : queries) {
    mysql::Pool* p = pool(q.keyspace, q.shard);
    if (p == nullptr) {
      RemoveAll(active, conns);
      return InternalMysqlError(absl::StrCat("no connection pool for shard ",
                                             Key(q.keyspace, q.shard)));
    }
    absl::StatusOr<mysql::PooledConnection> conn = p->Get();
    if (!conn.ok()) {
      p->backend_stats().RecordError();
      RemoveAll(active, conns);
      return AnnotateShardError(conn.status(), q.keyspace, q.shard);
    }
    absl::StatusOr<std::string> sql = mysql::BuildQuery(
        **conn, q.sql, q.bind_vars != nullptr ? *q.bind_vars : empty,
        options_.query_timeout,
        q.statement_vars != nullptr ? absl::string_view(*q.statement_vars)
                                    : absl::string_view());
    absl::Status sent = sql.status();
    if (sent.ok() && active != nullptr) sent = active->Add(p, conn->get());
    if (!sent.ok()) {
      RemoveAll(active, conns);
      return sent;
    }
    sent = (*conn)->Send(*sql);
    conns.push_back(*std::move(conn));
    conn_pools.push_back(p);
    if (!sent.ok()) {
      p->backend_stats().RecordError();
      RemoveAll(active, conns);
      return AnnotateShardError(sent, q.keyspace, q.shard);
    }
  }
  const absl::Time sent_at = absl::Now();
  // Phase 2: read each answer's header; rows stream later.
  std::vector<std::unique_ptr<RowStream>> out;
  absl::Status first_error;
  for (size_t i = 0; i < queries.size(); ++i) {
    absl::StatusOr<std::unique_ptr<mysql::ResultStream>> res =
        conns[i]->ReadResult(options_.streaming);
    conn_pools[i]->backend_stats().RecordQuery(absl::Now() - sent_at,
                                               !res.ok());
    if (!res.ok()) {
      if (active != nullptr) active->Remove(conns[i].get());
      if (first_error.ok()) {
        first_error = AnnotateShardError(res.status(), queries[i].keyspace,
                                         queries[i].shard);
      }
      continue;  // keep reading the others so their connections stay clean
    }
    out.push_back(std::make_unique<MysqlRowStream>(
        std::move(conns[i]), *std::move(res), queries[i].keyspace,
        queries[i].shard, active));
  }
  if (!first_error.ok()) return first_error;
  return out;
}

}  // namespace tessera::engine
