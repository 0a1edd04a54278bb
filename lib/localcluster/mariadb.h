// Real mariadbd instances on 127.0.0.1 for local clusters and tests.
//
// Every instance is a copy of a template datadir that is initialised once
// per machine (mariadb-install-db, ~1 s) under /tmp and then reused; copying
// it takes a few milliseconds. Instances get their own directory (config,
// data, tmpdir, logs), port, socket and server id, with the binlog in ROW
// format and GTID strict mode so replicas can follow them. Root's password is
// "tessera" (see MariadbServer).
#ifndef TESSERA_LIB_LOCALCLUSTER_MARIADB_H_
#define TESSERA_LIB_LOCALCLUSTER_MARIADB_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/localcluster/process.h"
#include "lib/localcluster/sql_client.h"

namespace tessera::localcluster {

struct MariadbOptions {
  std::string dir;  // instance directory; created if missing
  int port = 0;     // 0: pick a free port (retried if it is taken)
  int server_id = 1;
  std::vector<std::string> extra_config;  // extra my.cnf lines
  bool detached = false;                  // outlive this process
  absl::Duration start_timeout = absl::Seconds(60);
};

// Returns the template datadir, creating it first if needed. Safe against
// concurrent callers in other processes (file lock).
absl::StatusOr<std::string> EnsureMariadbTemplate();

class MariadbInstance {
 public:
  // Writes the config, copies the template (unless `dir`/data exists, so a
  // restart keeps the data) and waits until the server accepts logins.
  static absl::StatusOr<std::unique_ptr<MariadbInstance>> Start(
      const MariadbOptions& options);
  ~MariadbInstance();  // kills the server unless Release()d

  const MariadbServer& server() const { return server_; }
  pid_t pid() const { return process_ ? process_->pid() : -1; }
  bool Running() { return process_ && process_->Running(); }

  // Clean shutdown (SIGTERM, then SIGKILL after a grace period).
  absl::Status Stop();
  // Abrupt crash (SIGKILL), as in a power loss of the process.
  void Kill();
  // Starts again on the same directory and port after Stop() or Kill().
  absl::Status Restart();
  // Leaves the server running when this object is destroyed.
  void Release();

 private:
  explicit MariadbInstance(MariadbOptions options)
      : options_(std::move(options)) {}
  absl::Status Launch();

  MariadbOptions options_;
  MariadbServer server_;
  std::unique_ptr<Subprocess> process_;
};

// Makes `replica` replicate from `primary` with GTIDs (both from the same
// template, so their histories agree) and sets it read-only.
absl::Status StartReplication(const MariadbServer& replica,
                              const MariadbServer& primary);
// Waits until `replica` has applied everything `primary` has binlogged.
absl::Status WaitReplicaCaughtUp(const MariadbServer& replica,
                                 const MariadbServer& primary,
                                 absl::Duration timeout);

}  // namespace tessera::localcluster

#endif  // TESSERA_LIB_LOCALCLUSTER_MARIADB_H_
