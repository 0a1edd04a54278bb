// The MySQL protocol server: accepts clients on a TCP address, speaks the
// handshake, authentication (mysql_native_password, caching_sha2_password),
// TLS and compression, and turns commands into Session calls.
//
// Threads: `io_threads` threads each run their own asio::io_context; a
// connection lives on one of them (round robin) as a coroutine, so there is
// no thread per connection. Session calls, which may block on I/O, run on a
// pool of `worker_threads` threads and resume the connection afterwards.
//
// Limits each refuse with an ERR packet: max_connections (1040 08004),
// idle_timeout (4031 HY000, then close), max_packet_size (1153 08S01, then
// close), max_prepared_statements (1461 42000), plaintext with
// require_secure_transport (3159 HY000), blocked source (1129 HY000).
//
// Thread safety: Start/Stop from one thread; the accessors are thread-safe.
#ifndef TESSERA_LIB_MYSQL_SERVER_H_
#define TESSERA_LIB_MYSQL_SERVER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "lib/mysql/observer.h"
#include "lib/mysql/session.h"

namespace tessera::mysql {

struct TlsOptions {
  std::string cert_file;  // PEM; TLS is on when cert and key are given
  std::string key_file;
  std::string ca_file;  // optional: verify client certificates against it
  // Optional PEM file of certificate revocation lists (with ca_file): a
  // client certificate that is revoked, or whose issuer has no CRL in the
  // file, fails the TLS handshake.
  std::string crl_file;
  bool require_secure_transport = false;
  // caching_sha2_password's RSA key exchange, so plaintext clients can
  // complete a full authentication (MySQL's protocol: the client fetches the
  // public key or already has it and sends RSA-OAEP(password XOR scramble)).
  // With no key file the key is generated on first use and lives as long as
  // the server; a PEM private key file keeps it stable, so clients can be
  // given its public key instead of fetching it.
  bool rsa_key_exchange = true;
  std::string rsa_private_key_file;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 15306;    // 0 picks a free port (see Server::port())
  int io_threads = 0;  // 0: one per core
  // Threads for Session calls; 0 runs them on the I/O threads (for sessions
  // that do not block for long).
  int worker_threads = 16;
  // Threads running each io_context. With worker_threads = 0 and more than
  // one thread here, session calls run inline (no hand-off) and a blocking
  // call occupies one thread, not the whole io_context. Each connection is
  // serialized on its own strand either way.
  int threads_per_io_context = 1;
  // Adaptive hand-off (with worker_threads > 0): a connection whose last
  // kInlineStreak session calls (queries, executes, prepares) each took at
  // most this long runs its next calls inline on its I/O thread, saving the
  // two thread hand-offs per command, until one call takes longer; then it
  // goes back to the workers. The risk: the first slow call of a connection
  // that was fast stalls the other connections of its io_context for that
  // call's duration. Zero: always hand off.
  absl::Duration inline_threshold = absl::ZeroDuration();
  std::string server_version = "5.5.5-10.11.6-MariaDB-tessera";
  int max_connections = 1000;
  absl::Duration idle_timeout = absl::Hours(8);
  size_t max_packet_size = 64 << 20;
  int max_prepared_statements = 1024;  // per connection
  bool allow_compression = true;
  // LOAD DATA LOCAL INFILE: off by default (1148); when on, the client's
  // file (at most max_local_infile_bytes, held in memory) goes to the
  // session with the statement (QueryOptions::local_infile).
  bool allow_local_infile = false;
  size_t max_local_infile_bytes = 64 << 20;
  TlsOptions tls;
  // Longest a statement may run (0: no limit). On expiry the server cancels
  // it through Session::canceller() and the client gets 1969 (70100).
  absl::Duration query_timeout = absl::ZeroDuration();
  // How long Stop() lets running commands finish before it closes the
  // connections that are still busy.
  absl::Duration drain_timeout = absl::Seconds(10);
  // Told about every query (metrics, query log); not owned, may be null.
  ServerObserver* observer = nullptr;
};

// One client connection as SHOW PROCESSLIST shows it.
struct ProcessInfo {
  uint32_t id = 0;
  std::string user;
  std::string host;  // client address
  std::string db;
  std::string command;       // "Sleep", "Query", "Execute", "Prepare", ...
  int64_t time_seconds = 0;  // in the current command (or idle)
  std::string state;
  std::string info;  // the running statement, empty when idle
};

struct ServerStats {
  uint64_t connections_accepted = 0;
  uint64_t connections_refused = 0;
  int64_t connections_open = 0;
  uint64_t commands = 0;
  uint64_t login_failures = 0;
  uint64_t killed = 0;     // KILL CONNECTION and KILL QUERY that acted
  uint64_t timed_out = 0;  // statements cancelled by query_timeout
  bool draining = false;   // Stop() has begun
};

class Server {
 public:
  // `factory` and `authenticator` must outlive the server.
  Server(ServerOptions options, SessionFactory* factory,
         Authenticator* authenticator);
  ~Server();  // calls Stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the threads. Errors: InvalidArgument for bad
  // TLS files, Unavailable if the address cannot be bound.
  absl::Status Start();
  // Graceful: stops accepting, lets running commands finish and answers
  // them (up to drain_timeout), closes idle connections with 1053 (08S01)
  // "Server shutdown in progress", then closes whatever is left and joins
  // the threads. Idempotent.
  void Stop();
  // The open client connections (for SHOW PROCESSLIST-like views).
  std::vector<ProcessInfo> Processes() const;
  // The bound port (after Start).
  int port() const;
  ServerStats stats() const;

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_SERVER_H_
