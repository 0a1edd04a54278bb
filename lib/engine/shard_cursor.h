// The seam between the engine and the shards.
//
// Operators never open connections: they ask a ShardCursor to resolve
// where a query goes and to run queries on shards. The router implements
// it over its topology cache and connection pools (mysql_cursor.h is the
// implementation over libmariadb pools); unit tests use a fake.
#ifndef TESSERA_LIB_ENGINE_SHARD_CURSOR_H_
#define TESSERA_LIB_ENGINE_SHARD_CURSOR_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/engine/row_stream.h"
#include "lib/sqltypes/bind_vars.h"
#include "lib/sqltypes/value.h"

namespace tessera::vindex {
class QueryExecutor;
}  // namespace tessera::vindex

namespace tessera::engine {

using sqltypes::BindVariable;
using sqltypes::BindVars;
using sqltypes::TypedValue;

// Where a query should run within a keyspace, before resolution to shards.
// Keyspace ids and key-range bounds are raw bytes (e.g. 8 bytes of hash).
struct Destination {
  enum class Type {
    kAllShards,    // every shard of the keyspace (scatter; unsharded: its one)
    kAnyShard,     // one shard, any (reference tables, field queries)
    kShards,       // the named shards
    kKeyRange,     // shards overlapping [start, end); "" = unbounded
    kKeyspaceIds,  // the shards owning these keyspace ids
    kNone,         // nowhere
  };
  Type type = Type::kAllShards;
  std::vector<std::string> shards;        // kShards
  std::string start, end;                 // kKeyRange
  std::vector<std::string> keyspace_ids;  // kKeyspaceIds

  static Destination AllShards() { return {}; }
  static Destination AnyShard() { return {Type::kAnyShard}; }
  static Destination None() { return {Type::kNone}; }
  static Destination Shards(std::vector<std::string> s) {
    return {Type::kShards, std::move(s)};
  }
  static Destination KeyRange(std::string start, std::string end) {
    return {Type::kKeyRange, {}, std::move(start), std::move(end)};
  }
  static Destination KeyspaceIds(std::vector<std::string> ids) {
    return {Type::kKeyspaceIds, {}, "", "", std::move(ids)};
  }
};

// One query for one shard. `sql` has bind-variable placeholders; the cursor
// substitutes `*bind_vars` (which must outlive only the Execute call).
struct ShardQuery {
  std::string keyspace;
  std::string shard;
  std::string sql;
  const BindVars* bind_vars = nullptr;
  // Session variables for this statement only, "a=1, b='x'" (MariaDB
  // SET STATEMENT ... FOR); null or empty for none. Set by the router's
  // session cursor, not by operators; must outlive the Execute call.
  const std::string* statement_vars = nullptr;
};

class ShardCursor {
 public:
  virtual ~ShardCursor() = default;

  // The shards of `keyspace` that `dest` covers, in key order, without
  // duplicates. Errors: unknown keyspace (1049 42000), unknown shard.
  virtual absl::StatusOr<std::vector<std::string>> ResolveShards(
      absl::string_view keyspace, const Destination& dest) = 0;

  // Starts every query and returns one stream per query in the same order.
  // Implementations send all queries before returning so that shards work
  // in parallel; the caller may interleave Next() calls across streams.
  // An error from a shard names the shard ("shard ks/-80: ...") and keeps
  // its MySQL errno.
  virtual absl::StatusOr<std::vector<std::unique_ptr<RowStream>>> Execute(
      const std::vector<ShardQuery>& queries) = 0;
};

// Maps a column value to keyspace ids through a vindex (implemented by
// the planner over lib/vindex). An empty result means "no row can match".
// Must be thread-safe: plans are shared between sessions.
class VindexMapper {
 public:
  virtual ~VindexMapper() = default;
  virtual absl::StatusOr<std::vector<std::string>> Map(
      const TypedValue& value) const = 0;
  // Map with a query executor, for vindexes that read a lookup table
  // (`executor` may be null for functional ones). Defaults to Map(value).
  virtual absl::StatusOr<std::vector<std::string>> MapWith(
      const TypedValue& value, vindex::QueryExecutor* executor) const {
    (void)executor;
    return Map(value);
  }
  virtual std::string name() const = 0;
};

// `status` with its message prefixed by "shard <keyspace>/<shard>: " and
// its payloads (MySQL errno, SQLSTATE) kept.
absl::Status AnnotateShardError(const absl::Status& status,
                                absl::string_view keyspace,
                                absl::string_view shard);

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_SHARD_CURSOR_H_
