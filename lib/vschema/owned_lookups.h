// Lookup-row maintenance for DML on an owner table.
//
// A table that owns lookup vindexes (the vindex's "owner") must keep their
// lookup tables in step with its rows: an INSERT creates lookup rows, a
// DELETE removes them, an UPDATE of a lookup column moves them. These
// helpers do that for every owned vindex of a table, given the rows' column
// values, through the executor the router passes in. Column names match
// case-insensitively, as MySQL's do.
#ifndef TESSERA_LIB_VSCHEMA_OWNED_LOOKUPS_H_
#define TESSERA_LIB_VSCHEMA_OWNED_LOOKUPS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "lib/vindex/query_executor.h"
#include "lib/vindex/value.h"
#include "lib/vschema/vschema.h"

namespace tessera::vschema {

// One row of the owner table: column name -> value. Columns the caller
// does not know (not in the statement) may be absent; a vindex whose
// columns are absent is an error for Create and skipped nowhere silently.
using ColumnValues = std::map<std::string, vindex::Value>;

// The owned lookup vindexes of `table`, in column_vindexes order.
std::vector<const ColumnVindexBinding*> OwnedLookups(const Table& table);

// INSERT: creates the lookup rows of each owned vindex for each row, which
// lands on `ksids[i]`. Errors: InvalidArgument when a row lacks a vindex
// column or the spans differ; the vindex's (1062 for a duplicate).
absl::Status CreateOwnedLookups(const Table& table,
                                absl::Span<const ColumnValues> rows,
                                absl::Span<const std::string> ksids,
                                vindex::QueryExecutor* executor);

// DELETE: removes each row's lookup rows. Same errors.
absl::Status DeleteOwnedLookups(const Table& table,
                                absl::Span<const ColumnValues> rows,
                                absl::Span<const std::string> ksids,
                                vindex::QueryExecutor* executor);

// UPDATE of one row that stays on `ksid`: moves the lookup rows of each
// owned vindex whose columns changed (`after` holds the new values of the
// updated columns only; others keep `before`'s).
absl::Status UpdateOwnedLookups(const Table& table, const ColumnValues& before,
                                const ColumnValues& after,
                                const std::string& ksid,
                                vindex::QueryExecutor* executor);

}  // namespace tessera::vschema

#endif  // TESSERA_LIB_VSCHEMA_OWNED_LOOKUPS_H_
