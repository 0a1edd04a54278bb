// Packet framing: 3-byte payload length + 1-byte sequence id.
//
// Payloads of 16 MiB - 1 bytes or more are split into chunks of exactly
// 0xFFFFFF bytes followed by a shorter (possibly empty) chunk; the decoder
// joins them back. Each chunk carries the next sequence id.
#ifndef TESSERA_LIB_MYSQL_CODEC_H_
#define TESSERA_LIB_MYSQL_CODEC_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::mysql {

// Appends `payload` to `out` as one logical packet starting at sequence id
// *seq, splitting as needed; *seq is advanced past the chunks written.
void AppendPacket(absl::string_view payload, uint8_t* seq, std::string* out);

// Incremental decoder of logical packets from a byte stream.
// Not thread-safe; one per connection direction.
class PacketDecoder {
 public:
  // Payloads longer than `max_payload` are refused with
  // ER_NET_PACKET_TOO_LARGE (1153, 08S01) as soon as their header shows it.
  explicit PacketDecoder(size_t max_payload) : max_payload_(max_payload) {}

  void Feed(absl::string_view bytes) {
    buffer_.append(bytes.data(), bytes.size());
  }

  // Returns the next complete logical packet, std::nullopt when more bytes
  // are needed, or an error: a chunk whose sequence id is not *seq
  // (ER_NET_PACKETS_OUT_OF_ORDER 1156, 08S01) or a packet over the limit.
  // *seq is advanced past every chunk consumed.
  absl::StatusOr<std::optional<std::string>> Next(uint8_t* seq);

  // Bytes fed but not yet returned as packets.
  size_t buffered() const { return buffer_.size() - offset_; }
  // Takes the undecoded bytes out (e.g. when switching to TLS).
  std::string TakeBuffered();
  void set_max_payload(size_t n) { max_payload_ = n; }
  // With false, the first chunk's sequence id is accepted as is (the
  // compressed protocol numbers frames, not the packets inside).
  void set_check_sequence(bool check) { check_sequence_ = check; }

 private:
  size_t max_payload_;
  bool check_sequence_ = true;
  std::string buffer_;
  size_t offset_ = 0;
};

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_CODEC_H_
