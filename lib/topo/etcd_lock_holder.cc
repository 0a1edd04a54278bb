// Test helper: takes a topology lock and holds it until killed (at most two
// minutes). Used to check that a dead holder's lock expires.
//   etcd_lock_holder URL PATH OWNER TTL_SECONDS
#include <cstdio>
#include <cstdlib>

#include "absl/time/clock.h"
#include "lib/topo/open.h"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s URL PATH OWNER TTL_SECONDS\n", argv[0]);
    return 2;
  }
  auto conn = tessera::topo::Open(argv[1]);
  if (!conn.ok()) {
    std::fprintf(stderr, "%s\n", conn.status().ToString().c_str());
    return 1;
  }
  auto lock = (*conn)->Lock(argv[2], absl::Seconds(std::atoi(argv[4])), argv[3],
                            absl::Now() + absl::Seconds(30));
  if (!lock.ok()) {
    std::fprintf(stderr, "%s\n", lock.status().ToString().c_str());
    return 1;
  }
  std::printf("locked\n");
  std::fflush(stdout);
  absl::SleepFor(absl::Minutes(2));
  return 0;
}
