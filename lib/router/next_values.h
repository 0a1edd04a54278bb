// SELECT NEXT VALUE FROM seq / SELECT NEXT n VALUES FROM seq: ids from a
// Vitess-style sequence table, answered by the router with the sequence
// allocator (one column "nextval": the first of the n reserved ids).
#ifndef TESSERA_LIB_ROUTER_NEXT_VALUES_H_
#define TESSERA_LIB_ROUTER_NEXT_VALUES_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/vindex/query_executor.h"
#include "lib/vschema/sequence.h"
#include "lib/vschema/vschema.h"
#include "tessera/result.h"

namespace tessera::router {

struct NextValuesQuery {
  std::string keyspace;  // as written ("" when unqualified)
  std::string table;
  int64_t count = 1;
};

// Recognizes the statement (case-insensitive, optional trailing ';');
// nullopt for anything else. Errors: 1210 HY000 for a count < 1 or not a
// number.
absl::StatusOr<std::optional<NextValuesQuery>> ParseNextValues(
    absl::string_view sql);

// Reserves the ids. `keyspace` is the session's. Errors: 1146 42S02 for an
// unknown table, 1235 42000 when it is not a sequence, the allocator's.
absl::StatusOr<Result> RunNextValues(const NextValuesQuery& q,
                                     absl::string_view keyspace,
                                     const vschema::VSchema& vschema,
                                     vschema::SequenceAllocators& sequences,
                                     vindex::QueryExecutor* executor);

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_NEXT_VALUES_H_
