// Proves the integration-test fixtures: real mariadbd instances with a
// replica, real etcd (one member and a three-member cluster), and cleanup
// when the test process dies.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/etcd_fixture.h"
#include "lib/testing/mariadb_fixture.h"
#include "lib/testing/status_matchers.h"

namespace tessera::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Optional;

TEST(MariadbFixtureTest, FourShardsWithTablesAndACatchingUpReplica) {
  TESSERA_ASSERT_OK_AND_ASSIGN(
      auto db, MariadbFixture::Start({.shards = 4, .replicas = 0}));
  ASSERT_EQ(db->num_shards(), 4);
  for (int s = 0; s < 4; ++s) {
    ASSERT_THAT(Exec(db->primary(s),
                     absl::StrCat("CREATE DATABASE ks; CREATE TABLE ks.t", s,
                                  " (id INT PRIMARY KEY, v VARCHAR(10));"
                                  "INSERT INTO ks.t",
                                  s, " VALUES (", s, ", 'shard", s, "')")),
                IsOk());
  }
  for (int s = 0; s < 4; ++s) {
    EXPECT_THAT(
        Query(db->primary(s), absl::StrCat("SELECT id, v FROM t", s), "ks"),
        IsOkAndHolds(ElementsAre(ElementsAre(
            Optional(absl::StrCat(s)), Optional(absl::StrCat("shard", s))))));
    // Each table exists only on its own instance.
    int other = (s + 1) % 4;
    EXPECT_THAT(
        Query(db->primary(other), absl::StrCat("SELECT 1 FROM t", s), "ks"),
        MysqlErrorIs(1146, "42S02"));
  }
  std::set<int> ports;
  for (int s = 0; s < 4; ++s) ports.insert(db->primary(s).port);
  EXPECT_EQ(ports.size(), 4u);
}

TEST(MariadbFixtureTest, ReplicaCatchesUpWithGtid) {
  TESSERA_ASSERT_OK_AND_ASSIGN(
      auto db, MariadbFixture::Start({.shards = 1, .replicas = 1}));
  ASSERT_THAT(Exec(db->primary(0),
                   "CREATE DATABASE r; CREATE TABLE r.t (id INT PRIMARY KEY);"
                   "INSERT INTO r.t VALUES (1),(2),(3)"),
              IsOk());
  ASSERT_THAT(db->WaitReplicaCaughtUp(0, 0, absl::Seconds(30)), IsOk());
  EXPECT_THAT(Query(db->replica(0, 0), "SELECT COUNT(*), SUM(id) FROM r.t"),
              IsOkAndHolds(ElementsAre(ElementsAre(
                  Optional(std::string("3")), Optional(std::string("6"))))));
  EXPECT_THAT(
      Query(db->replica(0, 0), "SELECT @@read_only"),
      IsOkAndHolds(ElementsAre(ElementsAre(Optional(std::string("1"))))));
}

TEST(MariadbFixtureTest, BadSqlCarriesMysqlError) {
  TESSERA_ASSERT_OK_AND_ASSIGN(auto db, MariadbFixture::Start({}));
  EXPECT_THAT(Exec(db->primary(0), "SELEC 1"), MysqlErrorIs(1064, "42000"));
  MariadbServer wrong = db->primary(0);
  wrong.password = "nope";
  EXPECT_THAT(Ping(wrong), MysqlErrorIs(1045, "28000"));
}

TEST(MariadbFixtureTest, RestartKeepsData) {
  TESSERA_ASSERT_OK_AND_ASSIGN(auto db, MariadbFixture::Start({}));
  ASSERT_THAT(Exec(db->primary(0),
                   "CREATE DATABASE k; CREATE TABLE k.t (a INT);"
                   "INSERT INTO k.t VALUES (7)"),
              IsOk());
  db->primary_instance(0).Kill();
  EXPECT_FALSE(Ping(db->primary(0)).ok());
  ASSERT_THAT(db->primary_instance(0).Restart(), IsOk());
  EXPECT_THAT(
      Query(db->primary(0), "SELECT a FROM k.t"),
      IsOkAndHolds(ElementsAre(ElementsAre(Optional(std::string("7"))))));
}

