// Subcommands of the `tessera` CLI. Each lives in its own cmd_*.cc file and
// is listed once in commands.cc; main.cc only dispatches.
#ifndef TESSERA_SERVICES_CLI_COMMANDS_H_
#define TESSERA_SERVICES_CLI_COMMANDS_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
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
int RunUp(const std::vector<std::string>& args);
int RunExplain(const std::vector<std::string>& args);
int RunDown(const std::vector<std::string>& args);
int RunStatus(const std::vector<std::string>& args);
int RunSql(const std::vector<std::string>& args);

// Topology commands (lib/topo); --topo URL, default
// rocksdb:///./.tessera/local/topo.
int RunTopo(const std::vector<std::string>& args);
int RunKeyspace(const std::vector<std::string>& args);
int RunShard(const std::vector<std::string>& args);
// `tessera vschema get|apply`, validating with BasicVSchemaCheck. The
// overload takes the validator, so the vschema module's full check can be
// wired in (and `vschema check` dispatched alongside).
int RunVschemaStore(const std::vector<std::string>& args);
int RunVschemaStore(
    const std::vector<std::string>& args,
    const std::function<absl::Status(absl::string_view json)>& validate);
int RunPasswd(const std::vector<std::string>& args);

// VSchema and vindex tools (lib/vschema, lib/vindex).
// `tessera vschema check FILE`. RunVschema is the "vschema" command: it
// dispatches `check` to RunVschemaCheck and get/apply to RunVschemaStore
// with ValidateVSchemaJson as the validator.
int RunVschema(const std::vector<std::string>& args);
int RunVschemaCheck(const std::vector<std::string>& args);
// `tessera vindex [map] --type T VALUE...` and `tessera vindex types`.
int RunVindex(const std::vector<std::string>& args);

}  // namespace tessera::cli

#endif  // TESSERA_SERVICES_CLI_COMMANDS_H_
