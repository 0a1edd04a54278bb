#include <cstdio>

#include "services/cli/commands.h"

namespace tessera::cli {

int RunVersion(const std::vector<std::string>& args) {
  std::printf("tessera 0.1.0\n");
  return 0;
}

}  // namespace tessera::cli
