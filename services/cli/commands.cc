#include "services/cli/commands.h"

namespace tessera::cli {

absl::Span<const Command> AllCommands() {
  static constexpr Command kCommands[] = {
      {"up", "start a local sharded cluster", RunUp},
      {"down", "stop the local cluster", RunDown},
      {"status", "show the local cluster's components", RunStatus},
      {"version", "print the version", RunVersion},
      {"vschema", "VSchema tools: check FILE", RunVschema},
      {"vindex", "map values through a vindex: --type T VALUE...", RunVindex},
  };
  return kCommands;
}

}  // namespace tessera::cli
