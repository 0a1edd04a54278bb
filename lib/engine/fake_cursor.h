// A ShardCursor for unit tests: a ShardMap plus canned results per shard.
//
// Each Execute substitutes bind variables exactly as the real cursor does
// and looks up (keyspace/shard, final SQL) in the canned results; a missing
// entry is an error naming the query, so tests see what the engine sent.
// Every executed (shard, sql) pair is recorded in order (unless
// set_keep_log(false), for benchmarks). It has no connection pools, so a
// router running on it serves statements outside transactions only.
#ifndef TESSERA_LIB_ENGINE_FAKE_CURSOR_H_
#define TESSERA_LIB_ENGINE_FAKE_CURSOR_H_

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/engine/backend_cursor.h"
#include "lib/engine/shard_cursor.h"
#include "lib/engine/shard_map.h"

namespace tessera::engine {

class FakeCursor : public BackendCursor {
 public:
  ShardMap& shard_map() { return map_; }

  // Canned result for `sql` (after substitution) on keyspace/shard.
  void Set(const std::string& keyspace, const std::string& shard,
           const std::string& sql, absl::StatusOr<Result> result);
  // Fallback for anything not Set: called with ("ks/shard", sql).
  void SetHandler(std::function<absl::StatusOr<Result>(const std::string&,
                                                       const std::string&)>
                      handler) {
    handler_ = std::move(handler);
  }

  absl::StatusOr<std::vector<std::string>> ResolveShards(
      absl::string_view keyspace, const Destination& dest) override {
    return map_.Resolve(keyspace, dest);
  }
  absl::StatusOr<std::vector<std::unique_ptr<RowStream>>> Execute(
      const std::vector<ShardQuery>& queries) override;

  mysql::Pool* pool(absl::string_view, absl::string_view) override {
    return nullptr;
  }

  // "ks/shard: sql" for every query executed so far.
  const std::vector<std::string>& log() const { return log_; }
  void ClearLog() { log_.clear(); }
  void set_keep_log(bool keep) { keep_log_ = keep; }

 private:
  ShardMap map_;
  std::map<std::pair<std::string, std::string>, absl::StatusOr<Result>>
      results_;
  std::function<absl::StatusOr<Result>(const std::string&, const std::string&)>
      handler_;
  std::vector<std::string> log_;
  bool keep_log_ = true;
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_FAKE_CURSOR_H_
