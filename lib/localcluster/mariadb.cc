#include "lib/localcluster/mariadb.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "lib/base/status_macros.h"

namespace tessera::localcluster {
namespace fs = std::filesystem;
namespace {

// Bump when the template's contents change (users, settings).
constexpr int kTemplateVersion = 1;

std::string ConfigText(const std::string& dir, int port, int server_id,
                       const std::string& socket,
                       const std::vector<std::string>& extra) {
  std::vector<std::string> lines = {
      "[mariadbd]",
      "user=root",
      absl::StrCat("datadir=", dir, "/data"),
      absl::StrCat("tmpdir=", dir, "/tmp"),
      absl::StrCat("socket=", socket),
      absl::StrCat("pid-file=", dir, "/mariadbd.pid"),
      absl::StrCat("log-error=", dir, "/error.log"),
      absl::StrCat("port=", port),
      "bind-address=127.0.0.1",
      absl::StrCat("server-id=", server_id),
      "log-bin=binlog",
      "binlog-format=ROW",
      "log-slave-updates=1",
      "gtid-strict-mode=1",
      "innodb-buffer-pool-size=16M",
      "innodb-log-file-size=16M",
      "performance-schema=OFF",
      "skip-name-resolve=1",
      "character-set-server=utf8mb4",
      "collation-server=utf8mb4_general_ci",
      "max-connections=500",
  };
  for (const auto& l : extra) lines.push_back(l);
  return absl::StrCat(absl::StrJoin(lines, "\n"), "\n");
}

absl::Status WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  out.close();
  if (!out) return absl::InternalError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

std::string Tail(const std::string& path, size_t max_bytes = 1500) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  return s.size() > max_bytes ? s.substr(s.size() - max_bytes) : s;
}

absl::Status MakeDirs(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    return absl::InternalError(absl::StrCat("mkdir ", dir, ": ", ec.message()));
  return absl::OkStatus();
}

// Runs a program to completion; error with its log on failure.
absl::Status RunToCompletion(std::vector<std::string> argv,
                             const std::string& log, absl::Duration timeout) {
  TESSERA_ASSIGN_OR_RETURN(argv[0], FindBinary(argv[0]));
  TESSERA_ASSIGN_OR_RETURN(auto p, Subprocess::Start({argv, log, false}));
  TESSERA_ASSIGN_OR_RETURN(int code, p->Wait(timeout));
  if (code != 0) {
    return absl::InternalError(
        absl::StrCat(argv[0], " exited with ", code, ":\n", Tail(log)));
  }
  return absl::OkStatus();
}

// Initialises a datadir in `work`, sets root's password, empties the binlog.
absl::Status BuildTemplate(const std::string& work) {
  std::string socket = absl::StrCat(work, "/s.sock");
  TESSERA_RETURN_IF_ERROR(MakeDirs(work + "/data"));
  TESSERA_RETURN_IF_ERROR(MakeDirs(work + "/tmp"));
  std::string cnf = work + "/my.cnf";
  TESSERA_RETURN_IF_ERROR(
      WriteFile(cnf, ConfigText(work, 0, 1, socket, {"skip-networking=1"})));
  TESSERA_RETURN_IF_ERROR(
      RunToCompletion({"mariadb-install-db", "--defaults-file=" + cnf,
                       "--auth-root-authentication-method=normal",
                       "--skip-test-db", "--user=root"},
                      work + "/install.log", absl::Minutes(2)));
  TESSERA_ASSIGN_OR_RETURN(std::string mariadbd, FindBinary("mariadbd"));
  TESSERA_ASSIGN_OR_RETURN(
      auto server, Subprocess::Start({{mariadbd, "--defaults-file=" + cnf},
                                      work + "/mariadbd.out",
                                      false}));
  MariadbServer admin;
  admin.socket = socket;
  admin.password = "";
  absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (!Ping(admin).ok()) {
    if (!server->Running() || absl::Now() > deadline) {
      return absl::InternalError(absl::StrCat("template mariadbd failed:\n",
                                              Tail(work + "/error.log")));
    }
    absl::SleepFor(absl::Milliseconds(50));
  }
  TESSERA_RETURN_IF_ERROR(Exec(admin,
                               "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';"
                               "ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY "
                               "'tessera';"
                               "GRANT ALL PRIVILEGES ON *.* TO "
                               "'root'@'127.0.0.1' WITH GRANT OPTION;"
                               "DELETE FROM mysql.global_priv WHERE User='';"
                               "FLUSH PRIVILEGES;"
                               "ALTER USER 'root'@'localhost' IDENTIFIED BY "
                               "'tessera';"
                               "RESET MASTER;"));
  return server->Terminate(absl::Seconds(60));
}

}  // namespace

