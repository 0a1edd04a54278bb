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

std::vector<std::string> Transaction::JoinStatements() const {
  std::vector<std::string> out = start_;
  for (const std::string& sp : savepoints_) {
    out.push_back(absl::StrCat("savepoint ", Quote(sp)));
  }
  return out;
}

absl::Status Transaction::JoinAll(absl::Span<const engine::ShardQuery> queries,
                                  bool lookup) {
  if (mode_ == TransactionMode::kSingle && !implicit_) return absl::OkStatus();
  std::vector<Member> joining;
  for (const engine::ShardQuery& q : queries) {
    if (Find(q.keyspace, q.shard) != nullptr) continue;
    if (std::any_of(joining.begin(), joining.end(), [&](const Member& m) {
          return m.keyspace == q.keyspace && m.shard == q.shard;
        })) {
      continue;
    }
    mysql::Pool* pool = cursor_->pool(q.keyspace, q.shard);
    if (pool == nullptr) {
      return InternalMysqlError(absl::StrCat("no connection pool for shard ",
                                             ShardName(q.keyspace, q.shard)));
    }
    absl::StatusOr<mysql::PooledConnection> conn = pool->Get();
    if (!conn.ok()) {
      return engine::AnnotateShardError(conn.status(), q.keyspace, q.shard);
    }
    joining.push_back(Member{q.keyspace, q.shard, *std::move(conn), lookup});
  }
  if (joining.size() < 2) return absl::OkStatus();  // Connection() joins it
  std::vector<absl::Status> errors(joining.size());
  for (const std::string& sql : JoinStatements()) {
    std::vector<bool> sent(joining.size(), false);
    for (size_t i = 0; i < joining.size(); ++i) {
      if (!errors[i].ok()) continue;
      errors[i] = joining[i].conn->Send(sql);
      sent[i] = errors[i].ok();
    }
    for (size_t i = 0; i < joining.size(); ++i) {
      if (!sent[i]) continue;
      absl::StatusOr<std::unique_ptr<mysql::ResultStream>> r =
          joining[i].conn->ReadResult(/*streaming=*/false);
      if (!r.ok()) errors[i] = r.status();
    }
  }
  absl::Status first;
  for (size_t i = 0; i < joining.size(); ++i) {
    if (errors[i].ok()) {
      members_.push_back(std::move(joining[i]));
      continue;
    }
    joining[i].conn.Discard();  // closing it ends what it started
    if (first.ok()) {
      first = engine::AnnotateShardError(errors[i], joining[i].keyspace,
                                         joining[i].shard);
    }
  }
  return first;
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

Transaction& Transaction::Side(bool pre) {
  std::unique_ptr<Transaction>& side = pre ? pre_ : post_;
  if (side == nullptr) {
    side = std::make_unique<Transaction>(TransactionMode::kMulti);
  }
  if (!side->active()) {
    side->Begin({"start transaction"}, cursor_, /*implicit=*/true);
  }
  return *side;
}

absl::Status Transaction::Commit() {
  if (!active_) return absl::OkStatus();
  TESSERA_RETURN_IF_ERROR(RollbackIfAborted());
  if (pre_ != nullptr && pre_->active()) {
    absl::Status pre = pre_->Commit();
    if (!pre.ok()) {
      (void)Rollback();
      return pre;
    }
  }
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
  if (failure.ok()) {
    if (post_ != nullptr && post_->active()) return post_->Commit();
    return absl::OkStatus();
  }
  if (post_ != nullptr) (void)post_->Rollback();
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
  for (Transaction* side : {pre_.get(), post_.get()}) {
    if (side != nullptr && side->active()) (void)side->Rollback();
  }
  std::vector<absl::Status> done = OnEveryShardAtOnce("rollback");
  for (size_t i = 0; i < members_.size(); ++i) {
    if (done[i].ok()) continue;
    if (first.ok()) first = done[i];
    members_[i].conn.Discard();
  }
  Reset();
  return first;
}

std::vector<absl::Status> Transaction::OnEveryShardAtOnce(
    absl::string_view sql) {
  std::vector<absl::Status> out(members_.size());
  std::vector<bool> sent(members_.size(), false);
  for (size_t i = 0; i < members_.size(); ++i) {
    if (members_[i].conn.get() == nullptr) continue;
    out[i] = members_[i].conn->Send(sql);
    sent[i] = out[i].ok();
  }
  for (size_t i = 0; i < members_.size(); ++i) {
    if (!sent[i]) continue;
    absl::StatusOr<std::unique_ptr<mysql::ResultStream>> r =
        members_[i].conn->ReadResult(/*streaming=*/false);
    if (!r.ok()) out[i] = r.status();
  }
  for (size_t i = 0; i < members_.size(); ++i) {
    if (!out[i].ok()) {
      out[i] = engine::AnnotateShardError(out[i], members_[i].keyspace,
                                          members_[i].shard);
    }
  }
  return out;
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
  for (const absl::Status& s : OnEveryShardAtOnce(sql)) {
    if (s.ok()) continue;
    // A savepoint statement that worked on some shards but not on
    // others leaves them out of step: end the transaction.
    MarkAborted(std::string(s.message()));
    return s;
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
