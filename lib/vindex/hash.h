// The `hash` vindex's function, exposed for tools and tests.
//
// keyspace id = DES-ECB encryption, under the all-zero 8-byte key, of the
// value as an 8-byte big-endian unsigned integer (Vitess's "hash"). The
// all-zero key is a DES weak key, so encryption is its own inverse and the
// vindex is reversible.
#ifndef TESSERA_LIB_VINDEX_HASH_H_
#define TESSERA_LIB_VINDEX_HASH_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace tessera::vindex {

std::string VitessHash(uint64_t value);
// nullopt unless `ksid` is 8 bytes.
std::optional<uint64_t> VitessUnhash(absl::string_view ksid);

}  // namespace tessera::vindex

#endif  // TESSERA_LIB_VINDEX_HASH_H_
