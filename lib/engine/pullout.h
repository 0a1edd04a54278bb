// PulloutSubquery: runs an uncorrelated subquery once, binds its result,
// then runs the outer query with it (the planner replaced the subquery by
// bind variables).
//   kValue   scalar subquery -> `var` = its one value (NULL when no row);
//            error 1242 (21000) for more than one row
//   kIn      `x IN (subquery)` -> `var` = list of its values (one NULL
//            when empty, so "::var" stays valid SQL) and `has_values_var`
//            = 1 or 0; the planner wrote "(:has and x in ::var)" or
//            "(not :has or x not in ::var)" so an empty result gives
//            false/true as MariaDB does
//   kExists  EXISTS (subquery) -> `var` = 1 or 0 (reads one row)
// A subquery with more than one column is error 1241 (21000). The kIn
// values are held in memory within ExecContext::limits.
#ifndef TESSERA_LIB_ENGINE_PULLOUT_H_
#define TESSERA_LIB_ENGINE_PULLOUT_H_

#include <string>
#include <vector>

#include "lib/engine/operator.h"

namespace tessera::engine {

enum class PulloutKind { kValue, kIn, kExists };

struct PulloutSpec {
  PulloutKind kind = PulloutKind::kValue;
  OperatorPtr subquery;
  OperatorPtr outer;
  std::string var;
  std::string has_values_var;  // kIn
};

class PulloutSubquery : public Operator {
 public:
  explicit PulloutSubquery(PulloutSpec spec) : spec_(std::move(spec)) {}

  absl::StatusOr<std::unique_ptr<RowStream>> Open(
      ExecContext& ctx, const BindVars& bind_vars) const override;
  std::string Describe() const override;
  std::vector<const Operator*> inputs() const override {
    return {spec_.subquery.get(), spec_.outer.get()};
  }

 private:
  // Adds the subquery's result to `vars`.
  absl::Status Bind(ExecContext& ctx, BindVars& vars) const;

  PulloutSpec spec_;
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_PULLOUT_H_
