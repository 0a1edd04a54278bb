#include "lib/mysql/compression.h"

#include <zlib.h>

#include <algorithm>

#include "lib/base/mysql_error.h"
#include "lib/mysql/constants.h"
#include "lib/mysql/wire.h"

namespace tessera::mysql {
namespace {

constexpr size_t kMinCompressLength = 50;

absl::Status BadData() {
  return MysqlError(1157, "08S01", "Couldn't uncompress communication packet");
}

}  // namespace

void AppendCompressed(absl::string_view data, uint8_t* seq, std::string* out) {
  do {
    absl::string_view chunk = data.substr(0, kMaxPacketChunk);
    data.remove_prefix(chunk.size());
    std::string compressed;
    if (chunk.size() >= kMinCompressLength) {
      uLongf len = compressBound(chunk.size());
      compressed.resize(len);
      if (compress(reinterpret_cast<Bytef*>(compressed.data()), &len,
                   reinterpret_cast<const Bytef*>(chunk.data()),
                   chunk.size()) == Z_OK &&
          len < chunk.size()) {
        compressed.resize(len);
      } else {
        compressed.clear();
      }
    }
    WireWriter w(out);
    if (compressed.empty()) {
      w.Int3(static_cast<uint32_t>(chunk.size()));
      w.Int1((*seq)++);
      w.Int3(0);
      w.Bytes(chunk);
    } else {
      w.Int3(static_cast<uint32_t>(compressed.size()));
      w.Int1((*seq)++);
      w.Int3(static_cast<uint32_t>(chunk.size()));
      w.Bytes(compressed);
    }
  } while (!data.empty());
}

absl::StatusOr<std::optional<std::string>> CompressedDecoder::Next(
    uint8_t* seq) {
  if (buffer_.size() < 7) return std::nullopt;
  WireReader r(buffer_);
  uint32_t comp_len = r.Int3();
  uint8_t frame_seq = r.Int1();
  uint32_t raw_len = r.Int3();
  if (frame_seq != *seq) {
    return MysqlError(1156, "08S01", "Got packets out of order");
  }
  if (raw_len > max_frame_ || comp_len > max_frame_ + 64) return BadData();
  if (buffer_.size() - 7 < comp_len) return std::nullopt;
  std::string out;
  if (raw_len == 0) {
    out = buffer_.substr(7, comp_len);
  } else {
    out.resize(raw_len);
    uLongf len = raw_len;
    if (uncompress(reinterpret_cast<Bytef*>(out.data()), &len,
                   reinterpret_cast<const Bytef*>(buffer_.data() + 7),
                   comp_len) != Z_OK ||
        len != raw_len) {
      return BadData();
    }
  }
  buffer_.erase(0, 7 + comp_len);
  ++*seq;
  return std::optional<std::string>(std::move(out));
}

}  // namespace tessera::mysql
