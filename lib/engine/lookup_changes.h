// LookupChanges: the owned lookup rows one UPDATE or DELETE changes,
// recorded so that they can be put back when a later step fails (the
// router has no transactions around them yet).
#ifndef TESSERA_LIB_ENGINE_LOOKUP_CHANGES_H_
#define TESSERA_LIB_ENGINE_LOOKUP_CHANGES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "lib/vindex/lookup_vindex.h"
#include "lib/vindex/query_executor.h"
#include "lib/vschema/owned_lookups.h"
#include "lib/vschema/vschema.h"

namespace tessera::engine {

class LookupChanges {
 public:
  explicit LookupChanges(vindex::QueryExecutor* executor)
      : executor_(executor) {}

  // DELETE: removes the lookup rows of every owned vindex of `table` for
  // each row (`before[i]` lives at `ksids[i]`). On error, what was removed
  // is put back and the error returned.
  absl::Status Remove(const vschema::Table& table,
                      absl::Span<const vschema::ColumnValues> before,
                      absl::Span<const std::string> ksids);

  // UPDATE: for each row and each owned vindex whose columns `after` sets
  // to other values, creates the new lookup row, then removes the old one
  // (so a duplicate unique value fails before anything is removed). On
  // error, earlier moves are undone and the error returned.
  absl::Status Move(const vschema::Table& table,
                    absl::Span<const vschema::ColumnValues> before,
                    const vschema::ColumnValues& after,
                    absl::Span<const std::string> ksids);

  // Best effort: reverts every recorded change, newest first.
  void Undo();

 private:
  struct Change {
    const vindex::LookupVindex* vindex;
    std::string ksid;
    vindex::Row removed;  // put back on Undo (when has_removed)
    vindex::Row added;    // deleted on Undo (when has_added)
    bool has_removed = false;
    bool has_added = false;
  };

  vindex::QueryExecutor* executor_;
  std::vector<Change> done_;
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_LOOKUP_CHANGES_H_
