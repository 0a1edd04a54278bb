#include "lib/mysql/rsa_key.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "absl/strings/str_cat.h"

namespace tessera::mysql {
namespace {

std::string OpensslError() {
  unsigned long e = ERR_get_error();
  if (e == 0) return "unknown OpenSSL error";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof(buf));
  ERR_clear_error();
  return buf;
}

struct CtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
using CtxPtr = std::unique_ptr<EVP_PKEY_CTX, CtxFree>;

absl::StatusOr<std::string> PublicPem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio == nullptr) return absl::InternalError(OpensslError());
  std::string out;
  if (PEM_write_bio_PUBKEY(bio, key) == 1) {
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    out.assign(data, n);
  }
  BIO_free(bio);
  if (out.empty()) return absl::InternalError(OpensslError());
  return out;
}

// RSA-OAEP with SHA-1 (OpenSSL's default OAEP digest), encrypting or
// decrypting.
absl::StatusOr<std::string> Crypt(EVP_PKEY* key, absl::string_view in,
                                  bool encrypt) {
  CtxPtr ctx(EVP_PKEY_CTX_new(key, nullptr));
  if (ctx == nullptr ||
      (encrypt ? EVP_PKEY_encrypt_init(ctx.get())
               : EVP_PKEY_decrypt_init(ctx.get())) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_OAEP_PADDING) != 1) {
    return absl::InternalError(OpensslError());
  }
  const auto* src = reinterpret_cast<const unsigned char*>(in.data());
  size_t len = 0;
  int rc = encrypt ? EVP_PKEY_encrypt(ctx.get(), nullptr, &len, src, in.size())
                   : EVP_PKEY_decrypt(ctx.get(), nullptr, &len, src, in.size());
  if (rc != 1) return absl::InvalidArgumentError(OpensslError());
  std::string out(len, '\0');
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  rc = encrypt ? EVP_PKEY_encrypt(ctx.get(), dst, &len, src, in.size())
               : EVP_PKEY_decrypt(ctx.get(), dst, &len, src, in.size());
  if (rc != 1) return absl::InvalidArgumentError(OpensslError());
  out.resize(len);
  return out;
}

}  // namespace

RsaKeyPair::RsaKeyPair(EVP_PKEY* key) : key_(key) {}

RsaKeyPair::~RsaKeyPair() { EVP_PKEY_free(key_); }

absl::StatusOr<std::unique_ptr<RsaKeyPair>> RsaKeyPair::Generate(int bits) {
  EVP_PKEY* key = EVP_RSA_gen(static_cast<unsigned>(bits));
  if (key == nullptr) return absl::InternalError(OpensslError());
  std::unique_ptr<RsaKeyPair> pair(new RsaKeyPair(key));
  auto pem = PublicPem(key);
  if (!pem.ok()) return pem.status();
  pair->public_pem_ = std::move(*pem);
  return pair;
}

absl::StatusOr<std::unique_ptr<RsaKeyPair>> RsaKeyPair::FromPrivateKeyPem(
    absl::string_view pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  if (bio == nullptr) return absl::InternalError(OpensslError());
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (key == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a PEM private key: ", OpensslError()));
  }
  std::unique_ptr<RsaKeyPair> pair(new RsaKeyPair(key));
  if (EVP_PKEY_base_id(key) != EVP_PKEY_RSA) {
    return absl::InvalidArgumentError("the private key is not an RSA key");
  }
  auto public_pem = PublicPem(key);
  if (!public_pem.ok()) return public_pem.status();
  pair->public_pem_ = std::move(*public_pem);
  return pair;
}

int RsaKeyPair::size() const { return EVP_PKEY_get_size(key_); }

absl::StatusOr<std::string> RsaKeyPair::Decrypt(
    absl::string_view ciphertext) const {
  return Crypt(key_, ciphertext, /*encrypt=*/false);
}

absl::StatusOr<std::string> RsaKeyPair::Encrypt(
    absl::string_view plaintext) const {
  return Crypt(key_, plaintext, /*encrypt=*/true);
}

absl::StatusOr<const RsaKeyPair*> RsaKeySource::Get() {
  absl::MutexLock lock(&mu_);
  if (key_ == nullptr) {
    auto key = RsaKeyPair::Generate();
    if (!key.ok()) return key.status();
    key_ = std::move(*key);
  }
  return key_.get();
}

std::string XorWithScramble(absl::string_view data,
                            absl::string_view scramble) {
  std::string out(data);
  if (scramble.empty()) return out;
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<char>(out[i] ^ scramble[i % scramble.size()]);
  }
  return out;
}

}  // namespace tessera::mysql
