// Bind values: `?` placeholders of the public API substituted into SQL, and
// the normalizer's literals turned into engine bind variables.
#ifndef TESSERA_LIB_ROUTER_PARAMS_H_
#define TESSERA_LIB_ROUTER_PARAMS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/sql/normalize.h"
#include "lib/sqltypes/bind_vars.h"
#include "tessera/router.h"

namespace tessera::router {

// Replaces each `?` (outside strings, identifiers and comments) by the
// matching value as a SQL literal. Errors: 1210 HY000 when the counts differ.
absl::StatusOr<std::string> SubstituteParams(
    absl::string_view sql, absl::Span<const tessera::BindValue> params);

// The normalizer's values as engine bind variables.
absl::StatusOr<sqltypes::BindVars> ToBindVars(
    const std::vector<sql::BindValue>& binds);

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_PARAMS_H_
