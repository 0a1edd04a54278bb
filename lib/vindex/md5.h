// MD5 digest helper for the md5-based vindexes.
#ifndef TESSERA_LIB_VINDEX_MD5_H_
#define TESSERA_LIB_VINDEX_MD5_H_

#include <string>

#include "absl/strings/string_view.h"

namespace tessera::vindex {

// The 16-byte MD5 digest of `data`.
std::string Md5(absl::string_view data);

}  // namespace tessera::vindex

#endif  // TESSERA_LIB_VINDEX_MD5_H_
