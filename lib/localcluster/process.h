// Child processes for local clusters and test fixtures (mariadbd, etcd).
//
// A Subprocess runs in its own process group. By default it is tied to its
// parent: it gets SIGKILL when the parent dies (PR_SET_PDEATHSIG), and the
// destructor kills the whole group, so a crashing test never leaks servers.
// `detached` processes (for `tessera up` in the background) survive the
// parent and are stopped later by pid.
#ifndef TESSERA_LIB_LOCALCLUSTER_PROCESS_H_
#define TESSERA_LIB_LOCALCLUSTER_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace tessera::localcluster {

struct ProcessOptions {
  std::vector<std::string> argv;  // argv[0] is looked up in PATH
  std::string log_path;           // stdout and stderr; /dev/null if empty
  bool detached = false;          // survive the parent (new session)
};

class Subprocess {
 public:
  static absl::StatusOr<std::unique_ptr<Subprocess>> Start(
      const ProcessOptions& options);
  ~Subprocess();  // kills the process group unless Release()d

  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  pid_t pid() const { return pid_; }
  // Whether the child is still running (reaps it if it exited).
  bool Running();
  // SIGTERM to the group, waits up to `grace`, then SIGKILL. Idempotent.
  absl::Status Terminate(absl::Duration grace);
  // SIGKILL to the group and reap.
  void Kill();
  // Waits for the child to exit and returns its exit code (128+signal when
  // killed by a signal); DeadlineExceeded if it runs longer than `timeout`.
  absl::StatusOr<int> Wait(absl::Duration timeout);
  // Forget the child: the destructor leaves it running.
  void Release() { released_ = true; }

 private:
  explicit Subprocess(pid_t pid) : pid_(pid) {}
  pid_t pid_;
  bool exited_ = false;
  int exit_code_ = -1;
  bool released_ = false;
};

// Finds an executable in PATH, then in /usr/sbin and /usr/local/sbin (where
// Debian puts mariadbd; Bazel's test PATH does not include them).
absl::StatusOr<std::string> FindBinary(absl::string_view name);

// Stops a process (and its group) that is not our child, e.g. one started by
// an earlier `tessera up`: SIGTERM, wait up to `grace`, then SIGKILL.
absl::Status TerminatePid(pid_t pid, absl::Duration grace);
// Whether a process with this pid exists.
bool PidAlive(pid_t pid);

// A TCP port on 127.0.0.1 that was free when asked (bind to port 0).
absl::StatusOr<int> PickFreePort();
// Polls until something accepts TCP connections on 127.0.0.1:port.
absl::Status WaitForPort(int port, absl::Duration timeout);

}  // namespace tessera::localcluster

#endif  // TESSERA_LIB_LOCALCLUSTER_PROCESS_H_
