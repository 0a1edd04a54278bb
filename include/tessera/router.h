// The embedded router: the C++ entry point of libtessera.
//
//   tessera::RouterOptions options;
//   options.topo_url = "rocksdb:///var/lib/tessera/topo";
//   options.password = "...";
//   TESSERA_ASSIGN_OR_RETURN(auto router, tessera::Router::Create(options));
//   TESSERA_ASSIGN_OR_RETURN(auto session, router->NewSession("commerce"));
//   TESSERA_ASSIGN_OR_RETURN(
//       tessera::Result r,
//       router->Execute(*session, "SELECT name FROM customer WHERE id = ?",
//                       {tessera::BindValue::Int(42)}));
//
// Contract:
// - A query returns exactly what one MariaDB holding all the data would
//   return, or an error. Queries Tessera cannot run correctly across shards
//   fail with ER_NOT_SUPPORTED_YET (1235, 42000) and say why; they are never
//   answered approximately.
// - Errors are absl::Status values carrying the MySQL errno and SQLSTATE
//   (read them with tessera::ErrorCode()/ErrorSqlState() below). No C++
//   exception leaves this API.
// - Thread safety: a Router is thread-safe and meant to be shared by the
//   whole process. A Session belongs to one client: calls on the same Session
//   must not overlap; different Sessions may be used concurrently.
// - Lifetime: every Session must be destroyed before its Router. Destroying a
//   Session with an open transaction rolls it back.
#ifndef TESSERA_INCLUDE_TESSERA_ROUTER_H_
#define TESSERA_INCLUDE_TESSERA_ROUTER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "tessera/result.h"

namespace tessera {

// A value bound to a `?` placeholder (in order) when executing.
struct BindValue {
  enum class Kind : uint8_t {
    kNull,
    kInt,
    kUint,
    kDouble,
    kDecimal,
    kString,
    kBinary
  };
  Kind kind = Kind::kNull;
  // Decimal text for numbers, raw bytes for strings and binaries.
  std::string bytes;

  static BindValue Null() { return {}; }
  static BindValue Int(int64_t v) { return {Kind::kInt, std::to_string(v)}; }
  static BindValue Uint(uint64_t v) { return {Kind::kUint, std::to_string(v)}; }
  static BindValue Double(double v);
  // `text` must be a decimal literal such as "-12.50".
  static BindValue Decimal(std::string text) {
    return {Kind::kDecimal, std::move(text)};
  }
  static BindValue String(std::string s) {
    return {Kind::kString, std::move(s)};
  }
  static BindValue Binary(std::string b) {
    return {Kind::kBinary, std::move(b)};
  }
};

struct Warning {
  uint16_t code = 0;
  std::string level;  // "Note", "Warning", "Error"
  std::string message;
};

// Receives a result set row by row (Router::StreamExecute). Returning an
// error from a callback cancels the query and is returned to the caller.
class ResultSink {
 public:
  virtual ~ResultSink() = default;
  virtual absl::Status OnFields(const std::vector<Field>& fields) = 0;
  virtual absl::Status OnRow(Row row) = 0;
};

enum class TransactionMode {
  kSingle,  // a transaction touching a second shard fails
  kMulti,   // commit shard by shard; a partial failure names the shards
  kTwoPC,   // atomic two-phase commit across shards
};

// A shard's MariaDB server when no topology service is used.
struct ShardAddress {
  std::string keyspace;
  std::string shard;  // Vitess shard name: "-80", "80-", "-" (unsharded)
  std::string host = "127.0.0.1";
  int port = 3306;
  std::string tablet_type = "primary";  // or "replica", "rdonly"
};

struct BackendTlsOptions {
  bool enabled = false;
  std::string ca_file;
  std::string cert_file;  // client certificate (optional)
  std::string key_file;
  bool verify_server_certificate = true;
};

struct RouterOptions {
  // Either a topology service (keyspaces, shards, tablets and VSchemas are
  // read and watched there): "rocksdb:///path", "etcd://h:p,h:p/root",
  // "memory://"...
  std::string topo_url;
  std::string cell = "local";
  // ... or a static cluster: Vitess-format VSchema JSON for every keyspace
  // ({"keyspaces": {"ks": {...}}}) and the shards' addresses.
  std::string vschema_json;
  std::vector<ShardAddress> shards;

  // Credentials the router uses on the shards' MariaDB servers.
  std::string user = "root";
  std::string password;
  BackendTlsOptions tls;

  int max_connections_per_shard = 64;
  int64_t plan_cache_bytes = 32 << 20;
  // Limits on what one query may hold in router memory.
  uint64_t max_result_rows = 1'000'000;
  uint64_t max_result_bytes = 256ull << 20;
  int64_t query_timeout_ms = 0;  // 0: none
  TransactionMode transaction_mode = TransactionMode::kMulti;
};

// A client's state: target, transaction, session variables, last insert id,
// found rows, warnings. Created by Router::NewSession.
class Session {
 public:
  virtual ~Session() = default;
  // "ks", "ks:-80", "ks@replica"... as set by NewSession or USE.
  virtual std::string target() const = 0;
  virtual bool in_transaction() const = 0;
  virtual bool autocommit() const = 0;
  virtual uint64_t last_insert_id() const = 0;
  virtual uint64_t found_rows() const = 0;
  // Warnings of the last statement (SHOW WARNINGS returns them as well).
  virtual const std::vector<Warning>& warnings() const = 0;
};

class Router {
 public:
  static absl::StatusOr<std::unique_ptr<Router>> Create(
      const RouterOptions& options);
  virtual ~Router() = default;

  // `target` as in USE: "", "ks", "ks:-80", "ks@replica", "ks[<hex ksid>]".
  virtual absl::StatusOr<std::unique_ptr<Session>> NewSession(
      absl::string_view target) = 0;

  // Runs one statement (SELECT, DML, DDL, SET, USE, BEGIN/COMMIT/ROLLBACK,
  // SHOW ...). `params` bind the statement's `?` placeholders in order.
  virtual absl::StatusOr<Result> Execute(
      Session& session, absl::string_view sql,
      absl::Span<const BindValue> params = {}) = 0;

  // Like Execute, but rows go to `sink` as they arrive (bounded memory for
  // big results); the returned Result has no rows.
  virtual absl::StatusOr<Result> StreamExecute(
      Session& session, absl::string_view sql,
      absl::Span<const BindValue> params, ResultSink& sink) = 0;
};

// The MySQL errno / SQLSTATE carried by a status returned from this API
// (1105 / HY000 for errors without one; 0 / "00000" for OK).
uint16_t ErrorCode(const absl::Status& status);
std::string ErrorSqlState(const absl::Status& status);

}  // namespace tessera

#endif  // TESSERA_INCLUDE_TESSERA_ROUTER_H_
