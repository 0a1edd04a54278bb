#include "lib/mysql/packet_io.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "absl/strings/str_cat.h"
#include "asio/buffer.hpp"
#include "asio/redirect_error.hpp"
#include "asio/use_awaitable.hpp"
#include "asio/write.hpp"
#include "lib/base/mysql_error.h"

namespace tessera::mysql {
namespace {

absl::Status NetError(const asio::error_code& ec) {
  return absl::UnavailableError(absl::StrCat("connection: ", ec.message()));
}

}  // namespace

PacketIo::PacketIo(asio::ip::tcp::socket socket, size_t max_payload)
    : socket_(std::move(socket)), decoder_(max_payload) {}

asio::awaitable<absl::Status> PacketIo::StartTls(asio::ssl::context& context) {
  std::string early = decoder_.TakeBuffered();
  tls_ = std::make_unique<asio::ssl::stream<asio::ip::tcp::socket&>>(socket_,
                                                                     context);
  asio::error_code ec;
  co_await tls_->async_handshake(asio::ssl::stream_base::server,
                                 asio::buffer(early),
                                 asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    co_return MysqlError(er::kHandshakeError, "08S01",
                         absl::StrCat("TLS handshake failed: ", ec.message()));
  }
  co_return absl::OkStatus();
}

std::optional<std::string> PacketIo::PeerSubject() {
  if (tls_ == nullptr) return std::nullopt;
  SSL* ssl = tls_->native_handle();
  X509* cert = SSL_get1_peer_certificate(ssl);
  if (cert == nullptr) return std::nullopt;
  std::optional<std::string> out;
  if (SSL_get_verify_result(ssl) == X509_V_OK) {
    char* line = X509_NAME_oneline(X509_get_subject_name(cert), nullptr, 0);
    if (line != nullptr) out = line;
    OPENSSL_free(line);
  }
  X509_free(cert);
  return out;
}

void PacketIo::EnableCompression() {
  compressed_ = std::make_unique<CompressedDecoder>();
  decoder_.set_check_sequence(false);
}

asio::awaitable<absl::Status> PacketIo::ReadMore() {
  asio::error_code ec;
  size_t n = 0;
  if (read_buffer_.empty()) read_buffer_.resize(kMinRead);
  auto buffer = asio::buffer(read_buffer_.data(), read_buffer_.size());
  if (tls_) {
    n = co_await tls_->async_read_some(
        buffer, asio::redirect_error(asio::use_awaitable, ec));
  } else {
    n = co_await socket_.async_read_some(
        buffer, asio::redirect_error(asio::use_awaitable, ec));
  }
  if (ec) {
    broken_ = true;
    co_return NetError(ec);
  }
  absl::string_view bytes(read_buffer_.data(), n);
  if (!compressed_) {
    decoder_.Feed(bytes);
    SizeReadBuffer(n);
    co_return absl::OkStatus();
  }
  compressed_->Feed(bytes);
  SizeReadBuffer(n);
  while (true) {
    auto frame = compressed_->Next(&comp_read_seq_);
    if (!frame.ok()) co_return frame.status();
    if (!frame->has_value()) break;
    decoder_.Feed(**frame);
  }
  comp_write_seq_ = comp_read_seq_;
  co_return absl::OkStatus();
}

void PacketIo::SizeReadBuffer(size_t last_read) {
  if (last_read == read_buffer_.size() && last_read < kMaxRead) {
    read_buffer_.resize(2 * last_read);
  }
}

asio::awaitable<absl::StatusOr<std::string>> PacketIo::Read() {
  while (true) {
    auto packet = decoder_.Next(&seq_);
    if (!packet.ok()) co_return packet.status();
    if (packet->has_value()) {
      // Nothing more buffered: the next read likely waits for the next
      // command, so it gets the small buffer again.
      if (decoder_.buffered() == 0 && read_buffer_.size() > kMinRead) {
        read_buffer_.resize(kMinRead);
        read_buffer_.shrink_to_fit();
      }
      co_return std::move(**packet);
    }
    absl::Status s = co_await ReadMore();
    if (!s.ok()) co_return s;
  }
}

void PacketIo::Queue(absl::string_view payload) {
  AppendPacket(payload, &seq_, &out_);
}

asio::awaitable<absl::Status> PacketIo::WriteAll(absl::string_view data) {
  asio::error_code ec;
  if (tls_) {
    co_await asio::async_write(*tls_, asio::buffer(data.data(), data.size()),
                               asio::redirect_error(asio::use_awaitable, ec));
  } else {
    co_await asio::async_write(socket_, asio::buffer(data.data(), data.size()),
                               asio::redirect_error(asio::use_awaitable, ec));
  }
  if (ec) {
    broken_ = true;
    co_return NetError(ec);
  }
  co_return absl::OkStatus();
}

asio::awaitable<absl::Status> PacketIo::Flush() {
  if (out_.empty()) co_return absl::OkStatus();
  absl::Status s;
  if (compressed_) {
    frames_.clear();
    AppendCompressed(out_, &comp_write_seq_, &frames_);
    s = co_await WriteAll(frames_);
    frames_.clear();
  } else {
    s = co_await WriteAll(out_);
  }
  out_.clear();
  if (out_.capacity() > (1u << 16)) out_.shrink_to_fit();
  co_return s;
}

void PacketIo::Close() {
  asio::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  socket_.close(ec);
}

}  // namespace tessera::mysql
