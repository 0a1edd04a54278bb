// Route: sends a query to the shards a routing decision names and returns
// their rows, merge-sorted when the plan orders them.
//
// Variants (names as Vitess users know them):
//   kUnsharded      the keyspace's only shard
//   kReference      any one shard (a table copied to every shard)
//   kEqualUnique    the shard owning vindex(value of `value_var`)
//   kEqual          the shards owning the keyspace ids a non-unique
//                   (lookup) vindex maps `value_var` to
//   kIn             the shards owning the values of list `value_var`;
//                   each shard's query sees only its own values in
//                   `value_var` (so "col IN ::value_var" stays exact)
//   kScatter        every shard of the keyspace
//   kByDestination  an explicit Destination (shards, key range, ids)
//   kNone           no shard: an empty result (fields from field_query,
//                   run on any shard, when one is given)
#ifndef TESSERA_LIB_ENGINE_ROUTE_H_
#define TESSERA_LIB_ENGINE_ROUTE_H_

#include <memory>
#include <string>
#include <vector>

#include "lib/engine/operator.h"
#include "lib/engine/order.h"

namespace tessera::engine {

enum class RouteVariant {
  kUnsharded,
  kReference,
  kEqualUnique,
  kEqual,
  kIn,
  kScatter,
  kByDestination,
  kNone,
};

absl::string_view RouteVariantName(RouteVariant v);

struct RouteSpec {
  RouteVariant variant = RouteVariant::kScatter;
  std::string keyspace;
  std::string query;        // with placeholders
  std::string field_query;  // for kNone: e.g. "select a, b from t where 1 != 1"
  Destination destination;  // for kByDestination
  std::shared_ptr<const VindexMapper> vindex;  // kEqualUnique, kEqual, kIn
  std::string value_var;                       // bind variable of the value(s)
  std::vector<OrderKey> order_by;  // merge-sort shard streams on these
  // Opt-in: a failing shard contributes no rows and one warning instead of
  // failing the statement (unless every shard fails). Shards are then
  // started one by one, so they overlap less.
  bool shard_errors_as_warnings = false;
};

class Route : public Operator {
 public:
  explicit Route(RouteSpec spec) : spec_(std::move(spec)) {}

  absl::StatusOr<std::unique_ptr<RowStream>> Open(
      ExecContext& ctx, const BindVars& bind_vars) const override;
  std::string Describe() const override;

  const RouteSpec& spec() const { return spec_; }

 private:
  // The shards to run on, and for kIn each shard's bind variables.
  struct Targets {
    std::vector<std::string> shards;
    std::vector<BindVars> per_shard_vars;  // empty unless kIn
  };
  absl::StatusOr<Targets> Resolve(ExecContext& ctx,
                                  const BindVars& bind_vars) const;
  absl::StatusOr<Targets> ResolveByValues(ExecContext& ctx,
                                          const BindVars& bind_vars) const;
  // Runs the queries one by one, turning shard errors into warnings.
  absl::StatusOr<std::vector<std::unique_ptr<RowStream>>> ExecuteTolerant(
      ExecContext& ctx, const std::vector<ShardQuery>& queries,
      uint16_t* failed) const;

  RouteSpec spec_;
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_ROUTE_H_
