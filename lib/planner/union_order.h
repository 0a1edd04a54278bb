// ORDER BY and LIMIT on a UNION whose parts run on different shards: the
// router sorts the union's rows. Keys name columns of the union (by
// position, or by the name of the first SELECT's column). Text must order
// by its collation, so every SELECT of the union also returns
// WEIGHT_STRING(RTRIM(item)) for the key columns as hidden trailing
// columns (equal values have equal weights, so UNION DISTINCT is not
// changed by them); the router drops them after sorting.
#ifndef TESSERA_LIB_PLANNER_UNION_ORDER_H_
#define TESSERA_LIB_PLANNER_UNION_ORDER_H_

#include <vector>

#include "absl/status/statusor.h"
#include "lib/engine/order.h"
#include "lib/sql/ast.h"

namespace tessera::planner {

struct UnionOrder {
  std::vector<engine::OrderKey> keys;  // over the union's rows
  int visible = 0;                     // the union's own columns
  int hidden = 0;                      // weight columns appended
};

// Resolves `s`'s ORDER BY and adds the weight columns to every SELECT of
// `s` (rewriting them). Errors: 1054 for an unknown column, 1222 for parts
// of different widths, 1235 for keys the router cannot order exactly (an
// expression, SELECT *, MIN/MAX or mixed aggregate and plain columns).
absl::StatusOr<UnionOrder> PrepareUnionOrder(sql::SetOp& s, sql::Arena& arena,
                                             absl::string_view text);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_UNION_ORDER_H_
