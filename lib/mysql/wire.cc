#include "lib/mysql/wire.h"

namespace tessera::mysql {

void WireWriter::IntN(uint64_t v, int bytes) {
  char buf[8];
  for (int i = 0; i < bytes; ++i) buf[i] = static_cast<char>(v >> (8 * i));
  out_->append(buf, bytes);
}

void WireWriter::LenencInt(uint64_t v) {
  if (v < 251) {
    Int1(static_cast<uint8_t>(v));
  } else if (v < (1u << 16)) {
    Int1(0xFC);
    Int2(static_cast<uint16_t>(v));
  } else if (v < (1u << 24)) {
    Int1(0xFD);
    Int3(static_cast<uint32_t>(v));
  } else {
    Int1(0xFE);
    Int8(v);
  }
}

void WireWriter::LenencString(absl::string_view s) {
  LenencInt(s.size());
  Bytes(s);
}

void WireWriter::NulString(absl::string_view s) {
  Bytes(s);
  out_->push_back('\0');
}

uint64_t WireReader::IntN(int bytes) {
  if (!ok_ || data_.size() < static_cast<size_t>(bytes)) {
    ok_ = false;
    return 0;
  }
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) {
    v |= static_cast<uint64_t>(static_cast<uint8_t>(data_[i])) << (8 * i);
  }
  data_.remove_prefix(bytes);
  return v;
}

uint64_t WireReader::LenencInt() {
  uint8_t first = Int1();
  if (!ok_) return 0;
  if (first < 251) return first;
  switch (first) {
    case 0xFC:
      return IntN(2);
    case 0xFD:
      return IntN(3);
    case 0xFE:
      return IntN(8);
    default:
      ok_ = false;
      return 0;
  }
}

absl::string_view WireReader::LenencString() {
  uint64_t n = LenencInt();
  if (!ok_ || n > data_.size()) {
    ok_ = false;
    return {};
  }
  return Bytes(static_cast<size_t>(n));
}

absl::string_view WireReader::NulString() {
  size_t pos = data_.find('\0');
  if (!ok_ || pos == absl::string_view::npos) {
    ok_ = false;
    return {};
  }
  absl::string_view s = data_.substr(0, pos);
  data_.remove_prefix(pos + 1);
  return s;
}

absl::string_view WireReader::Bytes(size_t n) {
  if (!ok_ || n > data_.size()) {
    ok_ = false;
    return {};
  }
  absl::string_view s = data_.substr(0, n);
  data_.remove_prefix(n);
  return s;
}

absl::string_view WireReader::Rest() {
  absl::string_view s = data_;
  data_ = {};
  return s;
}

size_t LenencIntSize(uint64_t v) {
  if (v < 251) return 1;
  if (v < (1u << 16)) return 3;
  if (v < (1u << 24)) return 4;
  return 9;
}

}  // namespace tessera::mysql
