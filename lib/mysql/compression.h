// The compressed protocol (CLIENT_COMPRESS, zlib): a 7-byte header
// (3-byte compressed length, 1-byte compressed sequence id, 3-byte length
// before compression, 0 when the payload is sent as is) wraps a stream of
// ordinary packets. Not thread-safe; one per connection direction.
#ifndef TESSERA_LIB_MYSQL_COMPRESSION_H_
#define TESSERA_LIB_MYSQL_COMPRESSION_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::mysql {

// Appends `data` (ordinary packets) as compressed frames starting at
// sequence *seq. Payloads under 50 bytes are sent uncompressed.
void AppendCompressed(absl::string_view data, uint8_t* seq, std::string* out);

class CompressedDecoder {
 public:
  explicit CompressedDecoder(size_t max_frame = 1 << 24)
      : max_frame_(max_frame) {}
  void Feed(absl::string_view bytes) {
    buffer_.append(bytes.data(), bytes.size());
  }
  // The bytes of the next frame after decompression, std::nullopt if more
  // input is needed, or an error (1156 out of order, 1157 bad data; 08S01).
  absl::StatusOr<std::optional<std::string>> Next(uint8_t* seq);

 private:
  size_t max_frame_;
  std::string buffer_;
};

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_COMPRESSION_H_
