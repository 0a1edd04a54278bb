// Lookup vindexes: the keyspace id of a value is stored in a lookup table
// (`table` with columns `from...` -> `to`), maintained by the owner table's
// INSERT/UPDATE/DELETE through Create/Delete/Update.
//
// Params (Vitess names): table (required; "t" or "keyspace.t"), from
// (required; comma-separated columns), to (required), ignore_nulls,
// autocommit, write_only, no_verify (all boolean); batch_lookup, read_lock
// and multi_shard_autocommit are accepted and ignored.
//
// All queries go through the QueryExecutor passed in; see each method for
// the ExecMode it uses. Thread safety: as Vindex. SetOwner is called only
// while the vschema is being built, before the vindex is shared.
#ifndef TESSERA_LIB_VINDEX_LOOKUP_VINDEX_H_
#define TESSERA_LIB_VINDEX_LOOKUP_VINDEX_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lib/vindex/vindex.h"

namespace tessera::vindex {

struct LookupParams {
  std::string table;
  std::vector<std::string> from;
  std::string to;
  bool ignore_nulls = false;
  bool autocommit = false;
  bool write_only = false;
  bool no_verify = false;
};

// Parses and checks the params above. Errors: InvalidArgument naming the
// vindex and the param (missing, unknown, not an identifier, not boolean).
absl::StatusOr<LookupParams> ParseLookupParams(const VindexSpec& spec);

class LookupVindex : public Vindex {
 public:
  const LookupParams& params() const { return params_; }
  const std::string& owner() const { return owner_; }
  int column_count() const override {
    return static_cast<int>(params_.from.size());
  }
  bool needs_lookup() const override { return true; }
  LookupVindex* AsLookup() override { return this; }
  const LookupVindex* AsLookup() const override { return this; }

  // Records the owner table (as qualified in the vschema) and its columns
  // that feed `from`, in order. Consistent lookups need them to check
  // whether a conflicting lookup row is still backed by an owner row.
  void SetOwner(std::string table, std::vector<std::string> columns) {
    owner_table_ = std::move(table);
    owner_columns_ = std::move(columns);
  }

  // Selects `to` for each row (a prefix of `from` is enough): one query per
  // non-NULL row. write_only vindexes map every row to the full key range.
  absl::StatusOr<std::vector<Destination>> Map(
      absl::Span<const Row> rows, QueryExecutor* executor) const override;

  // Whether the lookup table holds each (row, ksid) pair; always true for
  // write_only and no_verify vindexes.
  absl::StatusOr<std::vector<bool>> Verify(
      absl::Span<const Row> rows, absl::Span<const std::string> ksids,
      QueryExecutor* executor) const override;

  // Inserts one lookup row per (row, ksid). Rows with a NULL are skipped
  // when ignore_nulls. `ignore_duplicates` turns duplicates into no-ops.
  // Errors: the executor's (1062 duplicate entry for a unique vindex).
  virtual absl::Status Create(absl::Span<const Row> rows,
                              absl::Span<const std::string> ksids,
                              bool ignore_duplicates,
                              QueryExecutor* executor) const = 0;
  // Deletes the lookup rows (row, ksid) for each row.
  virtual absl::Status Delete(absl::Span<const Row> rows,
                              const std::string& ksid,
                              QueryExecutor* executor) const = 0;
  // Moves one owner row's lookup entry from `old_row` to `new_row`.
  virtual absl::Status Update(const Row& old_row, const std::string& ksid,
                              const Row& new_row,
                              QueryExecutor* executor) const = 0;

 protected:
  LookupVindex(const VindexSpec& spec, LookupParams params)
      : Vindex(spec.name), params_(std::move(params)), owner_(spec.owner) {}

  // The mode for reads (Map/Verify).
  virtual ExecMode read_mode() const { return ExecMode::kSession; }

  // Query builders shared by the implementations.
  BoundQuery SelectTo(const Row& row, bool for_update) const;
  BoundQuery Insert(absl::Span<const Row> rows,
                    absl::Span<const std::string> ksids, bool ignore) const;
  BoundQuery DeleteRow(const Row& row, const std::string& ksid) const;
  BoundQuery UpdateTo(const Row& row, const std::string& ksid) const;
  // "select c1 from owner where c1 = ? and ... for update", run on the
  // shard of `ksid`. Errors: FailedPrecondition when SetOwner was not called.
  absl::StatusOr<BoundQuery> SelectOwner(const Row& row,
                                         const std::string& ksid) const;
  // Checks that each row has column_count() values and that the spans
  // match. Errors: InvalidArgument.
  absl::Status CheckRows(absl::Span<const Row> rows, size_t ksids) const;
  bool SkipRow(const Row& row) const;
  // The rows (and their keyspace ids) that get lookup entries: all but
  // those SkipRow drops.
  void KeptRows(absl::Span<const Row> rows, absl::Span<const std::string> ksids,
                std::vector<Row>* kept,
                std::vector<std::string>* kept_ids) const;
  absl::Status NeedExecutor(QueryExecutor* executor) const;

  std::string owner_table_;
  std::vector<std::string> owner_columns_;

 private:
  LookupParams params_;
  std::string owner_;
};

}  // namespace tessera::vindex

#endif  // TESSERA_LIB_VINDEX_LOOKUP_VINDEX_H_
