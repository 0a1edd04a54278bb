#include "lib/mysql/scramble.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace tessera::mysql {
namespace {

bool ConstantTimeEqual(absl::string_view a, absl::string_view b) {
  return a.size() == b.size() &&
         CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string Xor(absl::string_view a, absl::string_view b) {
  std::string out(a);
  for (size_t i = 0; i < out.size() && i < b.size(); ++i) out[i] ^= b[i];
  return out;
}

bool IsHex(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string Pbkdf2(absl::string_view password, absl::string_view salt,
                   int iterations) {
  std::string out(32, '\0');
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                    reinterpret_cast<const unsigned char*>(salt.data()),
                    static_cast<int>(salt.size()), iterations, EVP_sha256(), 32,
                    reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

}  // namespace

std::string Sha1(absl::string_view data) {
  std::string out(SHA_DIGEST_LENGTH, '\0');
  SHA1(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
       reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

std::string Sha256(absl::string_view data) {
  std::string out(SHA256_DIGEST_LENGTH, '\0');
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

std::string NewNonce() {
  std::string out(20, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), 20);
  for (char& c : out) {
    c = static_cast<char>(c & 0x7F);
    if (c == '\0' || c == '$') c = 'a';
  }
  return out;
}

std::string NativeStage2(absl::string_view password) {
  return Sha1(Sha1(password));
}

std::string NativeHashText(absl::string_view password) {
  return absl::StrCat("*", absl::AsciiStrToUpper(
                               absl::BytesToHexString(NativeStage2(password))));
}

absl::StatusOr<std::string> ParseNativeHash(absl::string_view text) {
  if (text.size() != 41 || text[0] != '*' || !IsHex(text.substr(1))) {
    return absl::InvalidArgumentError(
        "a mysql_native_password hash is '*' and 40 hex digits");
  }
  return absl::HexStringToBytes(text.substr(1));
}

std::string NativeScramble(absl::string_view nonce,
                           absl::string_view password) {
  if (password.empty()) return "";
  std::string stage1 = Sha1(password);
  return Xor(stage1, Sha1(absl::StrCat(nonce, Sha1(stage1))));
}

bool VerifyNativeScramble(absl::string_view nonce, absl::string_view response,
                          absl::string_view stage2) {
  if (stage2.empty()) return response.empty();
  if (response.size() != SHA_DIGEST_LENGTH) return false;
  std::string stage1 = Xor(response, Sha1(absl::StrCat(nonce, stage2)));
  return ConstantTimeEqual(Sha1(stage1), stage2);
}

std::string Sha2Stage2(absl::string_view password) {
  return Sha256(Sha256(password));
}

std::string Sha2Scramble(absl::string_view nonce, absl::string_view password) {
  if (password.empty()) return "";
  std::string stage1 = Sha256(password);
  return Xor(stage1, Sha256(absl::StrCat(Sha256(stage1), nonce)));
}

bool VerifySha2Scramble(absl::string_view nonce, absl::string_view response,
                        absl::string_view stage2) {
  if (response.size() != SHA256_DIGEST_LENGTH) return false;
  std::string stage1 = Xor(response, Sha256(absl::StrCat(stage2, nonce)));
  return ConstantTimeEqual(Sha256(stage1), stage2);
}

std::string MakeSha2Verifier(absl::string_view password, int iterations) {
  std::string salt(16, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), 16);
  return absl::StrCat(
      "pbkdf2-sha256$", iterations, "$", absl::BytesToHexString(salt), "$",
      absl::BytesToHexString(Pbkdf2(password, salt, iterations)));
}

absl::Status ValidateSha2Verifier(absl::string_view verifier) {
  std::vector<absl::string_view> parts = absl::StrSplit(verifier, '$');
  int iterations = 0;
  if (parts.size() != 4 || parts[0] != "pbkdf2-sha256" ||
      !absl::SimpleAtoi(parts[1], &iterations) || iterations < 1000 ||
      iterations > 10000000 || parts[2].size() < 16 || parts[2].size() % 2 ||
      !IsHex(parts[2]) || parts[3].size() != 64 || !IsHex(parts[3])) {
    return absl::InvalidArgumentError(
        "a caching_sha2 verifier is pbkdf2-sha256$<iterations>=1000..>$<salt "
        "hex>$<64 hex digits> (see `tessera passwd`)");
  }
  return absl::OkStatus();
}

bool CheckSha2Verifier(absl::string_view verifier, absl::string_view password) {
  if (!ValidateSha2Verifier(verifier).ok()) return false;
  std::vector<absl::string_view> parts = absl::StrSplit(verifier, '$');
  int iterations = 0;
  (void)absl::SimpleAtoi(parts[1], &iterations);
  std::string salt = absl::HexStringToBytes(parts[2]);
  std::string want = absl::HexStringToBytes(parts[3]);
  return ConstantTimeEqual(Pbkdf2(password, salt, iterations), want);
}

}  // namespace tessera::mysql
