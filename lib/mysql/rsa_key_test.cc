#include "lib/mysql/rsa_key.h"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <string>

#include "gtest/gtest.h"

namespace tessera::mysql {
namespace {

TEST(RsaKeyTest, GeneratedKeyDecryptsWhatItsPublicKeyEncrypts) {
  auto key = RsaKeyPair::Generate();
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ((*key)->size(), 256);
  EXPECT_EQ((*key)->public_pem().rfind("-----BEGIN PUBLIC KEY-----", 0), 0u);
  std::string scramble = "0123456789abcdefghij";
  std::string sent =
      XorWithScramble(std::string("s3cret-password\0", 16), scramble);
  auto cipher = (*key)->Encrypt(sent);
  ASSERT_TRUE(cipher.ok()) << cipher.status();
  EXPECT_EQ(cipher->size(), 256u);
  auto plain = (*key)->Decrypt(*cipher);
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_EQ(XorWithScramble(*plain, scramble),
            std::string("s3cret-password\0", 16));
}

TEST(RsaKeyTest, GarbageAndOtherKeysCiphertextsAreRefused) {
  auto key = RsaKeyPair::Generate();
  auto other = RsaKeyPair::Generate();
  ASSERT_TRUE(key.ok() && other.ok());
  EXPECT_FALSE((*key)->Decrypt("").ok());
  EXPECT_FALSE((*key)->Decrypt(std::string(256, 'x')).ok());
  EXPECT_FALSE((*key)->Decrypt(std::string(1000, '\0')).ok());
  auto cipher = (*other)->Encrypt("password");
  ASSERT_TRUE(cipher.ok());
  EXPECT_FALSE((*key)->Decrypt(*cipher).ok());
}

TEST(RsaKeyTest, LoadsAPemPrivateKeyAndRefusesOthers) {
  // A key written as PKCS#8 PEM, read back: same public key.
  EVP_PKEY* raw = EVP_RSA_gen(2048);
  ASSERT_NE(raw, nullptr);
  BIO* bio = BIO_new(BIO_s_mem());
  ASSERT_EQ(
      PEM_write_bio_PrivateKey(bio, raw, nullptr, nullptr, 0, nullptr, nullptr),
      1);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string pem(data, n);
  BIO_free(bio);
  EVP_PKEY_free(raw);
  auto key = RsaKeyPair::FromPrivateKeyPem(pem);
  ASSERT_TRUE(key.ok()) << key.status();
  auto again = RsaKeyPair::FromPrivateKeyPem(pem);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*key)->public_pem(), (*again)->public_pem());

  EXPECT_EQ(RsaKeyPair::FromPrivateKeyPem("not a key").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(RsaKeyPair::FromPrivateKeyPem("").ok());
  // An EC key is a private key, but not RSA.
  EVP_PKEY* ec = EVP_EC_gen("P-256");
  ASSERT_NE(ec, nullptr);
  bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, ec, nullptr, nullptr, 0, nullptr, nullptr);
  n = BIO_get_mem_data(bio, &data);
  std::string ec_pem(data, n);
  BIO_free(bio);
  EVP_PKEY_free(ec);
  auto not_rsa = RsaKeyPair::FromPrivateKeyPem(ec_pem);
  EXPECT_EQ(not_rsa.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(RsaKeyTest, SourceGeneratesOnceAndKeepsTheKey) {
  RsaKeySource source;
  auto a = source.Get();
  auto b = source.Get();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
}

TEST(RsaKeyTest, XorRepeatsTheScramble) {
  EXPECT_EQ(XorWithScramble("abc", ""), "abc");
  std::string x = XorWithScramble("aaaa", "\x01\x02");
  EXPECT_EQ(x, "`c`c");
  EXPECT_EQ(XorWithScramble(x, "\x01\x02"), "aaaa");
}

}  // namespace
}  // namespace tessera::mysql
