// tessera passwd: prints a users-file entry holding the hashes of a
// password (mysql_native_password and caching_sha2_password verifier).
#include <cstdio>
#include <iostream>
#include <string>

#include "lib/base/args.h"
#include "lib/gateway/gateway.h"
#include "services/cli/commands.h"

namespace tessera::cli {

int RunPasswd(const std::vector<std::string>& argv) {
  Args args;
  args.AddString("user", "app", "user name for the entry");
  args.AddInt("iterations", 10000, "PBKDF2 iterations of the sha2 verifier");
  args.AddBool("json", false,
               "print a complete users file ({\"users\": [entry]})");
  args.AddBool("help", false, "print usage");
  absl::Status s = args.Parse(argv);
  if (!s.ok() || args.GetBool("help") || args.positional().size() > 2 ||
      args.GetInt("iterations") < 1000) {
    std::fprintf(stderr,
                 "usage: tessera passwd [--json] [--user=NAME] "
                 "[--iterations=N] [[USER] PASSWORD]\n  (reads the password "
                 "from stdin if not given)\n%s",
                 args.Usage().c_str());
    return s.ok() && args.GetBool("help") ? 0 : 2;
  }
  std::string user = args.GetString("user");
  std::string password;
  const auto& pos = args.positional();
  if (pos.empty()) {
    if (!std::getline(std::cin, password)) password.clear();
  } else if (pos.size() == 1) {
    password = pos[0];
  } else {
    user = pos[0];
    password = pos[1];
  }
  std::string entry = gateway::UserEntryJson(
      user, password, static_cast<int>(args.GetInt("iterations")));
  if (args.GetBool("json")) {
    std::printf("{\"users\": [%s]}\n", entry.c_str());
  } else {
    std::printf("%s\n", entry.c_str());
  }
  return 0;
}

}  // namespace tessera::cli
