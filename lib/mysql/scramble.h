// Password hashing and challenge-response checks of the two authentication
// plugins the server speaks:
//  - mysql_native_password: the server keeps SHA1(SHA1(password)) ("stage 2",
//    shown as "*" + 40 upper-case hex digits); the client answers a 20-byte
//    nonce with SHA1(pw) XOR SHA1(nonce + stage2).
//  - caching_sha2_password: the fast path answers with SHA256(pw) XOR
//    SHA256(SHA256(SHA256(pw)) + nonce), checked against SHA256(SHA256(pw))
//    held in a cache; the full path sends the password itself over TLS,
//    checked against a salted PBKDF2-HMAC-SHA256 verifier
//    ("pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>").
// All functions are thread-safe. Comparisons are constant-time.
#ifndef TESSERA_LIB_MYSQL_SCRAMBLE_H_
#define TESSERA_LIB_MYSQL_SCRAMBLE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::mysql {

std::string Sha1(absl::string_view data);
std::string Sha256(absl::string_view data);

// 20 random bytes in 1..127, none of them NUL or '$' (OpenSSL RAND_bytes).
std::string NewNonce();

// SHA1(SHA1(password)), raw 20 bytes.
std::string NativeStage2(absl::string_view password);
// "*" + upper-case hex of NativeStage2.
std::string NativeHashText(absl::string_view password);
// Parses "*HEX" (41 characters) to raw 20 bytes; InvalidArgument otherwise.
absl::StatusOr<std::string> ParseNativeHash(absl::string_view text);
std::string NativeScramble(absl::string_view nonce, absl::string_view password);
// True if `response` proves knowledge of the password behind `stage2`. An
// empty stage2 means an empty password, matched only by an empty response.
bool VerifyNativeScramble(absl::string_view nonce, absl::string_view response,
                          absl::string_view stage2);

// SHA256(SHA256(password)), raw 32 bytes.
std::string Sha2Stage2(absl::string_view password);
std::string Sha2Scramble(absl::string_view nonce, absl::string_view password);
bool VerifySha2Scramble(absl::string_view nonce, absl::string_view response,
                        absl::string_view stage2);

// Salted verifier for the full path; `iterations` >= 1000.
std::string MakeSha2Verifier(absl::string_view password, int iterations);
// Checks the verifier's syntax; InvalidArgument with the reason otherwise.
absl::Status ValidateSha2Verifier(absl::string_view verifier);
bool CheckSha2Verifier(absl::string_view verifier, absl::string_view password);

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_SCRAMBLE_H_
