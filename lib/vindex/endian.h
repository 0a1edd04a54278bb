// 8-byte big-endian helpers shared by the numeric vindexes.
#ifndef TESSERA_LIB_VINDEX_ENDIAN_H_
#define TESSERA_LIB_VINDEX_ENDIAN_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace tessera::vindex {

inline std::string BigEndian64(uint64_t v) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  return out;
}

// `b` must hold at least 8 bytes.
inline uint64_t LoadBigEndian64(absl::string_view b) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(b[i]);
  return v;
}

}  // namespace tessera::vindex

#endif  // TESSERA_LIB_VINDEX_ENDIAN_H_
