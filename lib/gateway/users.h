// The gateway's users file: JSON holding only password hashes.
//
//   {"users": [
//     {"user": "app",
//      "native_password": "*6BB4837EB74329105EE4568DDA7DC67ED2CA2AD9",
//      "caching_sha2_password": "pbkdf2-sha256$10000$<salt hex>$<hash hex>",
//      "keyspaces": ["commerce"],          // optional; absent or [] = all
//      "hosts": ["127.0.0.1", "10.0.0.0/8"], // optional; absent = any ("%")
//      "x509_subject": "/O=Example/CN=app", // optional: TLS client
//                                           // certificate required
//      "admin": true                        // optional: sees and kills
//     }]}                                   // every user's connections
//
// With "x509_subject" the client must log in over TLS with a certificate
// that verifies against --tls-ca and has exactly that subject (OpenSSL's
// one-line form, as `openssl x509 -noout -subject -nameopt compat` prints
// it); the password is still checked. Otherwise 1045. An entry with
// "x509_subject" and no hash logs in by the certificate alone; the client
// must then send an empty password (any other gets 1045).
//
// A user needs at least one of the two hashes (`tessera passwd` prints
// both) or an "x509_subject". Host patterns: "%" (any), an exact IPv4/IPv6
// address, an IPv4 CIDR block, or "localhost" (127.0.0.1 and ::1). UserTable is
// immutable after parsing; share it freely across threads.
#ifndef TESSERA_LIB_GATEWAY_USERS_H_
#define TESSERA_LIB_GATEWAY_USERS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::gateway {

struct User {
  std::string name;
  std::optional<std::string> native_stage2;  // raw 20 bytes
  std::optional<std::string> sha2_verifier;  // pbkdf2-sha256$...
  std::vector<std::string> keyspaces;        // empty: all
  std::vector<std::string> hosts;            // empty: any
  std::optional<std::string> x509_subject;   // required client certificate
  bool admin = false;  // SHOW PROCESSLIST / KILL reach every user
};

class UserTable {
 public:
  // The user if it exists and may connect from `client_address`.
  const User* Find(absl::string_view user,
                   absl::string_view client_address) const;
  // The user regardless of host (nullptr if unknown).
  const User* FindByName(absl::string_view user) const;
  size_t size() const { return users_.size(); }

 private:
  friend absl::StatusOr<UserTable> ParseUsers(absl::string_view json);
  absl::flat_hash_map<std::string, User> users_;
};

// Parses the JSON text. InvalidArgument names the offending user or field.
absl::StatusOr<UserTable> ParseUsers(absl::string_view json);
// Reads and parses a file (NotFound if it cannot be read).
absl::StatusOr<UserTable> LoadUsersFile(const std::string& path);

// True if `address` (textual IP) matches a host pattern (see above).
bool HostMatches(absl::string_view pattern, absl::string_view address);

}  // namespace tessera::gateway

#endif  // TESSERA_LIB_GATEWAY_USERS_H_
