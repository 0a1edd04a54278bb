#include "services/cli/commands.h"

namespace tessera::cli {

absl::Span<const Command> AllCommands() {
  static constexpr Command kCommands[] = {
      {"version", "print the version", RunVersion},
      {"sql", "format or normalize SQL (fmt|normalize)", RunSql},
  };
  return kCommands;
}

}  // namespace tessera::cli
