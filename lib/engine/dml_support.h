// Helpers shared by the write operators (Insert, Dml): values for lookup
// vindexes, reading a whole input, and adjusting a result's counts.
#ifndef TESSERA_LIB_ENGINE_DML_SUPPORT_H_
#define TESSERA_LIB_ENGINE_DML_SUPPORT_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/engine/operator.h"
#include "lib/engine/row_stream.h"
#include "lib/vindex/value.h"

namespace tessera::engine {

// The vindex's view of a bind-variable value.
vindex::Value ToVindexValue(const TypedValue& v);

// A result cell with its column's type as a bind-variable value.
TypedValue CellValue(const Value& cell, const Field& field);

// Every row of `stream`, within ctx.limits' in-memory bounds (1041 HY000
// beyond); `what` names the holder in that error.
absl::StatusOr<std::vector<Row>> ReadAllRows(RowStream& stream,
                                             const ExecContext& ctx,
                                             const char* what);

// `in` with its affected rows and/or insert id replaced.
std::unique_ptr<RowStream> WithCounts(std::unique_ptr<RowStream> in,
                                      std::optional<uint64_t> affected_rows,
                                      std::optional<uint64_t> insert_id);

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_DML_SUPPORT_H_
