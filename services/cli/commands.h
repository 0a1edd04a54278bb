// Subcommands of the `tessera` CLI. Each lives in its own cmd_*.cc file and
// is listed once in commands.cc; main.cc only dispatches.
#ifndef TESSERA_SERVICES_CLI_COMMANDS_H_
#define TESSERA_SERVICES_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace tessera::cli {

// Runs a subcommand with its arguments (without "tessera <name>") and
// returns the process exit code (0 ok, 1 failure, 2 usage error).
using CommandFn = int (*)(const std::vector<std::string>& args);

struct Command {
  absl::string_view name;
  absl::string_view summary;
  CommandFn run;
};

// All subcommands, in the order `tessera help` lists them.
absl::Span<const Command> AllCommands();

int RunVersion(const std::vector<std::string>& args);
int RunPasswd(const std::vector<std::string>& args);

}  // namespace tessera::cli

#endif  // TESSERA_SERVICES_CLI_COMMANDS_H_
