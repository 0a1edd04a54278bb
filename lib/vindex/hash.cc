// hash: DES-ECB (all-zero key) of the 8-byte big-endian value.
#include "lib/vindex/hash.h"

// DES is only reachable through OpenSSL's low-level API without loading the
// legacy provider; the API is deprecated in OpenSSL 3 but still shipped.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/des.h>

#include <cstring>
#include <memory>

#include "lib/vindex/builtin.h"
#include "lib/vindex/endian.h"
#include "lib/vindex/vindex.h"

namespace tessera::vindex {
namespace {

// Key schedule of the all-zero key, computed once per call site; building
// it costs about as much as one encryption, so the vindex keeps its own.
class ZeroKeyDes {
 public:
  ZeroKeyDes() {
    DES_cblock key = {0};
    DES_set_key_unchecked(&key, &schedule_);
  }
  std::string Crypt(absl::string_view block8) const {
    DES_cblock in, out;
    std::memcpy(in, block8.data(), 8);
    DES_ecb_encrypt(&in, &out, const_cast<DES_key_schedule*>(&schedule_),
                    DES_ENCRYPT);
    return std::string(reinterpret_cast<const char*>(out), 8);
  }

 private:
  DES_key_schedule schedule_;
};

const ZeroKeyDes& Des() {
  // Immutable after construction: not mutable global state.
  static const ZeroKeyDes* const des = new ZeroKeyDes();
  return *des;
}

class HashVindex : public FunctionalVindex {
 public:
  explicit HashVindex(std::string name) : FunctionalVindex(std::move(name)) {}
  absl::string_view type() const override { return "hash"; }
  int cost() const override { return 1; }
  bool unique() const override { return true; }
  bool reversible() const override { return true; }

  std::optional<std::string> KeyspaceId(const Value& value) const override {
    std::optional<uint64_t> v = value.ToUint64();
    if (!v) return std::nullopt;
    return VitessHash(*v);
  }

  absl::StatusOr<std::vector<Value>> ReverseMap(
      absl::Span<const std::string> ksids) const override {
    std::vector<Value> out;
    for (const std::string& k : ksids) {
      std::optional<uint64_t> v = VitessUnhash(k);
      if (!v) {
        return absl::InvalidArgumentError(
            "hash: a keyspace id must be 8 bytes to reverse");
      }
      out.push_back(Value::Uint64(*v));
    }
    return out;
  }
};

}  // namespace

std::string VitessHash(uint64_t value) {
  return Des().Crypt(BigEndian64(value));
}

std::optional<uint64_t> VitessUnhash(absl::string_view ksid) {
  if (ksid.size() != 8) return std::nullopt;
  // Weak key: decryption equals encryption.
  std::string plain = Des().Crypt(ksid);
  return LoadBigEndian64(plain);
}

absl::Status RegisterHash(VindexRegistry& registry) {
  return registry.Register(
      "hash",
      [](const VindexSpec& spec,
         const VindexRegistry&) -> absl::StatusOr<std::unique_ptr<Vindex>> {
        absl::Status s = CheckParams(spec, {});
        if (!s.ok()) return s;
        return std::make_unique<HashVindex>(spec.name);
      });
}

}  // namespace tessera::vindex
