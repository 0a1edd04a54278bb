// The seam between the MySQL protocol server and whatever answers queries
// (the router, or the gateway's passthrough session to one MariaDB).
//
// The server owns one Session per client connection and calls it from one
// thread at a time (never concurrently), on a worker thread where blocking
// I/O is allowed. A Session never sees packets: it gets SQL text and typed
// parameters and returns results in text form (include/tessera/result.h);
// the server encodes them in the text or binary protocol.
//
// Errors are absl::Status values carrying a MySQL errno/SQLSTATE
// (lib/base/mysql_error.h); they reach the client as ERR packets.
#ifndef TESSERA_LIB_MYSQL_SESSION_H_
#define TESSERA_LIB_MYSQL_SESSION_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/mysql/binary_protocol.h"
#include "tessera/result.h"

namespace tessera::mysql {

// Session state a command changed, reported to clients that negotiated
// CLIENT_SESSION_TRACK in the OK packet that ends the command (MySQL's
// session state trackers; libmariadb's mysql_session_track_get_first).
struct SessionStateChanges {
  // SESSION_TRACK_SCHEMA: the new default database.
  std::optional<std::string> schema;
  // SESSION_TRACK_SYSTEM_VARIABLES: name (lower case, no @@/scope) and new
  // value as the server shows it, in the order they were set; a later
  // entry for the same name wins.
  std::vector<std::pair<std::string, std::string>> system_variables;
  // SESSION_TRACK_STATE_CHANGE: some session state changed.
  bool state_changed = false;

  bool empty() const {
    return !schema.has_value() && system_variables.empty() && !state_changed;
  }
  // Adds `later`'s changes after these (a later value of a variable
  // replaces an earlier one).
  void Merge(const SessionStateChanges& later);
  // Sets `name` to `value`, replacing an earlier value of `name`.
  void SetVariable(absl::string_view name, absl::string_view value);
};

class PacketRelay;  // lib/mysql/relay.h

// The results of one COM_QUERY or COM_STMT_EXECUTE: one Result per statement
// that succeeded, in order, then `error` if a statement failed (the
// statements after it are not run, as in MySQL).
struct QueryResult {
  std::vector<Result> results;
  absl::Status error;
  // SERVER_STATUS_IN_TRANS / SERVER_STATUS_AUTOCOMMIT after the statements.
  uint16_t status_flags = 2;
  // What the statements changed; sent with the last OK packet when the
  // client asked for session tracking (SessionContext::session_tracking).
  SessionStateChanges session_state;
};

struct QueryOptions {
  bool multi_statements = false;  // CLIENT_MULTI_STATEMENTS is on
  // LOAD DATA LOCAL INFILE: the content of the file the client sent (the
  // statement names it; the session must read only this data, never a
  // local file). Null for other statements.
  const std::string* local_infile = nullptr;
};

struct PrepareInfo {
  size_t num_params = 0;
  // Result columns if known at prepare time (may be empty; the server then
  // sends the metadata with each execution).
  std::vector<Field> columns;
};

// What the server knows about the client when it creates a session.
struct SessionContext {
  uint32_t connection_id = 0;
  std::string user;
  std::string client_address;  // IP without port
  std::string database;        // from the handshake or COM_CHANGE_USER
  bool secure_transport = false;
  std::vector<std::string> allowed_keyspaces;  // empty: all
  std::vector<std::pair<std::string, std::string>> attributes;
  // The client negotiated CLIENT_SESSION_TRACK: the session should fill
  // QueryResult::session_state (others may leave it empty).
  bool session_tracking = false;
};

// Interrupts the statement a Session is running, from another thread
// (KILL QUERY, the server's query timeout).
class QueryCanceller {
 public:
  virtual ~QueryCanceller() = default;
  // Thread-safe; may block briefly (e.g. to send KILL QUERY to a backend).
  // The running call then fails soon with 1317 (70100); nothing happens when
  // no call is running.
  virtual void Cancel() = 0;
};

class Session {
 public:
  virtual ~Session() = default;

