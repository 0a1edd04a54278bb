// Dml: UPDATE or DELETE on the shards a Route selects; affected rows add
// up across shards. A statement that must not touch several shards (one
// with LIMIT, as MySQL cannot apply a LIMIT across shards) is refused when
// it resolves to more than one shard.
//
// Options:
// - `replicated`: the table is copied on every shard (a reference table);
//   the statement runs on all of them and reports one shard's count.
// - `lookups`: the table owns lookup vindex rows. Before the statement
//   runs, the rows it will touch are read (`select_query`: the primary
//   vindex column, then the owned lookup columns, same WHERE, FOR UPDATE)
//   on the same shards; a DELETE removes their lookup rows, an UPDATE
//   moves those whose lookup columns it sets (`set`: column -> bind
//   variable of the new value, "" for NULL). The statement then runs on
//   the shards holding the rows read (none: nothing runs), since its own
//   routing may depend on the lookup rows just changed.
#ifndef TESSERA_LIB_ENGINE_DML_H_
#define TESSERA_LIB_ENGINE_DML_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "lib/engine/operator.h"
#include "lib/engine/route.h"

namespace tessera::vschema {
struct Table;
}  // namespace tessera::vschema

namespace tessera::engine {

class LookupChanges;

enum class DmlKind { kUpdate, kDelete };

struct DmlLookups {
  const vschema::Table* table = nullptr;
  std::string select_query;
  std::vector<std::string> columns;  // selected after the primary column
  std::shared_ptr<const VindexMapper> primary;
  std::vector<std::pair<std::string, std::string>> set;
};

struct DmlOptions {
  bool single_shard_only = false;
  bool replicated = false;
  std::shared_ptr<const DmlLookups> lookups;
};

class Dml : public Operator {
 public:
  Dml(DmlKind kind, RouteSpec route, bool single_shard_only)
      : Dml(kind, std::move(route),
            DmlOptions{single_shard_only, false, nullptr}) {}
  Dml(DmlKind kind, RouteSpec route, DmlOptions options);

  // Errors: 1235 42000 when single_shard_only and several shards match;
  // lookup-vindex errors (1062 when an UPDATE moves a unique value onto one
  // that exists).
  absl::StatusOr<std::unique_ptr<RowStream>> Open(
      ExecContext& ctx, const BindVars& bind_vars) const override;
  std::string Describe() const override;

 private:
  // Reads the rows, fixes their lookup rows, and returns each row's
  // keyspace id in `row_ksids`.
  absl::Status MaintainLookups(ExecContext& ctx, const BindVars& bind_vars,
                               LookupChanges& changes,
                               std::vector<std::string>* row_ksids) const;

  DmlKind kind_;
  Route route_;
  DmlOptions options_;
  std::unique_ptr<Route> select_;  // lookups only
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_DML_H_
