// Insert: a multi-row INSERT split per shard. Each row's primary vindex
// value (a bind variable) maps to exactly one keyspace id, hence one
// shard; rows bound for the same shard travel in one statement
// `prefix + row, row, ... + suffix`. Shards run in parallel; affected
// rows add up. For an unsharded keyspace set `vindex` to null: all rows go
// to its only shard.
//
// Before routing, the operator can fill in values the router must know:
// - "filled" cells: for row i and column c the bind variable
//   CellVar(i, c) is set from the statement's own variable (or NULL), so
//   the row text refers to CellVar(i, c) and the router can read it;
// - auto_increment through a sequence: a NULL in `sequence_column` is
//   replaced by the next id of `sequence` (ids reserved in one block per
//   statement); the first generated id becomes the result's insert id;
// - owned lookup vindexes of `owner`: their lookup rows are created
//   before the rows are inserted (and removed again, best effort, for the
//   rows of a shard whose insert fails);
// - INSERT ... SELECT: with `input` set, the rows come from that operator
//   (read fully, within the memory limits) instead of `rows`.
// With `replicate`, every row goes to every shard (reference tables); the
// affected rows are those of one shard.
#ifndef TESSERA_LIB_ENGINE_INSERT_H_
#define TESSERA_LIB_ENGINE_INSERT_H_

#include <memory>
#include <string>
#include <vector>

#include "lib/engine/operator.h"

namespace tessera::vschema {
struct Table;
}  // namespace tessera::vschema

namespace tessera::engine {

struct InsertSpec {
  std::string keyspace;
  std::string prefix;             // "insert into t(id, name) values "
  std::vector<std::string> rows;  // "(:v0_0, :v0_1)" per row
  std::string suffix;             // "" or " on duplicate key update ..."
  std::shared_ptr<const VindexMapper> vindex;
  std::vector<std::string> row_value_vars;  // one bind variable per row

  // Column names of the insert's column list (for owned lookups and
  // input rows).
  std::vector<std::string> columns;
  // Where the vindex value is when rows are filled or come from `input`:
  // a column position (row_value_vars is then ignored); -1: use
  // row_value_vars.
  int vindex_column = -1;
  // Column positions filled from cell_sources[row][k] (k indexes
  // filled_columns); a source is a bind variable name, "" for NULL.
  std::vector<int> filled_columns;
  std::vector<std::vector<std::string>> cell_sources;
  // auto_increment: the column position (a filled column, or any column
  // of input rows) and the sequence table as the executor sees it.
  int sequence_column = -1;
  std::string sequence;
  // The table whose owned lookup vindexes get rows; null: none.
  const vschema::Table* owner = nullptr;
  // INSERT ... SELECT: rows come from here, one column per `columns`.
  OperatorPtr input;
  bool replicate = false;
};

// The bind variable of a filled cell: "__c<row>_<column>".
std::string CellVar(size_t row, size_t column);

class Insert : public Operator {
 public:
  explicit Insert(InsertSpec spec) : spec_(std::move(spec)) {}

  // Errors: a NULL or missing vindex value, or one that maps to no or
  // several keyspace ids (1105 HY000 "could not map ... to a keyspace id");
  // 1136 21S01 when input rows have the wrong column count; sequence and
  // lookup errors (1062 for a duplicate unique lookup value).
  absl::StatusOr<std::unique_ptr<RowStream>> Open(
      ExecContext& ctx, const BindVars& bind_vars) const override;
  std::string Describe() const override;
  std::vector<const Operator*> inputs() const override {
    if (spec_.input == nullptr) return {};
    return {spec_.input.get()};
  }

 private:
  struct Work;
  absl::Status FillCells(ExecContext& ctx, const BindVars& bind_vars,
                         Work& w) const;
  absl::Status Generate(ExecContext& ctx, Work& w) const;
  absl::Status AssignShards(ExecContext& ctx, Work& w) const;
  absl::Status CreateLookups(ExecContext& ctx, Work& w) const;
  absl::StatusOr<std::unique_ptr<RowStream>> Run(ExecContext& ctx,
                                                 Work& w) const;

  InsertSpec spec_;
};

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_INSERT_H_
