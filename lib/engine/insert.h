// Insert: a multi-row INSERT split per shard. Each row's primary vindex
// value (a bind variable) maps to exactly one keyspace id, hence one
// shard; rows bound for the same shard travel in one statement
// `prefix + row, row, ... + suffix`. Shards run in parallel; affected
// rows add up. For an unsharded keyspace set `vindex` to null: all rows go
// to its only shard.
#ifndef TESSERA_LIB_ENGINE_INSERT_H_
#define TESSERA_LIB_ENGINE_INSERT_H_

#include <memory>
#include <string>
#include <vector>

#include "lib/engine/operator.h"

namespace tessera::engine {

struct InsertSpec {
  std::string keyspace;
  std::string prefix;             // "insert into t(id, name) values "
  std::vector<std::string> rows;  // "(:v0_0, :v0_1)" per row
  std::string suffix;             // "" or " on duplicate key update ..."
  std::shared_ptr<const VindexMapper> vindex;
  std::vector<std::string> row_value_vars;  // one bind variable per row
};

class Insert : public Operator {
 public:
  explicit Insert(InsertSpec spec) : spec_(std::move(spec)) {}

  // Errors: a NULL or missing vindex value, or one that maps to no or
  // several keyspace ids (1105 HY000 "could not map ... to a keyspace id").
  absl::StatusOr<std::unique_ptr<RowStream>> Open(
      ExecContext& ctx, const BindVars& bind_vars) const override;
  std::string Describe() const override;

 private:
  InsertSpec spec_;
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_INSERT_H_
