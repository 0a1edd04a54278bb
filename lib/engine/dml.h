// Dml: UPDATE or DELETE on the shards a Route selects; affected rows add
// up across shards. A statement that must not touch several shards (one
// with LIMIT, as MySQL cannot apply a LIMIT across shards) is refused when
// it resolves to more than one shard.
#ifndef TESSERA_LIB_ENGINE_DML_H_
#define TESSERA_LIB_ENGINE_DML_H_

#include <string>

#include "lib/engine/operator.h"
#include "lib/engine/route.h"

namespace tessera::engine {

enum class DmlKind { kUpdate, kDelete };

class Dml : public Operator {
 public:
  Dml(DmlKind kind, RouteSpec route, bool single_shard_only)
      : kind_(kind),
        route_(std::move(route)),
        single_only_(single_shard_only) {}

  // Errors: 1235 42000 when single_shard_only and several shards match.
  absl::StatusOr<std::unique_ptr<RowStream>> Open(
      ExecContext& ctx, const BindVars& bind_vars) const override;
  std::string Describe() const override;

 private:
  DmlKind kind_;
  Route route_;
  bool single_only_;
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_DML_H_
