#include "lib/router/transaction.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/engine/shard_cursor.h"

namespace tessera::router {
namespace {

constexpr uint16_t kErrorDuringCommit = 1180;  // HY000
constexpr uint16_t kSpDoesNotExist = 1305;     // 42000
constexpr uint16_t kDeadlock = 1213;           // 40001

std::string Quote(absl::string_view name) {
  return absl::StrCat("`", absl::StrReplaceAll(name, {{"`", "``"}}), "`");
}

std::string ShardName(absl::string_view keyspace, absl::string_view shard) {
  return absl::StrCat(keyspace, "/", shard);
}

}  // namespace

bool EndsShardTransaction(const absl::Status& status) {
  if (status.ok()) return false;
  uint16_t code = ToMysqlError(status).code;
  return code == kDeadlock || code == 2006 || code == 2013;
}

void Transaction::Begin(std::vector<std::string> start,
                        std::shared_ptr<engine::BackendCursor> cursor,
                        bool implicit) {
  cursor_ = std::move(cursor);
  active_ = true;
  implicit_ = implicit;
  start_ = std::move(start);
}

Transaction::Member* Transaction::Find(absl::string_view keyspace,
                                       absl::string_view shard) {
  for (Member& m : members_) {
    if (m.keyspace == keyspace && m.shard == shard) return &m;
  }
  return nullptr;
}

absl::Status Transaction::CheckCanJoin(absl::string_view keyspace,
                                       absl::string_view shard,
                                       bool lookup) const {
  // Single mode limits what clients open; an implicit transaction only
  // makes one autocommit statement atomic and may span shards, and lookup
  // vindex maintenance is part of the statement that needs it.
  if (mode_ != TransactionMode::kSingle || implicit_ || lookup) {
    return absl::OkStatus();
  }
  const Member* first = nullptr;
  for (const Member& m : members_) {
    if (!m.lookup) {
      first = &m;
      break;
    }
  }
  if (first == nullptr) return absl::OkStatus();
  const Member& m = *first;
  if (m.keyspace == keyspace && m.shard == shard) return absl::OkStatus();
  return UnsupportedError(absl::StrCat(
      "unsupported: transaction_mode single: this statement would reach ",
      ShardName(keyspace, shard), " but the transaction is on ",
      ShardName(m.keyspace, m.shard)));
}

absl::StatusOr<mysql::BackendConnection*> Transaction::Connection(
    absl::string_view keyspace, absl::string_view shard, bool lookup) {
  if (Member* m = Find(keyspace, shard)) {
    if (m->lookup && !lookup) {
      TESSERA_RETURN_IF_ERROR(CheckCanJoin(keyspace, shard));
      m->lookup = false;
    }
    return m->conn.get();
  }
  TESSERA_RETURN_IF_ERROR(CheckCanJoin(keyspace, shard, lookup));
  mysql::Pool* pool = cursor_->pool(keyspace, shard);
  if (pool == nullptr) {
    return InternalMysqlError(absl::StrCat("no connection pool for shard ",
                                           ShardName(keyspace, shard)));
  }
  absl::StatusOr<mysql::PooledConnection> conn = pool->Get();
  if (!conn.ok())
    return engine::AnnotateShardError(conn.status(), keyspace, shard);
  auto run = [&](absl::string_view sql) -> absl::Status {
    absl::StatusOr<Result> r = (*conn)->Execute(sql);
    return r.ok() ? absl::OkStatus()
                  : engine::AnnotateShardError(r.status(), keyspace, shard);
  };
  for (const std::string& sql : start_) TESSERA_RETURN_IF_ERROR(run(sql));
  for (const std::string& sp : savepoints_) {
    absl::Status s = run(absl::StrCat("savepoint ", Quote(sp)));
    if (!s.ok()) {
      (void)(*conn)->Execute("rollback");
      return s;
    }
  }
  members_.push_back(Member{std::string(keyspace), std::string(shard),
                            *std::move(conn), lookup});
  return members_.back().conn.get();
}

absl::Status Transaction::Commit() {
  if (!active_) return absl::OkStatus();
  TESSERA_RETURN_IF_ERROR(RollbackIfAborted());
  std::vector<std::string> committed;
  absl::Status failure;
  std::string failed;
  size_t i = 0;
  for (; i < members_.size(); ++i) {
    Member& m = members_[i];
    absl::StatusOr<Result> r = m.conn->Execute("commit");
    if (!r.ok()) {
      failure = r.status();
      failed = ShardName(m.keyspace, m.shard);
      m.conn.Discard();
      ++i;
      break;
    }
    committed.push_back(ShardName(m.keyspace, m.shard));
  }
  std::vector<std::string> rolled_back;
  for (; i < members_.size(); ++i) {
    Member& m = members_[i];
    if (!m.conn->Execute("rollback").ok()) m.conn.Discard();
    rolled_back.push_back(ShardName(m.keyspace, m.shard));
  }
  Reset();
  if (failure.ok()) return absl::OkStatus();
  return MysqlError(
      kErrorDuringCommit, "HY000",
      absl::StrCat("COMMIT failed on shard ", failed, ": ", failure.message(),
                   "; committed: [", absl::StrJoin(committed, ", "),
                   "]; rolled back: [", absl::StrJoin(rolled_back, ", "), "]"));
}

absl::Status Transaction::RollbackIfAborted() {
  if (abort_reason_.empty()) return absl::OkStatus();
  std::string why = abort_reason_;
  (void)Rollback();
  return MysqlError(kErrorDuringCommit, "HY000",
                    absl::StrCat("the transaction was rolled back: ", why));
}

absl::Status Transaction::Rollback() {
  absl::Status first;
  for (Member& m : members_) {
    if (m.conn.get() == nullptr) continue;
    absl::StatusOr<Result> r = m.conn->Execute("rollback");
    if (!r.ok()) {
      if (first.ok()) {
        first = engine::AnnotateShardError(r.status(), m.keyspace, m.shard);
      }
      m.conn.Discard();
    }
  }
  Reset();
  return first;
}

void Transaction::Reset() {
  members_.clear();  // connections go back to their pools
  cursor_.reset();
  savepoints_.clear();
  abort_reason_.clear();
  active_ = false;
  implicit_ = false;
}

absl::Status Transaction::OnEveryShard(absl::string_view sql) {
  for (Member& m : members_) {
    absl::StatusOr<Result> r = m.conn->Execute(sql);
    if (!r.ok()) {
      absl::Status s =
          engine::AnnotateShardError(r.status(), m.keyspace, m.shard);
      // A savepoint statement that worked on some shards but not on
      // others leaves them out of step: end the transaction.
      MarkAborted(std::string(s.message()));
      return s;
    }
  }
  return absl::OkStatus();
}

absl::Status Transaction::Savepoint(absl::string_view name) {
  if (!active_) return absl::OkStatus();  // as MySQL: a no-op in autocommit
  TESSERA_RETURN_IF_ERROR(
      OnEveryShard(absl::StrCat("savepoint ", Quote(name))));
  // Redeclaring a name moves it (MySQL drops the older one).
  savepoints_.erase(std::remove_if(savepoints_.begin(), savepoints_.end(),
                                   [&](const std::string& s) {
                                     return absl::EqualsIgnoreCase(s, name);
                                   }),
                    savepoints_.end());
  savepoints_.emplace_back(name);
  return absl::OkStatus();
}

absl::Status Transaction::RollbackToSavepoint(absl::string_view name) {
  auto it = std::find_if(
      savepoints_.begin(), savepoints_.end(),
      [&](const std::string& s) { return absl::EqualsIgnoreCase(s, name); });
  if (it == savepoints_.end()) {
    return MysqlError(kSpDoesNotExist, "42000",
                      absl::StrCat("SAVEPOINT ", name, " does not exist"));
  }
  TESSERA_RETURN_IF_ERROR(
      OnEveryShard(absl::StrCat("rollback to savepoint ", Quote(name))));
  savepoints_.erase(it + 1, savepoints_.end());
  return absl::OkStatus();
}

absl::Status Transaction::ReleaseSavepoint(absl::string_view name) {
  auto it = std::find_if(
      savepoints_.begin(), savepoints_.end(),
      [&](const std::string& s) { return absl::EqualsIgnoreCase(s, name); });
  if (it == savepoints_.end()) {
    return MysqlError(kSpDoesNotExist, "42000",
                      absl::StrCat("SAVEPOINT ", name, " does not exist"));
  }
  TESSERA_RETURN_IF_ERROR(
      OnEveryShard(absl::StrCat("release savepoint ", Quote(name))));
  savepoints_.erase(it, savepoints_.end());
  return absl::OkStatus();
}

std::vector<std::string> Transaction::ShardNames() const {
  std::vector<std::string> out;
  for (const Member& m : members_)
    out.push_back(ShardName(m.keyspace, m.shard));
  return out;
}

}  // namespace tessera::router
