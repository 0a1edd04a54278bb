// Leader election on top of Conn::Lock: the candidate holding the lock
// `path` is the leader; if it dies its lock expires (TTL) and a waiting
// candidate takes over.
//
//   Election e(conn, "elections/orc", "host1:8080", absl::Seconds(10));
//   TESSERA_RETURN_IF_ERROR(e.Campaign(absl::Now() + absl::Minutes(1)));
//   ... while (e.IsLeader()) work ...
//   e.Resign();
//
// Thread-compatible: one thread drives one Election. `conn` must outlive it.
#ifndef TESSERA_LIB_TOPO_ELECTION_H_
#define TESSERA_LIB_TOPO_ELECTION_H_

#include <memory>
#include <string>

#include "lib/topo/conn.h"

namespace tessera::topo {

class Election {
 public:
  Election(Conn* conn, std::string path, std::string id, absl::Duration ttl);

  // Waits until this candidate leads or `deadline` passes
  // (kDeadlineExceeded). OK at once if already leading.
  absl::Status Campaign(absl::Time deadline);
  // Whether this candidate still holds leadership.
  bool IsLeader() const;
  // The current leader's id; kNotFound if none.
  absl::StatusOr<std::string> Leader();
  // Gives up leadership (no-op if not leading).
  absl::Status Resign();

 private:
  Conn* conn_;
  std::string path_;
  std::string id_;
  absl::Duration ttl_;
  std::unique_ptr<LockHandle> lock_;
};

}  // namespace tessera::topo

#endif  // TESSERA_LIB_TOPO_ELECTION_H_
