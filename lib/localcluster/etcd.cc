#include "lib/localcluster/etcd.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "lib/base/status_macros.h"

namespace tessera::localcluster {

absl::StatusOr<std::string> HttpRequest(int port, const std::string& method,
                                        const std::string& path,
                                        const std::string& body) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return absl::InternalError("socket failed");
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    close(fd);
    return absl::UnavailableError(absl::StrCat("connect 127.0.0.1:", port));
  }
  std::string req = absl::StrCat(method, " ", path,
                                 " HTTP/1.0\r\nHost: 127.0.0.1\r\n"
                                 "Content-Type: application/json\r\n"
                                 "Content-Length: ",
                                 body.size(), "\r\n\r\n", body);
  if (send(fd, req.data(), req.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(req.size())) {
    close(fd);
    return absl::UnavailableError("send failed");
  }
  std::string response;
  char buf[4096];
  while (true) {
    ssize_t n = recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) break;
    response.append(buf, n);
    if (response.size() > (1 << 20)) break;
  }
  close(fd);
  size_t start = response.find("\r\n\r\n");
  if (start == std::string::npos) return absl::UnavailableError("bad response");
  return response.substr(start + 4);
}

absl::StatusOr<std::unique_ptr<EtcdCluster>> EtcdCluster::Start(
    const EtcdOptions& options) {
  if (options.members < 1 || options.members > 9) {
    return absl::InvalidArgumentError("members must be 1..9");
  }
  auto cluster = std::unique_ptr<EtcdCluster>(new EtcdCluster(options));
  for (int i = 0; i < options.members; ++i) {
    Member m;
    m.name = absl::StrCat("m", i);
    TESSERA_ASSIGN_OR_RETURN(m.client_port, PickFreePort());
    TESSERA_ASSIGN_OR_RETURN(m.peer_port, PickFreePort());
    cluster->members_.push_back(std::move(m));
  }
  for (int i = 0; i < options.members; ++i) {
    TESSERA_RETURN_IF_ERROR(cluster->Launch(i, /*existing=*/false));
  }
  for (int i = 0; i < options.members; ++i) {
    TESSERA_RETURN_IF_ERROR(cluster->WaitHealthy(i, options.start_timeout));
  }
  return cluster;
}

EtcdCluster::~EtcdCluster() = default;

pid_t EtcdCluster::pid(int member) const {
  const auto& p = members_[member].process;
  return p ? p->pid() : -1;
}

std::string EtcdCluster::endpoints() const {
  std::vector<std::string> eps;
  for (const auto& m : members_)
    eps.push_back(absl::StrCat("127.0.0.1:", m.client_port));
  return absl::StrJoin(eps, ",");
}

absl::Status EtcdCluster::Launch(int member, bool existing) {
  Member& m = members_[member];
  std::string dir = absl::StrCat(options_.dir, "/", m.name);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::vector<std::string> peers;
  for (const auto& p : members_) {
    peers.push_back(absl::StrCat(p.name, "=http://127.0.0.1:", p.peer_port));
  }
  std::string client = absl::StrCat("http://127.0.0.1:", m.client_port);
  std::string peer = absl::StrCat("http://127.0.0.1:", m.peer_port);
  TESSERA_ASSIGN_OR_RETURN(std::string etcd, FindBinary("etcd"));
  std::vector<std::string> argv = {
      etcd,
      "--name",
      m.name,
      "--data-dir",
      dir + "/data",
      "--listen-client-urls",
      client,
      "--advertise-client-urls",
      client,
      "--listen-peer-urls",
      peer,
      "--initial-advertise-peer-urls",
      peer,
      "--initial-cluster",
      absl::StrJoin(peers, ","),
      "--initial-cluster-token",
      absl::StrCat("tessera-", members_[0].peer_port),
      "--initial-cluster-state",
      existing ? "existing" : "new",
      "--heartbeat-interval",
      "50",
      "--election-timeout",
      "500",
      "--log-level",
      "warn",
  };
  TESSERA_ASSIGN_OR_RETURN(
      m.process,
      Subprocess::Start({argv, dir + "/etcd.log", options_.detached}));
  return absl::OkStatus();
}

absl::Status EtcdCluster::WaitHealthy(int member, absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  std::string last;
  while (absl::Now() < deadline) {
    auto& p = members_[member].process;
    if (!p || !p->Running()) {
      return absl::UnavailableError(
          absl::StrCat("etcd member ", member, " exited; see ", options_.dir,
                       "/", members_[member].name, "/etcd.log"));
    }
    auto body = HttpGet(members_[member].client_port, "/health");
    if (body.ok() && absl::StrContains(*body, "\"health\":\"true\"")) {
      return absl::OkStatus();
    }
    last = body.ok() ? *body : std::string(body.status().message());
    absl::SleepFor(absl::Milliseconds(50));
  }
  return absl::DeadlineExceededError(
      absl::StrCat("etcd member ", member, " not healthy: ", last));
}

void EtcdCluster::Kill(int member) {
  if (members_[member].process) members_[member].process->Kill();
}

absl::Status EtcdCluster::Restart(int member) {
  auto& p = members_[member].process;
  if (p && p->Running()) return absl::FailedPreconditionError("still running");
  return Launch(member, /*existing=*/true);
}

void EtcdCluster::Release() {
  for (auto& m : members_) {
    if (m.process) m.process->Release();
  }
}

}  // namespace tessera::localcluster
