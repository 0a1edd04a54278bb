// The vindex types Tessera ships, each defined in its own file.
#ifndef TESSERA_LIB_VINDEX_BUILTIN_H_
#define TESSERA_LIB_VINDEX_BUILTIN_H_

#include "absl/status/status.h"
#include "lib/vindex/registry.h"

namespace tessera::vindex {

// A registry holding every type below.
VindexRegistry NewBuiltinRegistry();

// One per file; each registers its type name(s) in `registry`.
absl::Status RegisterHash(VindexRegistry& registry);       // hash.cc
absl::Status RegisterXxhash(VindexRegistry& registry);     // xxhash.cc
absl::Status RegisterBinary(VindexRegistry& registry);     // binary.cc
absl::Status RegisterBinaryMd5(VindexRegistry& registry);  // binary_md5.cc
absl::Status RegisterNumeric(VindexRegistry& registry);    // numeric.cc
absl::Status RegisterNumericStaticMap(VindexRegistry& registry);
absl::Status RegisterReverseBits(VindexRegistry& registry);  // reverse_bits.cc
absl::Status RegisterNull(VindexRegistry& registry);         // null.cc
absl::Status RegisterUnicodeLooseMd5(VindexRegistry& registry);
absl::Status RegisterUnicodeLooseXxhash(VindexRegistry& registry);
absl::Status RegisterMulticol(VindexRegistry& registry);  // multicol.cc
// lookup, lookup_unique (lookup.cc); consistent_lookup,
// consistent_lookup_unique (consistent_lookup.cc).
absl::Status RegisterLookup(VindexRegistry& registry);
absl::Status RegisterConsistentLookup(VindexRegistry& registry);

}  // namespace tessera::vindex

#endif  // TESSERA_LIB_VINDEX_BUILTIN_H_
