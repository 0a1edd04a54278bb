// The etcd backend with username/password authentication and with TLS,
// against real etcd servers.
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/localcluster/process.h"
#include "lib/testing/etcd_fixture.h"
#include "lib/testing/scratch_dir.h"
#include "lib/testing/status_matchers.h"
#include "lib/topo/open.h"

namespace tessera::topo {
namespace {

using ::tessera::testing::EtcdFixture;
using ::tessera::testing::IsOk;
using ::tessera::testing::ScratchDir;
using ::tessera::testing::StatusIs;
using ::testing::HasSubstr;

// Runs a command to completion; its output goes to `log`.
absl::Status RunTool(std::vector<std::string> argv, const std::string& log) {
  localcluster::ProcessOptions options;
  options.argv = std::move(argv);
  options.log_path = log;
  auto p = localcluster::Subprocess::Start(options);
  if (!p.ok()) return p.status();
  auto rc = (*p)->Wait(absl::Seconds(60));
  if (!rc.ok()) return rc.status();
  if (*rc != 0) {
    std::ifstream in(log);
    std::string text((std::istreambuf_iterator<char>(in)),
                     std::istreambuf_iterator<char>());
    return absl::InternalError(
        absl::StrCat(options.argv[0], " exited with ", *rc, ": ", text));
  }
  return absl::OkStatus();
}

// Puts, reads, watches and locks through `conn`: the basics work.
void ExerciseConn(Conn& conn) {
  ASSERT_THAT(conn.Update("k", "v1", Conn::kAnyVersion), IsOk());
  auto kv = conn.Get("k");
  ASSERT_THAT(kv, IsOk());
  EXPECT_EQ(kv->value, "v1");
  absl::Notification seen;
  auto w = conn.Watch("k", false, kv->version, [&](const WatchEvent& e) {
    if (e.value == "v1" && !seen.HasBeenNotified()) seen.Notify();
  });
  ASSERT_THAT(w, IsOk());
  EXPECT_TRUE(seen.WaitForNotificationWithTimeout(absl::Seconds(20)));
  auto lock =
      conn.Lock("lk", absl::Seconds(5), "me", absl::Now() + absl::Seconds(10));
  ASSERT_THAT(lock, IsOk());
  EXPECT_EQ(*conn.LockOwner("lk"), "me");
}

TEST(EtcdSecurityTest, UsernameAndPassword) {
  auto etcd = EtcdFixture::Start(1);
  ASSERT_THAT(etcd, IsOk());
  auto dir = ScratchDir::Create("etcdauth");
  ASSERT_THAT(dir, IsOk());
  std::string ep = (*etcd)->endpoints();
  std::string log = dir->path() + "/etcdctl.log";
  ASSERT_THAT(
      RunTool({"etcdctl", "--endpoints=" + ep, "user", "add", "root:s3cret"},
              log),
      IsOk());
  ASSERT_THAT(RunTool({"etcdctl", "--endpoints=" + ep, "auth", "enable"}, log),
              IsOk());
  std::string pwfile = dir->path() + "/pw";
  std::ofstream(pwfile) << "s3cret\n";

  auto good =
      Open(absl::StrCat("etcd://", ep, "/a?user=root&password_file=", pwfile));
  ASSERT_THAT(good, IsOk());
  ExerciseConn(**good);

  auto wrong = Open(absl::StrCat("etcd://", ep, "/a?user=root&password=nope"));
  ASSERT_THAT(wrong, IsOk());
  EXPECT_THAT((*wrong)->Get("k"),
              StatusIs(absl::StatusCode::kPermissionDenied,
                       HasSubstr("authentication as 'root' failed")));
  auto anonymous = Open(absl::StrCat("etcd://", ep, "/a"));
  ASSERT_THAT(anonymous, IsOk());
  EXPECT_FALSE((*anonymous)->Get("k").ok());
}

TEST(EtcdSecurityTest, Tls) {
  auto dir = ScratchDir::Create("etcdtls");
  ASSERT_THAT(dir, IsOk());
  const std::string d = dir->path();
  const std::string log = d + "/openssl.log";
  std::ofstream(d + "/ext.cnf") << "subjectAltName=IP:127.0.0.1\n";
  ASSERT_THAT(
      RunTool({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
               "-keyout", d + "/ca.key", "-out", d + "/ca.pem", "-days", "2",
               "-subj", "/CN=tessera-test-ca"},
              log),
      IsOk());
  ASSERT_THAT(RunTool({"openssl", "req", "-newkey", "rsa:2048", "-nodes",
                       "-keyout", d + "/server.key", "-out", d + "/server.csr",
                       "-subj", "/CN=127.0.0.1"},
                      log),
              IsOk());
  ASSERT_THAT(RunTool({"openssl", "x509", "-req", "-in", d + "/server.csr",
                       "-CA", d + "/ca.pem", "-CAkey", d + "/ca.key",
                       "-CAcreateserial", "-out", d + "/server.pem", "-days",
                       "2", "-extfile", d + "/ext.cnf"},
                      log),
              IsOk());
  auto client_port = localcluster::PickFreePort();
  auto peer_port = localcluster::PickFreePort();
  ASSERT_THAT(client_port, IsOk());
  ASSERT_THAT(peer_port, IsOk());
  std::string client = absl::StrCat("https://127.0.0.1:", *client_port);
  std::string peer = absl::StrCat("http://127.0.0.1:", *peer_port);
  localcluster::ProcessOptions server;
  server.argv = {"etcd",
                 "--name",
                 "tls",
                 "--data-dir",
                 d + "/data",
                 "--listen-client-urls",
                 client,
                 "--advertise-client-urls",
                 client,
                 "--listen-peer-urls",
                 peer,
                 "--initial-advertise-peer-urls",
                 peer,
                 "--initial-cluster",
                 "tls=" + peer,
                 "--cert-file",
                 d + "/server.pem",
                 "--key-file",
                 d + "/server.key",
                 "--log-level",
                 "warn"};
  server.log_path = d + "/etcd.log";
  auto etcd = localcluster::Subprocess::Start(server);
  ASSERT_THAT(etcd, IsOk());
  ASSERT_THAT(localcluster::WaitForPort(*client_port, absl::Seconds(30)),
              IsOk());

  std::string ep = absl::StrCat("127.0.0.1:", *client_port);
  auto conn = Open(absl::StrCat("etcd://", ep, "/t?ca=", d, "/ca.pem"));
  ASSERT_THAT(conn, IsOk());
  ExerciseConn(**conn);
  // Without our CA the server certificate is not trusted; without TLS the
  // server does not answer.
  auto untrusted =
      Open(absl::StrCat("etcd://", ep, "/t?tls=true&timeout_ms=1500"));
  ASSERT_THAT(untrusted, IsOk());
  EXPECT_THAT((*untrusted)->Get("k"), StatusIs(absl::StatusCode::kUnavailable));
  auto plain = Open(absl::StrCat("etcd://", ep, "/t?timeout_ms=1500"));
  ASSERT_THAT(plain, IsOk());
  EXPECT_FALSE((*plain)->Get("k").ok());
}

}  // namespace
}  // namespace tessera::topo
