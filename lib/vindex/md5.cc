#include "lib/vindex/md5.h"

// The one-shot MD5() is deprecated in OpenSSL 3 in favour of EVP, which
// costs several allocations per call; the direct function is still shipped.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/md5.h>

namespace tessera::vindex {

std::string Md5(absl::string_view data) {
  unsigned char out[MD5_DIGEST_LENGTH];
  MD5(reinterpret_cast<const unsigned char*>(data.data()), data.size(), out);
  return std::string(reinterpret_cast<const char*>(out), sizeof(out));
}

}  // namespace tessera::vindex
