// sysbench oltp_point_select through the gateway and directly to the same
// mariadbd, alternating runs in one process, printing QPS and p95 and the
// gateway/direct QPS ratio. Starts its own mariadbd (//lib/testing:mariadb).
//
//   bazel run -c opt //lib/gateway:gateway_sysbench_benchmark --
//       --threads=4 --seconds=10 --rounds=3 --worker-threads=8
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/base/args.h"
#include "lib/gateway/gateway_test_env.h"

namespace tessera::gateway {
namespace {

struct RunResult {
  double qps = 0;
  double p95_ms = 0;
  long errors = 0;
};

// Extracts the number after `key` in sysbench's report.
double After(const std::string& out, const std::string& key, char stop) {
  size_t at = out.find(key);
  if (at == std::string::npos) return -1;
  at += key.size();
  while (at < out.size() && (out[at] == ' ' || out[at] == '(')) ++at;
  size_t end = out.find(stop, at);
  double v = -1;
  (void)absl::SimpleAtod(out.substr(at, end - at), &v);
  return v;
}

RunResult RunSysbench(const std::string& common, int port,
                      const std::string& creds, int threads, int seconds) {
  int rc = 0;
  std::string out = RunCommand(
      absl::StrCat(common, " --mysql-port=", port, " ", creds,
                   " --threads=", threads, " --time=", seconds, " run 2>&1"),
      &rc);
  RunResult r;
  size_t q = out.find("queries:");
  if (rc != 0 || q == std::string::npos) {
    std::fprintf(stderr, "sysbench failed:\n%s\n", out.c_str());
    r.errors = -1;
    return r;
  }
  size_t paren = out.find('(', q);
  r.qps = After(out.substr(paren), "(", ' ');
  r.p95_ms = After(out, "95th percentile:", '\n');
  r.errors = static_cast<long>(After(out, "ignored errors:", ' '));
  return r;
}

int Main(int argc, char** argv) {
  Args args;
  args.AddInt("threads", 4, "sysbench threads");
  args.AddInt("seconds", 10, "seconds per run");
  args.AddInt("rounds", 3, "direct/gateway pairs");
  args.AddInt("worker-threads", 8, "gateway worker threads (0: inline)");
  args.AddInt("table-size", 10000, "rows in sbtest1");
  args.AddInt("threads-per-io", 1, "threads running each io_context");
  absl::Status s = args.Parse(std::vector<std::string>(argv + 1, argv + argc));
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n%s", std::string(s.message()).c_str(),
                 args.Usage().c_str());
    return 2;
  }
  auto env =
      StartGatewayTestEnv({}, static_cast<int>(args.GetInt("worker-threads")));
  if (!env.ok()) {
    std::fprintf(stderr, "setup: %s\n", env.status().ToString().c_str());
    return 1;
  }
  const auto& db = (*env)->db->primary(0);
  std::string common = absl::StrCat(
      "sysbench oltp_point_select --db-driver=mysql --mysql-host=127.0.0.1 "
      "--mysql-db=sbtest --tables=1 --table-size=",
      args.GetInt("table-size"));
  std::string direct_creds =
      absl::StrCat("--mysql-user=", db.user, " --mysql-password=", db.password);
  std::string gateway_creds = "--mysql-user=app --mysql-password=app-pw";
  int rc = 0;
  std::string out = RunCommand(absl::StrCat(common, " --mysql-port=", db.port,
                                            " ", direct_creds, " prepare 2>&1"),
                               &rc);
  if (rc != 0) {
    std::fprintf(stderr, "prepare failed:\n%s\n", out.c_str());
    return 1;
  }
  int threads = static_cast<int>(args.GetInt("threads"));
  int seconds = static_cast<int>(args.GetInt("seconds"));
  double direct_sum = 0, gateway_sum = 0;
  std::printf("round  target   qps        p95_ms  errors\n");
  for (int round = 1; round <= args.GetInt("rounds"); ++round) {
    RunResult d = RunSysbench(common, db.port, direct_creds, threads, seconds);
    RunResult g =
        RunSysbench(common, (*env)->port(), gateway_creds, threads, seconds);
    if (d.errors < 0 || g.errors < 0) return 1;
    std::printf("%-6d direct   %-10.0f %-7.2f %ld\n", round, d.qps, d.p95_ms,
                d.errors);
    std::printf("%-6d gateway  %-10.0f %-7.2f %ld\n", round, g.qps, g.p95_ms,
                g.errors);
    direct_sum += d.qps;
    gateway_sum += g.qps;
  }
  std::printf("gateway/direct QPS ratio: %.2f (threads=%d, %d s runs)\n",
              direct_sum > 0 ? gateway_sum / direct_sum : 0.0, threads,
              seconds);
  return 0;
}

}  // namespace
}  // namespace tessera::gateway

int main(int argc, char** argv) { return tessera::gateway::Main(argc, argv); }
