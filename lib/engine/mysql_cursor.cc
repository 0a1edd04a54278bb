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
                 std::string keyspace, std::string shard)
      : conn_(std::move(conn)),
        result_(std::move(result)),
        keyspace_(std::move(keyspace)),
        shard_(std::move(shard)) {}

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
};

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
    const std::vector<ShardQuery>& queries) {
  // Phase 1: send every query. On error, connections with a query in
  // flight are closed by their PooledConnection (not reused).
  std::vector<mysql::PooledConnection> conns;
  conns.reserve(queries.size());
  const BindVars empty;
  for (const ShardQuery& q : queries) {
    mysql::Pool* p = pool(q.keyspace, q.shard);
    if (p == nullptr) {
      return InternalMysqlError(absl::StrCat("no connection pool for shard ",
                                             Key(q.keyspace, q.shard)));
    }
    absl::StatusOr<mysql::PooledConnection> conn = p->Get();
    if (!conn.ok()) {
      return AnnotateShardError(conn.status(), q.keyspace, q.shard);
    }
    absl::StatusOr<std::string> sql = mysql::BuildQuery(
        **conn, q.sql, q.bind_vars != nullptr ? *q.bind_vars : empty,
        options_.query_timeout,
        q.statement_vars != nullptr ? absl::string_view(*q.statement_vars)
                                    : absl::string_view());
    if (!sql.ok()) return sql.status();
    absl::Status sent = (*conn)->Send(*sql);
    if (!sent.ok()) return AnnotateShardError(sent, q.keyspace, q.shard);
    conns.push_back(*std::move(conn));
  }
  // Phase 2: read each answer's header; rows stream later.
  std::vector<std::unique_ptr<RowStream>> out;
  absl::Status first_error;
  for (size_t i = 0; i < queries.size(); ++i) {
    absl::StatusOr<std::unique_ptr<mysql::ResultStream>> res =
        conns[i]->ReadResult(options_.streaming);
    if (!res.ok()) {
      if (first_error.ok()) {
        first_error = AnnotateShardError(res.status(), queries[i].keyspace,
                                         queries[i].shard);
      }
      continue;  // keep reading the others so their connections stay clean
    }
    out.push_back(std::make_unique<MysqlRowStream>(
        std::move(conns[i]), *std::move(res), queries[i].keyspace,
        queries[i].shard));
  }
  if (!first_error.ok()) return first_error;
  return out;
}

}  // namespace tessera::engine