  // The session's canceller, or null if its statements cannot be
  // interrupted (KILL QUERY then only takes effect when they end).
  virtual std::shared_ptr<QueryCanceller> canceller() { return nullptr; }
  // Whether Query() can run LOAD DATA LOCAL INFILE with the file's content
  // in QueryOptions::local_infile; if not the server refuses it (1235)
  // before asking the client for the file.
  virtual bool SupportsLocalInfile() const { return false; }
  // Non-null for a session whose commands the server forwards as packets
  // (lib/mysql/relay.h); the typed calls below are then not used.
  virtual PacketRelay* relay() { return nullptr; }

  // COM_QUERY. `sql` may hold several statements if options allow it.
  virtual QueryResult Query(absl::string_view sql,
                            const QueryOptions& options) = 0;
  // COM_STMT_PREPARE. Errors are returned for statements that cannot be
  // prepared (syntax, unknown table).
  virtual absl::StatusOr<PrepareInfo> Prepare(absl::string_view sql) = 0;
  // COM_STMT_EXECUTE of a statement prepared by this session.
  virtual QueryResult Execute(absl::string_view sql,
                              absl::Span<const ParamValue> params) = 0;
  // COM_INIT_DB. Errors: 1049 unknown database, 1044 access denied.
  virtual absl::Status InitDb(absl::string_view database) = 0;
  // COM_RESET_CONNECTION: forget session state (variables, temporary
  // tables, open transaction is rolled back).
  virtual absl::Status Reset() = 0;
  // COM_PING: fails if the session can no longer serve queries.
  virtual absl::Status Ping() { return absl::OkStatus(); }
};

// Creates sessions; shared by all connections, so it must be thread-safe.
class SessionFactory {
 public:
  virtual ~SessionFactory() = default;
  // Errors (e.g. 1049 unknown database, 1044 no access) refuse the login.
  virtual absl::StatusOr<std::unique_ptr<Session>> Create(
      const SessionContext& context) = 0;
};

// The credentials of one user as the server needs them for a login.
struct UserCredentials {
  std::string user;
  // SHA1(SHA1(password)) if the user may use mysql_native_password.
  std::optional<std::string> native_stage2;
  // True if the user may use caching_sha2_password.
  bool sha2 = false;
  // SHA256(SHA256(password)) if a full-path login filled the cache.
  std::optional<std::string> sha2_cached_stage2;
  std::vector<std::string> allowed_keyspaces;  // empty: all
  // If set, the client must present a TLS client certificate that verified
  // against the server's CA and whose subject, in OpenSSL's one-line form
  // ("/C=../O=../CN=.."), is exactly this (MySQL's REQUIRE SUBJECT); the
  // password is checked as well, unless `certificate_only`.
  std::optional<std::string> required_x509_subject;
  // The user has no password: the verified certificate with
  // `required_x509_subject` alone logs it in, and the client must send an
  // empty password (a non-empty one gets 1045, as for a MySQL account with
  // an empty password). Only meaningful with required_x509_subject.
  bool certificate_only = false;
  // May list (SHOW PROCESSLIST) and KILL every user's connections; others
  // see and kill only their own user's (1095 otherwise).
  bool admin = false;
};

// Looks users up and checks full-path passwords; thread-safe.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // Refuses a source address that failed too often (1129 HY000) before any
  // credentials are read.
  virtual absl::Status CheckSource(absl::string_view client_address) = 0;
  // NotFound / PermissionDenied if the user does not exist or may not log
  // in from `client_address`.
  virtual absl::StatusOr<UserCredentials> Lookup(
      absl::string_view user, absl::string_view client_address) = 0;
  // caching_sha2_password full path: checks `password`; on success the
  // implementation may cache SHA256(SHA256(password)) for the fast path.
  virtual bool VerifyPassword(absl::string_view user,
                              absl::string_view password) = 0;
  // Called once per finished login attempt.
  virtual void RecordLogin(absl::string_view client_address, bool success) = 0;
};

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_SESSION_H_
