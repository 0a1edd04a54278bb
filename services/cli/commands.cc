#include "services/cli/commands.h"

namespace tessera::cli {

absl::Span<const Command> AllCommands() {
  static constexpr Command kCommands[] = {
      {"version", "print the version", RunVersion},
      {"passwd", "print users-file hashes of a password", RunPasswd},
  };
  return kCommands;
}

}  // namespace tessera::cli
