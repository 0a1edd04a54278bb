#include "services/cli/commands.h"

namespace tessera::cli {

absl::Span<const Command> AllCommands() {
  static constexpr Command kCommands[] = {
      {"up", "start a local sharded cluster", RunUp},
      {"down", "stop the local cluster", RunDown},
      {"status", "show the local cluster's components", RunStatus},
      {"version", "print the version", RunVersion},
  };
  return kCommands;
}

}  // namespace tessera::cli
