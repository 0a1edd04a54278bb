// `tessera down` and `tessera status` for the local cluster.
#include <cstdio>

#include "lib/base/args.h"
#include "lib/localcluster/cluster.h"
#include "services/cli/commands.h"

namespace tessera::cli {
namespace {

// Parses the common `--dir` flag; returns false (and sets `code`) on error.
bool ParseDirFlag(const char* cmd, const std::vector<std::string>& argv,
                  std::string* dir, int* code) {
  Args args;
  args.AddString("dir", ".tessera/local", "state directory");
  args.AddBool("help", false, "show flags");
  absl::Status s = args.Parse(argv);
  if (!s.ok() || args.GetBool("help") || !args.positional().empty()) {
    if (!s.ok())
      std::fprintf(stderr, "tessera %s: %s\n", cmd, s.ToString().c_str());
    std::fprintf(stderr, "usage: tessera %s [--dir=DIR]\n%s", cmd,
                 args.Usage().c_str());
    *code = s.ok() && args.GetBool("help") ? 0 : 2;
    return false;
  }
  *dir = args.GetString("dir");
  return true;
}

}  // namespace

int RunDown(const std::vector<std::string>& argv) {
  std::string dir;
  int code = 0;
  if (!ParseDirFlag("down", argv, &dir, &code)) return code;
  absl::Status s = localcluster::StopClusterFromState(dir);
  if (absl::IsNotFound(s)) {
    std::printf("no cluster running in %s\n", dir.c_str());
    return 0;
  }
  if (!s.ok()) {
    std::fprintf(stderr, "tessera down: %s\n", s.ToString().c_str());
    return 1;
  }
  std::printf(
      "stopped the cluster in %s (data kept; remove the directory "
      "to start afresh)\n",
      dir.c_str());
  return 0;
}

int RunStatus(const std::vector<std::string>& argv) {
  std::string dir;
  int code = 0;
  if (!ParseDirFlag("status", argv, &dir, &code)) return code;
  auto state = localcluster::ReadClusterState(dir);
  if (!state.ok()) {
    std::fprintf(stderr, "tessera status: %s\n",
                 state.status().ToString().c_str());
    return absl::IsNotFound(state.status()) ? 3 : 1;
  }
  std::string table = localcluster::FormatClusterStatus(*state);
  std::printf("%s", table.c_str());
  return table.find("DOWN") == std::string::npos ? 0 : 1;
}

}  // namespace tessera::cli
