// Little-endian integer and string encodings of the MySQL wire protocol.
//
// WireWriter appends to a std::string it does not own. WireReader reads from
// a string_view it does not own; every read past the end (or of a malformed
// length-encoded integer) sets a sticky failure flag and yields zeros or
// empty strings, so decoders read a whole message and check ok() once.
// Neither is thread-safe; both are cheap to create.
#ifndef TESSERA_LIB_MYSQL_WIRE_H_
#define TESSERA_LIB_MYSQL_WIRE_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace tessera::mysql {

class WireWriter {
 public:
  explicit WireWriter(std::string* out) : out_(out) {}

  void Int1(uint8_t v) { out_->push_back(static_cast<char>(v)); }
  void Int2(uint16_t v) { IntN(v, 2); }
  void Int3(uint32_t v) { IntN(v, 3); }
  void Int4(uint32_t v) { IntN(v, 4); }
  void Int8(uint64_t v) { IntN(v, 8); }
  void IntN(uint64_t v, int bytes);
  // Length-encoded integer (1, 3, 4 or 9 bytes).
  void LenencInt(uint64_t v);
  void LenencString(absl::string_view s);
  void NulString(absl::string_view s);
  void Bytes(absl::string_view s) { out_->append(s.data(), s.size()); }
  void Zeros(size_t n) { out_->append(n, '\0'); }

 private:
  std::string* out_;
};

class WireReader {
 public:
  explicit WireReader(absl::string_view data) : data_(data) {}

  uint8_t Int1() { return static_cast<uint8_t>(IntN(1)); }
  uint16_t Int2() { return static_cast<uint16_t>(IntN(2)); }
  uint32_t Int3() { return static_cast<uint32_t>(IntN(3)); }
  uint32_t Int4() { return static_cast<uint32_t>(IntN(4)); }
  uint64_t Int8() { return IntN(8); }
  uint64_t IntN(int bytes);
  // Length-encoded integer; 0xFB (NULL) and 0xFF are failures here.
  uint64_t LenencInt();
  absl::string_view LenencString();
  // Reads up to the next NUL (required) and skips it.
  absl::string_view NulString();
  absl::string_view Bytes(size_t n);
  absl::string_view Rest();
  void Skip(size_t n) { Bytes(n); }

  uint8_t Peek() const { return data_.empty() ? 0 : data_[0]; }
  size_t remaining() const { return data_.size(); }
  bool empty() const { return data_.empty(); }
  bool ok() const { return ok_; }

 private:
  absl::string_view data_;
  bool ok_ = true;
};

// Size in bytes of the length-encoded form of `v`.
size_t LenencIntSize(uint64_t v);

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_WIRE_H_
