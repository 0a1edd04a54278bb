// tessera: the command-line tool (local cluster, SQL tools, topology edits).
#include <cstdio>
#include <string>
#include <vector>

#include "services/cli/commands.h"

namespace {

void PrintHelp() {
  std::fprintf(stderr,
               "usage: tessera <command> [flags] [args]\n\ncommands:\n");
  for (const auto& c : tessera::cli::AllCommands()) {
    std::fprintf(stderr, "  %-10.*s %.*s\n", static_cast<int>(c.name.size()),
                 c.name.data(), static_cast<int>(c.summary.size()),
                 c.summary.data());
  }
  std::fprintf(stderr,
               "\n`tessera <command> --help` describes a command's flags.\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "help" ||
      std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    PrintHelp();
    return argc < 2 ? 2 : 0;
  }
  std::string name = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  for (const auto& c : tessera::cli::AllCommands()) {
    if (c.name == name) return c.run(args);
  }
  std::fprintf(stderr, "tessera: unknown command '%s'\n\n", name.c_str());
  PrintHelp();
  return 2;
}
