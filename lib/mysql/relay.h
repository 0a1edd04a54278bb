// Packet relay: a Session whose commands are forwarded as MySQL packets to a
// backend server by the connection itself, on the connection's own
// io_context, instead of typed Session calls on a worker thread (the
// gateway's relay passthrough, lib/gateway/relay_session.h).
//
// The server still does the handshake, authentication, TLS and compression
// with the client, answers KILL / SHOW PROCESSLIST / CONNECTION_ID() /
// COM_PROCESS_KILL / COM_STATISTICS itself, reads LOAD DATA LOCAL INFILE
// files (within its limits) and re-authenticates on COM_CHANGE_USER (a new
// session, hence a new backend connection). Everything else goes through
// PacketRelay::Forward, which writes the backend's answer, already framed,
// into the client's output buffer.
//
// Not thread-safe: a relay is used by its connection's coroutine only.
#ifndef TESSERA_LIB_MYSQL_RELAY_H_
#define TESSERA_LIB_MYSQL_RELAY_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "asio/any_io_executor.hpp"
#include "asio/awaitable.hpp"

namespace tessera::mysql {

struct RelayOpen {
  asio::any_io_executor executor;  // the connection's strand
  uint32_t capabilities = 0;       // negotiated with the client
  uint8_t charset = 0;             // the client's, from its handshake
  int max_prepared_statements = 0;
};

// One relayed command.
struct RelayCommand {
  absl::string_view packet;  // the whole command payload, command byte first
  // Where the answer goes (framed packets) and the client's next sequence
  // id, advanced past them.
  std::string* out = nullptr;
  uint8_t* seq = nullptr;
  uint32_t capabilities = 0;  // the client's current ones
  // COM_QUERY of LOAD DATA LOCAL INFILE: the client's file, served to the
  // backend when it asks; null otherwise (a backend request is then
  // answered with an empty file, i.e. refused).
  const std::string* local_infile = nullptr;
  // True when the statement was timed out by the server (a backend error
  // then becomes 1969).
  bool (*timed_out)(void* arg) = nullptr;
  void* timed_out_arg = nullptr;
};

struct RelayOutcome {
  bool close = false;  // the connection must end (backend lost)
  uint16_t error_code = 0;
  uint16_t status_flags = 0;  // of the last OK/EOF, if any
  bool has_status = false;
  uint64_t rows = 0;
  uint64_t affected_rows = 0;
  // COM_STMT_EXECUTE: the prepared statement's text (for observers).
  absl::string_view statement_sql;
};

class PacketRelay {
 public:
  virtual ~PacketRelay() = default;
  // Connects and logs in to the backend; errors are MySQL errors for the
  // client (the login then fails).
  virtual asio::awaitable<absl::Status> Open(const RelayOpen& open) = 0;
  // Forwards one command and appends the backend's answer to *command.out
  // (streaming: it may also flush through `flush` when the answer is big).
  virtual asio::awaitable<RelayOutcome> Forward(
      const RelayCommand& command) = 0;
  // Called by the connection so that the relay can write big answers
  // through before they end (bounded memory). Set before Forward.
  void set_flusher(asio::awaitable<bool> (*flush)(void*), void* arg) {
    flush_ = flush;
    flush_arg_ = arg;
  }

 protected:
  asio::awaitable<bool> (*flush_)(void*) = nullptr;
  void* flush_arg_ = nullptr;
};

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_RELAY_H_
