// MergeSort: one ordered stream from several streams each already ordered
// by the same keys (the shards ran the query with ORDER BY). Streaming:
// holds one row per input. Ties keep input order (stable by shard).
#ifndef TESSERA_LIB_ENGINE_MERGE_SORT_H_
#define TESSERA_LIB_ENGINE_MERGE_SORT_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/engine/order.h"
#include "lib/engine/row_stream.h"

namespace tessera::engine {

// ENUM keys compare by member position through `enums` (used during the
// call only). Errors: a key out of range of the first input's fields (1105),
// inputs with different column counts (1105), an ENUM key without `enums`
// (1235).
absl::StatusOr<std::unique_ptr<RowStream>> MergeSortStreams(
    std::vector<std::unique_ptr<RowStream>> inputs, std::vector<OrderKey> keys,
    EnumMembers* enums = nullptr);

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_MERGE_SORT_H_