absl::StatusOr<std::string> EnsureMariadbTemplate() {
  std::string base = absl::StrCat("/tmp/tessera-mariadb-template-", getuid(),
                                  "-v", kTemplateVersion);
  std::string ready = base + "/data/tessera-template-ready";
  if (access(ready.c_str(), F_OK) == 0) return base + "/data";
  std::string lock_path = base + ".lock";
  int lock = open(lock_path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  if (lock < 0) {
    return absl::InternalError(
        absl::StrCat("open ", lock_path, ": ", std::strerror(errno)));
  }
  flock(lock, LOCK_EX);  // released on close, also if we crash
  absl::Status status = absl::OkStatus();
  if (access(ready.c_str(), F_OK) != 0) {
    std::string work_template = base + ".work-XXXXXX";
    char* work = mkdtemp(work_template.data());
    if (work == nullptr) {
      status = absl::InternalError("mkdtemp for the MariaDB template failed");
    } else {
      status = BuildTemplate(work);
      if (status.ok()) {
        status = WriteFile(std::string(work) + "/data/tessera-template-ready",
                           "ok\n");
      }
      std::error_code ec;
      if (status.ok()) {
        fs::remove_all(base, ec);
        fs::rename(work, base, ec);
        if (ec)
          status = absl::InternalError("rename template: " + ec.message());
      } else {
        fs::remove_all(work, ec);
      }
    }
  }
  close(lock);
  TESSERA_RETURN_IF_ERROR(status);
  return base + "/data";
}

absl::StatusOr<std::unique_ptr<MariadbInstance>> MariadbInstance::Start(
    const MariadbOptions& options) {
  if (options.dir.empty()) return absl::InvalidArgumentError("no dir given");
  TESSERA_ASSIGN_OR_RETURN(std::string tmpl, EnsureMariadbTemplate());
  TESSERA_RETURN_IF_ERROR(MakeDirs(options.dir + "/tmp"));
  std::string data = options.dir + "/data";
  if (!fs::exists(data)) {
    std::error_code ec;
    fs::copy(tmpl, data, fs::copy_options::recursive, ec);
    if (ec) return absl::InternalError("copy template: " + ec.message());
  }
  auto instance =
      std::unique_ptr<MariadbInstance>(new MariadbInstance(options));
  const int attempts = options.port == 0 ? 3 : 1;
  absl::Status status;
  for (int i = 0; i < attempts; ++i) {
    if (options.port == 0) {
      TESSERA_ASSIGN_OR_RETURN(instance->options_.port, PickFreePort());
    }
    status = instance->Launch();
    if (status.ok()) return instance;
  }
  return status;
}

absl::Status MariadbInstance::Launch() {
  const std::string& dir = options_.dir;
  server_ = MariadbServer{};
  server_.port = options_.port;
  server_.dir = dir;
  std::string socket =
      absl::StrCat("/tmp/tessera-mariadbd-", options_.port, ".sock");
  std::string cnf = dir + "/my.cnf";
  TESSERA_RETURN_IF_ERROR(
      WriteFile(cnf, ConfigText(dir, options_.port, options_.server_id, socket,
                                options_.extra_config)));
  TESSERA_ASSIGN_OR_RETURN(std::string mariadbd, FindBinary("mariadbd"));
  TESSERA_ASSIGN_OR_RETURN(
      process_, Subprocess::Start({{mariadbd, "--defaults-file=" + cnf},
                                   dir + "/mariadbd.out",
                                   options_.detached}));
  absl::Time deadline = absl::Now() + options_.start_timeout;
  while (true) {
    absl::Status ping = Ping(server_);
    if (ping.ok()) return absl::OkStatus();
    if (!process_->Running() || absl::Now() > deadline) {
      process_->Kill();
      return absl::UnavailableError(
          absl::StrCat("mariadbd on port ", options_.port, " did not start (",
                       ping.message(), "); ", dir, "/error.log:\n",
                       Tail(dir + "/error.log")));
    }
    absl::SleepFor(absl::Milliseconds(30));
  }
}

MariadbInstance::~MariadbInstance() = default;

absl::Status MariadbInstance::Stop() {
  if (!process_) return absl::OkStatus();
  return process_->Terminate(absl::Seconds(60));
}

void MariadbInstance::Kill() {
  if (process_) process_->Kill();
}

absl::Status MariadbInstance::Restart() {
  if (process_ && process_->Running()) {
    return absl::FailedPreconditionError("still running");
  }
  return Launch();
}

void MariadbInstance::Release() {
  if (process_) process_->Release();
}

absl::Status StartReplication(const MariadbServer& replica,
                              const MariadbServer& primary) {
  return Exec(replica,
              absl::StrCat("STOP SLAVE; RESET SLAVE ALL;"
                           "CHANGE MASTER TO MASTER_HOST='",
                           primary.host, "', MASTER_PORT=", primary.port,
                           ", MASTER_USER='", primary.user,
                           "', MASTER_PASSWORD='", primary.password,
                           "', MASTER_USE_GTID=slave_pos,"
                           " MASTER_CONNECT_RETRY=1;"
                           "START SLAVE; SET GLOBAL read_only=1;"));
}

absl::Status WaitReplicaCaughtUp(const MariadbServer& replica,
                                 const MariadbServer& primary,
                                 absl::Duration timeout) {
  TESSERA_ASSIGN_OR_RETURN(auto rows,
                           Query(primary, "SELECT @@gtid_binlog_pos"));
  std::string pos = rows.empty() || !rows[0][0] ? "" : *rows[0][0];
  if (pos.empty()) return absl::OkStatus();
  TESSERA_ASSIGN_OR_RETURN(
      auto wait,
      Query(replica, absl::StrCat("SELECT MASTER_GTID_WAIT('", pos, "', ",
                                  absl::ToInt64Seconds(timeout), ")")));
  if (wait.empty() || !wait[0][0] || *wait[0][0] != "0") {
    return absl::DeadlineExceededError(absl::StrCat(
        "replica on port ", replica.port, " did not reach GTID ", pos));
  }
  return absl::OkStatus();
}

}  // namespace tessera::localcluster
