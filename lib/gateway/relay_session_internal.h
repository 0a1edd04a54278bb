// Internal to the relay passthrough (relay_session.h): the session class,
// split over relay_session.cc (backend connection and login) and
// relay_forward.cc (commands and answers).
#ifndef TESSERA_LIB_GATEWAY_RELAY_SESSION_INTERNAL_H_
#define TESSERA_LIB_GATEWAY_RELAY_SESSION_INTERNAL_H_

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "asio/buffer.hpp"
#include "asio/connect.hpp"
#include "asio/ip/tcp.hpp"
#include "asio/redirect_error.hpp"
#include "asio/steady_timer.hpp"
#include "asio/use_awaitable.hpp"
#include "asio/write.hpp"
#include "lib/base/mysql_error.h"
#include "lib/gateway/backend_canceller.h"
#include "lib/gateway/keyspace_access.h"
#include "lib/gateway/relay_framer.h"
#include "lib/gateway/relay_session.h"
#include "lib/mysql/codec.h"
#include "lib/mysql/constants.h"
#include "lib/mysql/messages.h"
#include "lib/mysql/relay.h"
#include "lib/mysql/wire.h"

namespace tessera::gateway::relay_internal {

namespace cap = mysql::cap;
using asio::ip::tcp;
using mysql::Command;

inline constexpr size_t kReadChunk = 16384;
// Answers are written to the client whenever this much is pending.
inline constexpr size_t kFlushBytes = 32768;
inline constexpr uint16_t kLostBackend = 2013;  // HY000

absl::Status Lost(absl::string_view what);

class RelaySession : public mysql::Session, public mysql::PacketRelay {
 public:
  RelaySession(const BackendOptions& options,
               const mysql::SessionContext& context)
      : options_(options),
        context_(context),
        canceller_(std::make_shared<BackendCanceller>(options)) {}
  ~RelaySession() override { Close(); }

  mysql::PacketRelay* relay() override { return this; }
  std::shared_ptr<mysql::QueryCanceller> canceller() override {
    return canceller_;
  }
  bool SupportsLocalInfile() const override { return true; }

  // The typed calls are never used for a relay session.
  mysql::QueryResult Query(absl::string_view,
                           const mysql::QueryOptions&) override {
    mysql::QueryResult r;
    r.error = InternalMysqlError("relay session: typed call");
    return r;
  }
  absl::StatusOr<mysql::PrepareInfo> Prepare(absl::string_view) override {
    return InternalMysqlError("relay session: typed call");
  }
  mysql::QueryResult Execute(absl::string_view,
                             absl::Span<const mysql::ParamValue>) override {
    return Query("", {});
  }
  absl::Status InitDb(absl::string_view) override {
    return InternalMysqlError("relay session: typed call");
  }
  absl::Status Reset() override {
    return InternalMysqlError("relay session: typed call");
  }

  asio::awaitable<absl::Status> Open(const mysql::RelayOpen& open) override;
  asio::awaitable<mysql::RelayOutcome> Forward(
      const mysql::RelayCommand& command) override;

 private:
  // Progress through one answer.
  struct Pass {
    size_t chunk_left = 0;   // bytes of the current chunk still to move
    bool continued = false;  // the next chunk continues the same packet
    bool drop = false;       // the current packet is not forwarded
    bool drop_rest = false;  // nor anything after it (limit hit)
    bool infile = false;     // a LOCAL INFILE request was just read
    uint64_t row_bytes = 0;
    uint16_t injected_error = 0;
  };
  enum class Step { kNeedBytes, kSendFile, kDone };

  asio::awaitable<absl::Status> Connect(const asio::any_io_executor& ex);
  asio::awaitable<absl::Status> Login(const mysql::RelayOpen& open);
  asio::awaitable<absl::StatusOr<std::string>> ReadLoginPacket(uint8_t* seq);
  asio::awaitable<absl::Status> EnableTracking();
  asio::awaitable<absl::Status> WritePacket(absl::string_view payload,
                                            uint8_t seq);
  asio::awaitable<asio::error_code> ReadSome();
  asio::awaitable<absl::Status> SendFile(const std::string* data, uint8_t seq);
  // Moves the buffered bytes of the answer to the client's buffer.
  Step Consume(const mysql::RelayCommand& c, Pass& pass);
  void OnPacket(const mysql::RelayCommand& c, Pass& pass,
                absl::string_view prefix, size_t length);
  std::optional<absl::Status> Refuse(const mysql::RelayCommand& c) const;
  void Finish(const mysql::RelayCommand& c, const Pass& pass,
              mysql::RelayOutcome& out);
  void EnsureBuffer();
  void ReleaseBuffer();
  void Close();

  const BackendOptions& options_;
  const mysql::SessionContext context_;
  std::shared_ptr<BackendCanceller> canceller_;
  std::optional<tcp::socket> socket_;
  bool broken_ = false;
  int max_prepared_ = 0;
  uint8_t backend_seq_ = 0;  // of the last packet read
  // Read buffer: bytes [begin_, end_) not consumed yet. Allocated per
  // command and released after it so idle connections stay small.
  std::unique_ptr<char[]> buf_;
  size_t begin_ = 0;
  size_t end_ = 0;
  RelayFramer framer_;
  // Open prepared statements: id -> text (for observers).
  absl::flat_hash_map<uint32_t, std::string> statements_;
};

}  // namespace tessera::gateway::relay_internal

#endif  // TESSERA_LIB_GATEWAY_RELAY_SESSION_INTERNAL_H_
