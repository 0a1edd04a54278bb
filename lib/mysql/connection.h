// One client connection: handshake, authentication, then the command loop.
// Runs as a coroutine on one io_context; Session calls run on the worker
// pool. Internal to the server.
#ifndef TESSERA_LIB_MYSQL_CONNECTION_H_
#define TESSERA_LIB_MYSQL_CONNECTION_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "asio/awaitable.hpp"
#include "asio/ip/tcp.hpp"
#include "asio/steady_timer.hpp"
#include "lib/mysql/local_statements.h"
#include "lib/mysql/messages.h"
#include "lib/mysql/packet_io.h"
#include "lib/mysql/relay.h"
#include "lib/mysql/server_context.h"
#include "lib/mysql/session.h"

namespace tessera::mysql {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // `executor` is the connection's strand: every handler of the connection
  // (its coroutine and its idle timer) runs there, one at a time.
  Connection(ServerContext* server, asio::ip::tcp::socket socket, uint32_t id,
             asio::any_io_executor executor);
  ~Connection();

  // The connection's whole life. The caller keeps the connection alive
  // until the coroutine completes (e.g. in co_spawn's completion handler).
  asio::awaitable<void> Run();
  // Closes the socket (from any thread); Run then ends.
  void Cancel();
  // Graceful shutdown: an idle connection is told 1053 (08S01) and closed
  // now, a busy one after answering its current command (from any thread;
  // ServerContext::draining must already be set).
  void Shutdown();
  uint32_t id() const { return id_; }

  // Thread-safe views and actions used by other connections (SHOW
  // PROCESSLIST, KILL) and by the server (query timeout).
  ProcessInfo Snapshot(std::chrono::steady_clock::time_point now) const;
  std::string user() const;
  // KILL QUERY: marks the running statement killed and returns the
  // session's canceller to call (null when idle or not cancellable). A
  // COM_STMT_FETCH of a streamed cursor also stops at its next row.
  std::shared_ptr<QueryCanceller> KillQuery();
  // Like KillQuery for a statement that started before `deadline` and was
  // not timed out yet; the statement then fails with 1969.
  std::shared_ptr<QueryCanceller> ExpireBefore(
      std::chrono::steady_clock::time_point deadline);

 private:
  struct Statement {
    std::string sql;
    PrepareInfo info;
    std::vector<uint16_t> types;
    std::map<uint16_t, std::string> long_data;
    size_t long_data_bytes = 0;
    // An open server-side cursor: the result's rows, fetched from `next`.
    bool cursor_open = false;
    std::vector<Field> cursor_fields;
    std::vector<Row> cursor_rows;
    size_t cursor_next = 0;
    // ... or rows the session streams (ExecuteCursor); destroyed on a
    // worker (CloseStreams). `stream_peek`: a row read ahead to tell the
    // last batch; `stream_error`: a failed Detach, for the next fetch.
    std::unique_ptr<ResultCursor> stream;
    std::optional<Row> stream_peek;
    absl::Status stream_error;
    void CloseCursor() {
      cursor_open = false;
      cursor_fields.clear();
      cursor_rows.clear();
      cursor_rows.shrink_to_fit();
      cursor_next = 0;
    }
  };

  // connection_auth.cc
  asio::awaitable<absl::Status> Login();
  asio::awaitable<absl::Status> Authenticate(const HandshakeResponse& response,
                                             const std::string& nonce,
                                             UserCredentials& creds);
  // caching_sha2_password's RSA key exchange on a plaintext connection:
  // sends the public key if `first_answer` asks for it, then decrypts the
  // password. Errors: 1045 (bad ciphertext, or the exchange is off).
  asio::awaitable<absl::StatusOr<std::string>> RsaExchange(
      const std::string& first_answer, const std::string& nonce,
      const UserCredentials& creds);
  // A UserCredentials::certificate_only user: the password must be empty.
  asio::awaitable<absl::Status> AuthenticateCertificateOnly(
      const HandshakeResponse& response);
  asio::awaitable<absl::Status> AuthenticateSha2(absl::string_view response,
                                                 const std::string& nonce,
                                                 const UserCredentials& creds);
  asio::awaitable<absl::Status> OpenSession(const HandshakeResponse& response,
                                            const UserCredentials& creds);
  absl::Status AccessDenied(absl::string_view user, bool with_password) const;

  // connection_local.cc: the statements the server answers itself.
  // Returns true when `sql` was local and answered.
  // Observes what it answered.
  asio::awaitable<bool> HandleLocal(
      absl::string_view sql, std::chrono::steady_clock::time_point start);
  // LOAD DATA LOCAL INFILE: asks the client for the file, then runs `sql`
  // with it (connection_infile.cc).
  asio::awaitable<void> HandleLoadDataLocal(
      absl::string_view sql, const std::string& file,
      std::chrono::steady_clock::time_point start);
  asio::awaitable<void> HandleKill(uint64_t id, bool query_only);
  // COM_PROCESS_KILL: the 4-byte id, then HandleKill (malformed: 08S01).
  asio::awaitable<void> HandleProcessKill(absl::string_view payload);
  void HandleProcessList(bool full);
  asio::awaitable<void> HandleFieldList(absl::string_view payload);