TEST(MariadbFixtureTest, ServersDieWithACrashedTestProcess) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    auto db = MariadbFixture::Start({});
    pid_t server = db.ok() ? (*db)->primary_instance(0).pid() : -1;
    (void)!write(fds[1], &server, sizeof(server));
    abort();  // no destructors run
  }
  close(fds[1]);
  pid_t server = -1;
  ASSERT_EQ(read(fds[0], &server, sizeof(server)),
            static_cast<ssize_t>(sizeof(server)));
  close(fds[0]);
  int status;
  waitpid(child, &status, 0);
  ASSERT_GT(server, 0);
  absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (localcluster::PidAlive(server) && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_FALSE(localcluster::PidAlive(server));
}

std::string EtcdPut(int port, const std::string& k, const std::string& v) {
  auto r = localcluster::HttpRequest(
      port, "POST", "/v3/kv/put",
      absl::StrCat(R"({"key":")", absl::Base64Escape(k), R"(","value":")",
                   absl::Base64Escape(v), R"("})"));
  return r.ok() ? *r : std::string(r.status().message());
}

std::string EtcdGet(int port, const std::string& k) {
  auto r = localcluster::HttpRequest(
      port, "POST", "/v3/kv/range",
      absl::StrCat(R"({"key":")", absl::Base64Escape(k), R"("})"));
  return r.ok() ? *r : std::string(r.status().message());
}

TEST(EtcdFixtureTest, PutThenGet) {
  TESSERA_ASSERT_OK_AND_ASSIGN(auto etcd, EtcdFixture::Start());
  EXPECT_THAT(EtcdPut(etcd->client_port(0), "/tessera/k", "hello"),
              HasSubstr("revision"));
  EXPECT_THAT(EtcdGet(etcd->client_port(0), "/tessera/k"),
              HasSubstr(absl::Base64Escape("hello")));
  EXPECT_THAT(etcd->endpoints(),
              ::testing::MatchesRegex("127\\.0\\.0\\.1:[0-9]+"));
}

// Retries a put for a bounded time: after a member dies the others may need
// a leader election (about a second) before they accept writes.
std::string EtcdPutWithRetry(int port, const std::string& k,
                             const std::string& v) {
  std::string last;
  for (int i = 0; i < 50; ++i) {
    last = EtcdPut(port, k, v);
    if (last.find("revision") != std::string::npos) break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  return last;
}

TEST(EtcdFixtureTest, ThreeMembersSurviveOneKilled) {
  TESSERA_ASSERT_OK_AND_ASSIGN(auto etcd, EtcdFixture::Start(3));
  ASSERT_EQ(etcd->size(), 3);
  EXPECT_THAT(EtcdPut(etcd->client_port(0), "a", "1"), HasSubstr("revision"));
  etcd->Kill(0);
  // The other two still form a quorum and see the value.
  EXPECT_THAT(EtcdPutWithRetry(etcd->client_port(1), "b", "2"),
              HasSubstr("revision"));
  EXPECT_THAT(EtcdGet(etcd->client_port(2), "a"),
              HasSubstr(absl::Base64Escape("1")));
  ASSERT_THAT(etcd->Restart(0), IsOk());
  ASSERT_THAT(etcd->cluster().WaitHealthy(0, absl::Seconds(30)), IsOk());
  // The restarted member catches up with what was written while it was down.
  std::string got;
  for (int i = 0; i < 50; ++i) {
    got = EtcdGet(etcd->client_port(0), "b");
    if (got.find(absl::Base64Escape("2")) != std::string::npos) break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  EXPECT_THAT(got, HasSubstr(absl::Base64Escape("2")));
}

}  // namespace
}  // namespace tessera::testing
