#include "lib/topo/election.h"

#include <utility>

#include "lib/base/status_macros.h"

namespace tessera::topo {

Election::Election(Conn* conn, std::string path, std::string id,
                   absl::Duration ttl)
    : conn_(conn), path_(std::move(path)), id_(std::move(id)), ttl_(ttl) {}

absl::Status Election::Campaign(absl::Time deadline) {
  if (IsLeader()) return absl::OkStatus();
  lock_.reset();
  TESSERA_ASSIGN_OR_RETURN(lock_, conn_->Lock(path_, ttl_, id_, deadline));
  return absl::OkStatus();
}

bool Election::IsLeader() const { return lock_ != nullptr && lock_->Held(); }

absl::StatusOr<std::string> Election::Leader() {
  return conn_->LockOwner(path_);
}

absl::Status Election::Resign() {
  if (lock_ == nullptr) return absl::OkStatus();
  absl::Status s = lock_->Unlock();
  lock_.reset();
  return s;
}

}  // namespace tessera::topo