  // Process state (state_mu_): the command a session call is running.
  void BeginCommand(const char* command, absl::string_view sql);
  // Ends it; returns the error to report instead of `error` when the
  // statement was timed out (1969).
  absl::Status EndCommand(const absl::Status& error);
  void SetSession(std::unique_ptr<Session> session, const std::string& user,
                  const std::string& database);
  void Observe(Command command, absl::string_view sql,
               std::chrono::steady_clock::time_point start,
               const QueryResult* result, const absl::Status& error);

  // connection.cc
  asio::awaitable<absl::StatusOr<std::string>> ReadCommand();
  // Returns false when the connection must close.
  asio::awaitable<bool> Dispatch(const std::string& packet);
  asio::awaitable<void> SendError(const absl::Status& status);
  asio::awaitable<bool> Flush();
  asio::awaitable<void> HandleQuery(absl::string_view sql);
  // Runs COM_QUERY text through the session and answers it.
  asio::awaitable<void> RunQuery(absl::string_view sql,
                                 const std::string* local_infile,
                                 std::chrono::steady_clock::time_point start);
  asio::awaitable<void> HandleInitDb(absl::string_view db);
  asio::awaitable<bool> HandleChangeUser(absl::string_view payload);
  asio::awaitable<void> HandleReset();
  asio::awaitable<void> HandleSetOption(absl::string_view payload);
  asio::awaitable<void> HandleStatistics();

  // connection_relay.cc: commands of a relay session (lib/mysql/relay.h).
  // Returns false when the connection must close.
  asio::awaitable<bool> DispatchRelay(const std::string& packet);
  asio::awaitable<void> Relay(Command command, absl::string_view packet,
                              absl::string_view sql,
                              const std::string* local_infile,
                              std::chrono::steady_clock::time_point start);
  asio::awaitable<absl::Status> OpenRelay(uint8_t charset);
  static asio::awaitable<bool> FlushThunk(void* self);
  static bool TimedOutThunk(void* self);

  // connection_stmt.cc
  asio::awaitable<void> HandlePrepare(absl::string_view sql);
  asio::awaitable<void> HandleExecute(absl::string_view payload);
  void HandleSendLongData(absl::string_view payload);
  void HandleClose(absl::string_view payload);
  asio::awaitable<void> HandleStmtReset(absl::string_view payload);
  // Opens a cursor on `stmt` if `result` is one result set; false if the
  // result must be answered normally instead.
  bool OpenCursor(Statement& stmt, QueryResult& result);

  // connection_cursor.cc: cursors the session streams.
  asio::awaitable<void> HandleFetch(absl::string_view payload);
  // Before a command: closes the streaming cursor of the statement it
  // executes, resets or closes (all of them before COM_RESET_CONNECTION
  // and COM_CHANGE_USER) and detaches the others (ResultCursor::Detach),
  // all on a worker, so the session is free for the command.
  asio::awaitable<void> BeforeCommand(const std::string& packet);
  // Destroys streaming cursors on a worker: `only`'s, or all when null.
  asio::awaitable<void> CloseStreams(const uint32_t* only);
  void OpenStream(Statement& stmt, std::unique_ptr<ResultCursor> cursor);

  ServerContext* server_;
  const uint32_t id_;
  asio::any_io_executor executor_;
  PacketIo io_;
  void ArmIdleTimer(absl::Duration after);

  asio::steady_timer idle_timer_;
  bool idle_timer_armed_ = false;
  bool idle_expired_ = false;
  bool waiting_ = false;  // blocked reading the next command
  bool closing_ = false;
  bool close_requested_ = false;  // KILL of this very connection
  std::chrono::steady_clock::time_point last_activity_;
  std::string client_address_;
  uint32_t capabilities_ = 0;
  uint16_t status_flags_ = 2;  // SERVER_STATUS_AUTOCOMMIT
  std::string nonce_;
  std::string user_;
  bool admin_ = false;  // UserCredentials::admin: sees and kills everyone
  std::string database_;
  std::vector<std::pair<std::string, std::string>> attributes_;
  std::unique_ptr<Session> session_;
  PacketRelay* relay_ = nullptr;  // session_->relay()
  absl::flat_hash_map<uint32_t, Statement> statements_;
  int open_streams_ = 0;  // statements with a `stream`
  uint32_t next_statement_id_ = 1;
  uint32_t last_statement_id_ = 0;

  // Adaptive hand-off (ServerOptions::inline_threshold).
  static constexpr int kInlineStreak = 16;
  asio::thread_pool* SessionPool() const {
    return inline_ ? nullptr : server_->workers.get();
  }
  void NoteCallTime(std::chrono::steady_clock::duration elapsed);
  bool inline_ = false;
  int fast_streak_ = 0;

  struct ProcessState {
    const char* command = "Connect";
    absl::string_view sql;  // into the running command's packet
    std::chrono::steady_clock::time_point since;
    std::string user;
    std::string db;
    std::shared_ptr<QueryCanceller> canceller;
    bool running = false;
    bool timed_out = false;
  };
  mutable absl::Mutex state_mu_;
  ProcessState state_ ABSL_GUARDED_BY(state_mu_);
  // KILL QUERY or the query timeout hit the running command (reset by
  // BeginCommand); a streamed fetch checks it between rows.
  std::atomic<bool> interrupted_{false};
};

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_CONNECTION_H_
