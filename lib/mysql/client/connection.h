// One client connection to a MariaDB/MySQL server over libmariadb.
//
// Queries run in two steps so several shards can work at once: Send()
// writes the query and returns without waiting; ReadResult() waits for the
// answer and returns a ResultStream. Streaming results (mysql_use_result)
// hold the connection until the stream is done or destroyed; a buffered
// result (mysql_store_result) is read at once and leaves the connection
// free for the next statement while the stream is still being read.
//
// Thread safety: a BackendConnection is used by one thread at a time. Errors
// carry the server's errno and SQLSTATE (lib/base/mysql_error.h); client
// errors (2002 can't connect, 2006 gone away, 2013 lost) mark the
// connection broken.
#ifndef TESSERA_LIB_MYSQL_CLIENT_CONNECTION_H_
#define TESSERA_LIB_MYSQL_CLIENT_CONNECTION_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "tessera/result.h"

typedef struct st_mysql MYSQL;
typedef struct st_mysql_res MYSQL_RES;

namespace tessera::mysql {

struct BackendTlsConfig {
  bool enabled = false;  // use TLS
  bool require = false;  // fail if the server does not offer TLS
  bool verify_server_cert = true;
  std::string ca_file;    // PEM CA bundle to verify the server
  std::string cert_file;  // client certificate (optional)
  std::string key_file;   // client key (optional)
};

struct ConnectOptions {
  std::string host = "127.0.0.1";
  int port = 3306;
  std::string user;
  std::string password;
  std::string database;  // "" = none
  absl::Duration connect_timeout = absl::Seconds(5);
  // Socket read/write timeouts: a backstop against a hung server.
  absl::Duration read_timeout = absl::Seconds(60);
  absl::Duration write_timeout = absl::Seconds(60);
  BackendTlsConfig tls;
};

class BackendConnection;

// The file BackendConnection::ExecuteLocalInfile serves (libmariadb's
// local infile callbacks read it; `armed` only during that call).
struct LocalInfileSource {
  bool armed = false;
  absl::string_view data;
  size_t pos = 0;
};

// The result of one statement: a row stream, or for statements without a
// result set only the counts. Destroying a stream before its end reads
// and discards the remaining rows (the connection stays usable).
class ResultStream {
 public:
  ~ResultStream();
  ResultStream(const ResultStream&) = delete;
  ResultStream& operator=(const ResultStream&) = delete;

  const std::vector<Field>& fields() const { return fields_; }
  // Next row, or false at the end. Errors: a server error in mid-result
  // (e.g. 1969 statement timeout, 1317 interrupted), a lost connection.
  absl::StatusOr<bool> Next(Row* row);

  uint64_t affected_rows() const { return affected_rows_; }
  uint64_t last_insert_id() const { return last_insert_id_; }
  uint16_t warnings() const { return warnings_; }

 private:
  friend class BackendConnection;
  ResultStream(BackendConnection* conn, MYSQL_RES* res, bool buffered);

  // Used only while streaming; a buffered stream may outlive its
  // connection's next statements (not the connection itself).
  BackendConnection* conn_;
  MYSQL_RES* res_;  // null for statements without a result set
  bool buffered_;
  bool done_ = false;
  std::vector<Field> fields_;
  uint64_t affected_rows_ = 0;
  uint64_t last_insert_id_ = 0;
  uint16_t warnings_ = 0;
};

class BackendConnection {
 public:
  // Connects (TCP; TLS when asked). Errors: the server's (1045 access
  // denied, 1049 unknown database) or the client's (2002/2003 can't
  // connect, 2026 TLS).
  static absl::StatusOr<std::unique_ptr<BackendConnection>> Connect(
      const ConnectOptions& options);
  ~BackendConnection();
  BackendConnection(const BackendConnection&) = delete;
  BackendConnection& operator=(const BackendConnection&) = delete;

  // Writes a query. The connection must be idle.
  absl::Status Send(absl::string_view sql);
  // Waits for the answer to Send(). `streaming` reads rows lazily.
  absl::StatusOr<std::unique_ptr<ResultStream>> ReadResult(bool streaming);
  // Send + ReadResult(buffered) + collect every row.
  absl::StatusOr<Result> Execute(absl::string_view sql);
  // Runs `sql`, a LOAD DATA LOCAL INFILE, serving `data` as the file
  // whatever name the server asks for; Result::info holds the server's
  // "Records: ..." line. At any other time a file request from the server
  // fails (the connection never reads a file of its host). `data` must
  // stay alive during the call.
  absl::StatusOr<Result> ExecuteLocalInfile(absl::string_view sql,
                                            absl::string_view data);

  // Round trip to check the connection. Marks it broken on failure.
  absl::Status Ping();

  // The server's id for this connection (for KILL QUERY).
  uint64_t thread_id() const;
  // True when the session's sql_mode has NO_BACKSLASH_ESCAPES.
  bool no_backslash_escapes() const;
  // Whether the link is encrypted, and with which cipher ("" if not).
  std::string tls_cipher() const;

  bool broken() const { return broken_; }
  // True when no query is in flight and no stream is open.
  bool idle() const { return state_ == State::kIdle; }

  absl::Time last_used() const { return last_used_; }
  void set_last_used(absl::Time t) { last_used_ = t; }

 private:
  friend class ResultStream;
  enum class State { kIdle, kSent, kStreaming };

  explicit BackendConnection(MYSQL* mysql) : mysql_(mysql) {}
  absl::Status Error(absl::string_view what);
  void StreamDone() { state_ = State::kIdle; }

  MYSQL* mysql_;
  LocalInfileSource local_infile_;
  State state_ = State::kIdle;
  bool broken_ = false;
  absl::Time last_used_ = absl::Now();
};

// Builds a Field from libmariadb's column description.
Field FieldFromMysql(const void* mysql_field);

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_CLIENT_CONNECTION_H_
