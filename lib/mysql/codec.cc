#include "lib/mysql/codec.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/mysql/constants.h"

namespace tessera::mysql {
namespace {

constexpr uint16_t kPacketsOutOfOrder = 1156;

void AppendHeader(size_t len, uint8_t seq, std::string* out) {
  char h[4] = {static_cast<char>(len), static_cast<char>(len >> 8),
               static_cast<char>(len >> 16), static_cast<char>(seq)};
  out->append(h, 4);
}

}  // namespace

void AppendPacket(absl::string_view payload, uint8_t* seq, std::string* out) {
  out->reserve(out->size() + payload.size() + 4 +
               4 * (payload.size() / kMaxPacketChunk));
  while (true) {
    size_t n = std::min(payload.size(), kMaxPacketChunk);
    AppendHeader(n, (*seq)++, out);
    out->append(payload.data(), n);
    payload.remove_prefix(n);
    if (n < kMaxPacketChunk) break;
  }
}

absl::StatusOr<std::optional<std::string>> PacketDecoder::Next(uint8_t* seq) {
  // First pass: check that every chunk of the logical packet is present.
  size_t pos = offset_;
  size_t total = 0;
  int chunks = 0;
  while (true) {
    if (buffer_.size() - pos < 4) return std::nullopt;
    const auto* h = reinterpret_cast<const uint8_t*>(buffer_.data() + pos);
    size_t len = h[0] | (h[1] << 8) | (h[2] << 16);
    uint8_t chunk_seq = h[3];
    if (chunks == 0 && !check_sequence_) *seq = chunk_seq;
    uint8_t want = static_cast<uint8_t>(*seq + chunks);
    if (chunk_seq != want) {
      return MysqlError(kPacketsOutOfOrder, "08S01",
                        absl::StrCat("Got packets out of order (sequence id ",
                                     chunk_seq, ", expected ", want, ")"));
    }
    total += len;
    if (total > max_payload_) {
      return MysqlError(1153, "08S01",
                        "Got a packet bigger than 'max_allowed_packet' bytes");
    }
    if (buffer_.size() - pos - 4 < len) return std::nullopt;
    pos += 4 + len;
    ++chunks;
    if (len < kMaxPacketChunk) break;
  }
  // Second pass: join the chunks.
  std::string payload;
  payload.reserve(total);
  pos = offset_;
  for (int i = 0; i < chunks; ++i) {
    const auto* h = reinterpret_cast<const uint8_t*>(buffer_.data() + pos);
    size_t len = h[0] | (h[1] << 8) | (h[2] << 16);
    payload.append(buffer_, pos + 4, len);
    pos += 4 + len;
  }
  *seq = static_cast<uint8_t>(*seq + chunks);
  offset_ = pos;
  if (offset_ == buffer_.size()) {
    buffer_.clear();
    offset_ = 0;
    // After a big packet, give the memory back (idle connections).
    if (buffer_.capacity() > (1u << 16)) buffer_.shrink_to_fit();
  } else if (offset_ > (1u << 16) && offset_ * 2 > buffer_.size()) {
    buffer_.erase(0, offset_);
    offset_ = 0;
  }
  return std::optional<std::string>(std::move(payload));
}

std::string PacketDecoder::TakeBuffered() {
  std::string rest = buffer_.substr(offset_);
  buffer_.clear();
  offset_ = 0;
  return rest;
}

}  // namespace tessera::mysql
