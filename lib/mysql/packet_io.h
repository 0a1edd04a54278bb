// One client connection's byte stream as MySQL packets: plain TCP or TLS
// (asio::ssl), optionally compressed; sequence ids per command. Internal to
// the server; not thread-safe (used by one connection coroutine).
#ifndef TESSERA_LIB_MYSQL_PACKET_IO_H_
#define TESSERA_LIB_MYSQL_PACKET_IO_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "asio/awaitable.hpp"
#include "asio/ip/tcp.hpp"
#include "asio/ssl/context.hpp"
#include "asio/ssl/stream.hpp"
#include "lib/mysql/codec.h"
#include "lib/mysql/compression.h"
#include "lib/mysql/result_writer.h"

namespace tessera::mysql {

class PacketIo {
 public:
  PacketIo(asio::ip::tcp::socket socket, size_t max_payload);

  asio::ip::tcp::socket& socket() { return socket_; }
  bool secure() const { return tls_ != nullptr; }
  // The subject of the client's certificate in OpenSSL's one-line form, if
  // TLS is on and the client presented a certificate that verified.
  std::optional<std::string> PeerSubject();
  // Server side of the TLS handshake, fed with bytes already read.
  asio::awaitable<absl::Status> StartTls(asio::ssl::context& context);
  // Switches both directions to the compressed protocol.
  void EnableCompression();

  // Starts a new command: sequence ids restart at 0.
  void ResetSequence() { seq_ = 0, comp_read_seq_ = 0, comp_write_seq_ = 0; }
  // The next logical packet; errors for I/O failures, bad sequence ids and
  // packets over the limit.
  asio::awaitable<absl::StatusOr<std::string>> Read();

  // Queues one packet; Flush() sends everything queued.
  void Queue(absl::string_view payload);
  WriterContext writer() { return WriterContext{0, &seq_, &out_}; }
  asio::awaitable<absl::Status> Flush();

  void Close();
  // True once a read or write failed at the socket/TLS level.
  bool broken() const { return broken_; }

 private:
  asio::awaitable<absl::Status> ReadMore();
  // Grows or shrinks read_buffer_ after a read of `last_read` bytes.
  void SizeReadBuffer(size_t last_read);
  asio::awaitable<absl::Status> WriteAll(absl::string_view data);

  asio::ip::tcp::socket socket_;
  std::unique_ptr<asio::ssl::stream<asio::ip::tcp::socket&>> tls_;
  PacketDecoder decoder_;
  std::unique_ptr<CompressedDecoder> compressed_;
  bool broken_ = false;
  uint8_t seq_ = 0;
  uint8_t comp_read_seq_ = 0;
  uint8_t comp_write_seq_ = 0;
  std::string out_;
  std::string frames_;
  // Sized per read: small while commands are small (an idle connection's
  // pending read holds only kMinRead bytes), doubled up to kMaxRead while
  // reads fill it.
  static constexpr size_t kMinRead = 1024;
  static constexpr size_t kMaxRead = 65536;
  std::string read_buffer_;
};

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_PACKET_IO_H_
