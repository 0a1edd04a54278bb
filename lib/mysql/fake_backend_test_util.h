// Test support: an in-memory Session and Authenticator for server tests, and
// a self-signed TLS certificate maker.
//
// FakeSession answers:
//   "select rows N"   -> one column "n" (BIGINT), N rows 1..N
//   "echo X"          -> one row with the text X (VARCHAR)
//   "fail"            -> error 1146 42S02
//   "backend gone"    -> client-library error 2013 08S01 (a lost backend)
//   "backend down"    -> client-library error 2002 08S01 (no backend)
//   "insert"          -> OK, 3 affected rows, last insert id 42
//   "set A=B"         -> OK; session state: variable A is now B
//   "use D"           -> OK; session state: schema D
//   "sleep N"         -> waits N ms, or fails with 1317 70100 once the
//                        session's canceller is called
//   "SELECT * FROM `t` LIMIT 0" -> columns id, name, note, no rows
//   several statements separated by ';' when multi_statements is on;
//   LOAD DATA LOCAL INFILE (any text with QueryOptions::local_infile) -> OK,
//   one affected row per line of the file.
// Prepared statements return one row holding every parameter, each column
// typed after the parameter (NULL stays NULL); "stream slowly" executed with
// a cursor streams 1,000,000 rows, 1 ms each, and ignores the canceller.
#ifndef TESSERA_LIB_MYSQL_FAKE_BACKEND_TEST_UTIL_H_
#define TESSERA_LIB_MYSQL_FAKE_BACKEND_TEST_UTIL_H_

#include <atomic>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "lib/mysql/session.h"

namespace tessera::mysql::testing {

class FakeSessionFactory : public SessionFactory {
 public:
  absl::StatusOr<std::unique_ptr<Session>> Create(
      const SessionContext& context) override;
};

// Users: "app"/"secret" (native only), "sha"/"sha-pass" (caching_sha2 only),
// "both"/"pw" (both), "nopw"/"" (native, empty password), "alice"/"secret"
// (needs the certificate /CN=alice too), "admin"/"secret" (admin: sees and
// kills every user's connections), "carol" (certificate /CN=carol alone,
// empty password).
class FakeAuthenticator : public Authenticator {
 public:
  absl::Status CheckSource(absl::string_view client_address) override;
  absl::StatusOr<UserCredentials> Lookup(
      absl::string_view user, absl::string_view client_address) override;
  bool VerifyPassword(absl::string_view user,
                      absl::string_view password) override;
  void RecordLogin(absl::string_view client_address, bool success) override;

  int failures() const { return failures_.load(); }
  bool sha2_cached() {
    absl::MutexLock lock(&mu_);
    return !cached_.empty();
  }

 private:
  std::atomic<int> failures_{0};
  absl::Mutex mu_;
  std::string cached_ ABSL_GUARDED_BY(mu_);  // SHA256(SHA256("sha-pass"))
};

// Writes a self-signed certificate and key for CN=localhost into `dir`
// (cert.pem, key.pem) with the openssl command-line tool.
absl::Status MakeTestCertificate(const std::string& dir);

}  // namespace tessera::mysql::testing

#endif  // TESSERA_LIB_MYSQL_FAKE_BACKEND_TEST_UTIL_H_
