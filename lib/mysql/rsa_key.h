// The server's RSA key pair for caching_sha2_password's RSA key exchange: a
// client on a plaintext connection whose password the server must check in
// full (no cached hash yet) asks for the public key (or has it already),
// encrypts password XOR scramble with RSA-OAEP, and the server decrypts it.
// MySQL's protocol; see docs/gateway.md "Authentication".
#ifndef TESSERA_LIB_MYSQL_RSA_KEY_H_
#define TESSERA_LIB_MYSQL_RSA_KEY_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace tessera::mysql {

class RsaKeyPair {
 public:
  // A new key of `bits` bits (2048 takes tens of milliseconds).
  static absl::StatusOr<std::unique_ptr<RsaKeyPair>> Generate(int bits = 2048);
  // From a PEM private key (PKCS#1 or PKCS#8, unencrypted). Errors:
  // InvalidArgument when it is not an RSA private key.
  static absl::StatusOr<std::unique_ptr<RsaKeyPair>> FromPrivateKeyPem(
      absl::string_view pem);
  ~RsaKeyPair();
  RsaKeyPair(const RsaKeyPair&) = delete;
  RsaKeyPair& operator=(const RsaKeyPair&) = delete;

  // The public key in PEM (SubjectPublicKeyInfo), as clients expect it.
  const std::string& public_pem() const { return public_pem_; }
  // Size of a ciphertext in bytes (256 for 2048 bits).
  int size() const;
  // Decrypts RSA-OAEP (SHA-1, as MySQL clients encrypt). Thread-safe.
  absl::StatusOr<std::string> Decrypt(absl::string_view ciphertext) const;
  // For tests: encrypts as a client does.
  absl::StatusOr<std::string> Encrypt(absl::string_view plaintext) const;

 private:
  explicit RsaKeyPair(EVP_PKEY* key);
  EVP_PKEY* key_;
  std::string public_pem_;
};

// The key a server uses: loaded from a file at start, or generated on first
// use (a plaintext full authentication) so servers that never need it do
// not pay for it. Thread-safe.
class RsaKeySource {
 public:
  RsaKeySource() = default;
  explicit RsaKeySource(std::unique_ptr<RsaKeyPair> key)
      : key_(std::move(key)) {}
  absl::StatusOr<const RsaKeyPair*> Get();

 private:
  absl::Mutex mu_;
  std::unique_ptr<RsaKeyPair> key_ ABSL_GUARDED_BY(mu_);
};

// password XOR scramble, the scramble repeated (what the client encrypts,
// and what decrypting gives back).
std::string XorWithScramble(absl::string_view data, absl::string_view scramble);

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_RSA_KEY_H_
