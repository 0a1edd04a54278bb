#include "lib/vindex/builtin.h"

#include <cstdlib>

namespace tessera::vindex {

VindexRegistry NewBuiltinRegistry() {
  VindexRegistry r;
  using RegisterFn = absl::Status (*)(VindexRegistry&);
  for (RegisterFn fn :
       {RegisterHash, RegisterXxhash, RegisterBinary, RegisterBinaryMd5,
        RegisterNumeric, RegisterNumericStaticMap, RegisterReverseBits,
        RegisterNull, RegisterUnicodeLooseMd5, RegisterUnicodeLooseXxhash,
        RegisterMulticol, RegisterLookup, RegisterConsistentLookup}) {
    // Built-in names are distinct; a clash is a programming error.
    if (!fn(r).ok()) std::abort();
  }
  return r;
}

}  // namespace tessera::vindex
