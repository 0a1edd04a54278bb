// The protocol server with the in-memory fake session, for measuring the
// server alone (e.g. sysbench oltp_point_select against it: the fake echoes
// parameters instead of reading a table). Runs until killed.
//   bazel run -c opt //lib/mysql:fake_server -- --port=25307 --workers=8
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "lib/base/args.h"
#include "lib/mysql/fake_backend_test_util.h"
#include "lib/mysql/server.h"

int main(int argc, char** argv) {
  tessera::Args args;
  args.AddInt("port", 25307, "listen port on 127.0.0.1");
  args.AddInt("workers", 8, "worker threads (0: inline)");
  args.AddInt("io-threads", 2, "I/O threads");
  args.AddInt("threads-per-io", 1, "threads running each io_context");
  if (!args.Parse(std::vector<std::string>(argv + 1, argv + argc)).ok()) {
    std::fprintf(stderr, "%s", args.Usage().c_str());
    return 2;
  }
  tessera::mysql::testing::FakeSessionFactory factory;
  tessera::mysql::testing::FakeAuthenticator auth;
  tessera::mysql::ServerOptions o;
  o.port = static_cast<int>(args.GetInt("port"));
  o.worker_threads = static_cast<int>(args.GetInt("workers"));
  o.io_threads = static_cast<int>(args.GetInt("io-threads"));
  o.threads_per_io_context = static_cast<int>(args.GetInt("threads-per-io"));
  tessera::mysql::Server server(o, &factory, &auth);
  if (absl::Status s = server.Start(); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  std::printf("listening on 127.0.0.1:%d (user app / secret)\n", server.port());
  std::fflush(stdout);
  while (true) pause();
}
