#include "lib/mysql/client/pool.h"

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"

namespace tessera::mysql {

PooledConnection::PooledConnection(PooledConnection&& other) noexcept
    : pool_(other.pool_), conn_(std::move(other.conn_)) {
  other.pool_ = nullptr;
}

PooledConnection& PooledConnection::operator=(
    PooledConnection&& other) noexcept {
  if (this != &other) {
    Release();
    pool_ = other.pool_;
    conn_ = std::move(other.conn_);
    other.pool_ = nullptr;
  }
  return *this;
}

PooledConnection::~PooledConnection() { Release(); }

void PooledConnection::Discard() {
  if (conn_ == nullptr) return;
  conn_.reset();
  if (pool_ != nullptr) pool_->Return(nullptr);
  pool_ = nullptr;
}

void PooledConnection::Release() {
  if (pool_ == nullptr) return;
  pool_->Return(std::move(conn_));
  pool_ = nullptr;
}

Pool::~Pool() {
  absl::MutexLock lock(&mu_);
  idle_.clear();
}

absl::StatusOr<PooledConnection> Pool::Get() {
  const absl::Time deadline = absl::Now() + options_.wait_timeout;
  std::vector<std::unique_ptr<BackendConnection>> to_close;
  std::unique_ptr<BackendConnection> conn;
  {
    absl::MutexLock lock(&mu_);
    bool waited = false;
    while (true) {
      // Reuse the most recently used idle connection still fresh enough.
      while (!idle_.empty()) {
        std::unique_ptr<BackendConnection> c = std::move(idle_.back());
        idle_.pop_back();
        if (absl::Now() - c->last_used() > options_.idle_timeout) {
          to_close.push_back(std::move(c));
          --open_;
          continue;
        }
        conn = std::move(c);
        break;
      }
      if (conn != nullptr) break;
      if (open_ < options_.max_size) {
        ++open_;  // reserve a slot; connect outside the lock
        break;
      }
      if (!waited) ++waits_;
      waited = true;
      auto has_slot = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
        return !idle_.empty() || open_ < options_.max_size;
      };
      if (!mu_.AwaitWithDeadline(absl::Condition(&has_slot), deadline)) {
        return MysqlError(
            er::kTooManyConnections, "08004",
            absl::StrCat("all ", options_.max_size, " backend connections to ",
                         options_.connect.host, ":", options_.connect.port,
                         " are busy"));
      }
    }
  }
  to_close.clear();
  if (conn != nullptr) {
    if (absl::Now() - conn->last_used() > options_.health_check_after &&
        !conn->Ping().ok()) {
      conn.reset();  // replace it below
    } else {
      return PooledConnection(this, std::move(conn));
    }
  }
  absl::StatusOr<std::unique_ptr<BackendConnection>> fresh =
      BackendConnection::Connect(options_.connect);
  absl::MutexLock lock(&mu_);
  if (!fresh.ok()) {
    --open_;
    return fresh.status();
  }
  ++created_;
  return PooledConnection(this, *std::move(fresh));
}

void Pool::Return(std::unique_ptr<BackendConnection> conn) {
  absl::MutexLock lock(&mu_);
  if (conn == nullptr || conn->broken() || !conn->idle()) {
    --open_;
    return;  // closed when `conn` goes out of scope
  }
  conn->set_last_used(absl::Now());
  idle_.push_back(std::move(conn));
}

absl::Status Pool::KillQuery(uint64_t thread_id) {
  TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<BackendConnection> c,
                           BackendConnection::Connect(options_.connect));
  return c->Execute(absl::StrCat("KILL QUERY ", thread_id)).status();
}

PoolStats Pool::stats() const {
  absl::MutexLock lock(&mu_);
  return {open_, idle_.size(), created_, waits_};
}

}  // namespace tessera::mysql
