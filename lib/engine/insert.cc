#include "lib/engine/insert.h"

#include <map>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/engine/dml_support.h"
#include "lib/vschema/owned_lookups.h"
#include "lib/vschema/sequence.h"

namespace tessera::engine {

std::string CellVar(size_t row, size_t column) {
  return absl::StrCat("__c", row, "_", column);
}

// One execution's state.
struct Insert::Work {
  BindVars vars;                   // the statement's variables + filled cells
  std::vector<std::string> rows;   // row texts
  size_t columns = 0;              // columns per row known as cells
  std::vector<std::string> ksids;  // per row (sharded only)
  std::map<std::string, std::vector<size_t>> by_shard;
  std::optional<uint64_t> insert_id;
};

absl::Status Insert::FillCells(ExecContext& ctx, const BindVars& bind_vars,
                               Work& w) const {
  w.vars = bind_vars;
  if (spec_.input != nullptr) {
    TESSERA_ASSIGN_OR_RETURN(auto stream, spec_.input->Open(ctx, bind_vars));
    TESSERA_ASSIGN_OR_RETURN(std::vector<Row> rows,
                             ReadAllRows(*stream, ctx, "INSERT ... SELECT"));
    const std::vector<Field>& fields = stream->fields();
    for (size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].size() != spec_.columns.size() ||
          fields.size() != rows[i].size()) {
        return MysqlError(1136, "21S01",
                          absl::StrCat("Column count doesn't match value "
                                       "count at row ",
                                       i + 1));
      }
      std::vector<std::string> cells;
      for (size_t c = 0; c < rows[i].size(); ++c) {
        w.vars[CellVar(i, c)] =
            BindVariable::Single(CellValue(rows[i][c], fields[c]));
        cells.push_back(absl::StrCat(":", CellVar(i, c)));
      }
      w.rows.push_back(absl::StrCat("(", absl::StrJoin(cells, ", "), ")"));
    }
    return absl::OkStatus();
  }
  w.rows = spec_.rows;
  if (spec_.filled_columns.empty()) return absl::OkStatus();
  if (spec_.cell_sources.size() != spec_.rows.size()) {
    return InternalMysqlError("insert: one set of cell sources per row needed");
  }
  for (size_t i = 0; i < spec_.rows.size(); ++i) {
    for (size_t k = 0; k < spec_.filled_columns.size(); ++k) {
      const std::string& src = spec_.cell_sources[i][k];
      BindVariable v = BindVariable::Single(TypedValue::Null());
      if (!src.empty()) {
        auto it = bind_vars.find(src);
        if (it == bind_vars.end() || it->second.is_list) {
          return MysqlError(er::kWrongArguments, "HY000",
                            absl::StrCat("missing bind variable :", src));
        }
        v = it->second;
      }
      w.vars[CellVar(i, spec_.filled_columns[k])] = std::move(v);
    }
  }
  return absl::OkStatus();
}

absl::Status Insert::Generate(ExecContext& ctx, Work& w) const {
  if (spec_.sequence.empty() || spec_.sequence_column < 0) {
    return absl::OkStatus();
  }
  ctx.sequence_insert = true;
  std::vector<std::string> missing;
  for (size_t i = 0; i < w.rows.size(); ++i) {
    std::string name = CellVar(i, spec_.sequence_column);
    auto it = w.vars.find(name);
    if (it == w.vars.end() || it->second.value.is_null()) {
      missing.push_back(std::move(name));
    }
  }
  if (missing.empty()) {
    // As MySQL's OK packet: with only explicit values in the
    // auto_increment column, the insert id is the last row's.
    auto it = w.vars.find(CellVar(w.rows.size() - 1, spec_.sequence_column));
    uint64_t id = 0;
    if (it != w.vars.end() && !it->second.is_list &&
        absl::SimpleAtoi(it->second.value.bytes, &id) && id != 0) {
      w.insert_id = id;
    }
    return absl::OkStatus();
  }
  if (ctx.sequences == nullptr || ctx.vindex_executor == nullptr) {
    return InternalMysqlError(
        absl::StrCat("no sequence source for ", spec_.sequence));
  }
  absl::StatusOr<int64_t> first =
      ctx.sequences->For(spec_.sequence)
          .Next(ctx.vindex_executor, static_cast<int64_t>(missing.size()));
  if (!first.ok()) return first.status();
  for (size_t k = 0; k < missing.size(); ++k) {
    w.vars[missing[k]] =
        BindVariable::Single(TypedValue::Int(*first + static_cast<int64_t>(k)));
  }
  w.insert_id = static_cast<uint64_t>(*first);
  ctx.generated_insert_id = *w.insert_id;
  return absl::OkStatus();
}

absl::Status Insert::AssignShards(ExecContext& ctx, Work& w) const {
  if (spec_.vindex == nullptr || spec_.replicate) {
    TESSERA_ASSIGN_OR_RETURN(
        std::vector<std::string> shards,
        ctx.cursor->ResolveShards(spec_.keyspace, Destination::AllShards()));
    if (shards.size() != 1 && !spec_.replicate) {
      return InternalMysqlError(absl::StrCat(
          "insert into sharded keyspace ", spec_.keyspace, " needs a vindex"));
    }
    for (const std::string& s : shards) {
      for (size_t i = 0; i < w.rows.size(); ++i) w.by_shard[s].push_back(i);
    }
    return absl::OkStatus();
  }
  if (spec_.vindex_column < 0 &&
      spec_.row_value_vars.size() != spec_.rows.size()) {
    return InternalMysqlError("insert: one vindex value per row needed");
  }
  for (size_t i = 0; i < w.rows.size(); ++i) {
    const std::string var = spec_.vindex_column >= 0
                                ? CellVar(i, spec_.vindex_column)
                                : spec_.row_value_vars[i];
    auto it = w.vars.find(var);
    if (it == w.vars.end() || it->second.is_list ||
        it->second.value.is_null()) {
      return InternalMysqlError(absl::StrCat(
          "could not map NULL to a keyspace id: value of the ",
          spec_.vindex->name(), " vindex column missing in row ", i + 1));
    }
    TESSERA_ASSIGN_OR_RETURN(
        std::vector<std::string> ids,
        spec_.vindex->MapWith(it->second.value, ctx.vindex_executor));
    if (ids.size() != 1) {
      return InternalMysqlError(absl::StrCat(
          "could not map '", it->second.value.bytes, "' to a keyspace id (",
          ids.size(), " ids) in row ", i + 1));
    }
    w.ksids.push_back(ids[0]);
    TESSERA_ASSIGN_OR_RETURN(
        std::vector<std::string> shards,
        ctx.cursor->ResolveShards(spec_.keyspace,
                                  Destination::KeyspaceIds(std::move(ids))));
    if (shards.size() != 1) {
      return InternalMysqlError(absl::StrCat(
          "keyspace id of row ", i + 1, " is in ", shards.size(), " shards"));
    }
    w.by_shard[shards[0]].push_back(i);
  }
  return absl::OkStatus();
}

namespace {

// The owner-table rows as lookup maintenance sees them: every known cell.
std::vector<vschema::ColumnValues> LookupRows(const InsertSpec& spec,
                                              const BindVars& vars,
                                              const std::vector<size_t>& rows) {
  std::vector<int> cols = spec.filled_columns;
  if (spec.input != nullptr) {
    cols.clear();
    for (size_t c = 0; c < spec.columns.size(); ++c) {
      cols.push_back(static_cast<int>(c));
    }
  }
  std::vector<vschema::ColumnValues> out;
  for (size_t i : rows) {
    vschema::ColumnValues row;
    for (int c : cols) {
      auto it = vars.find(CellVar(i, c));
      if (it == vars.end() || static_cast<size_t>(c) >= spec.columns.size()) {
        continue;
      }
      row[spec.columns[c]] = ToVindexValue(it->second.value);
    }
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<std::string> Pick(const std::vector<std::string>& all,
                              const std::vector<size_t>& rows) {
  std::vector<std::string> out;
  for (size_t i : rows) out.push_back(all[i]);
  return out;
}

}  // namespace

absl::Status Insert::CreateLookups(ExecContext& ctx, Work& w) const {
  if (spec_.owner == nullptr || w.rows.empty()) return absl::OkStatus();
  std::vector<size_t> all(w.rows.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  return vschema::CreateOwnedLookups(*spec_.owner,
                                     LookupRows(spec_, w.vars, all), w.ksids,
                                     ctx.vindex_executor);
}

absl::StatusOr<std::unique_ptr<RowStream>> Insert::Run(ExecContext& ctx,
                                                       Work& w) const {
  std::vector<ShardQuery> queries;
  std::vector<const std::vector<size_t>*> rows_of;
  for (const auto& [shard, rows] : w.by_shard) {
    std::string sql = spec_.prefix;
    for (size_t k = 0; k < rows.size(); ++k) {
      if (k > 0) sql += ", ";
      sql += w.rows[rows[k]];
    }
    sql += spec_.suffix;
    queries.push_back({spec_.keyspace, shard, std::move(sql), &w.vars});
    rows_of.push_back(&rows);
  }
  // Without generated ids, one server reports the statement's last row's
  // explicit auto_increment value: the insert id of the shard holding it.
  size_t last_query = 0;
  for (size_t q = 0; q < rows_of.size(); ++q) {
    if (!rows_of[q]->empty() && rows_of[q]->back() + 1 == w.rows.size()) {
      last_query = q;
    }
  }
  auto insert_id = [&](const std::vector<std::unique_ptr<RowStream>>& s) {
    if (w.insert_id || spec_.replicate || last_query >= s.size()) {
      return w.insert_id;
    }
    return std::optional<uint64_t>(s[last_query]->last_insert_id());
  };
  std::optional<uint64_t> affected;
  if (spec_.owner == nullptr || spec_.replicate) {
    TESSERA_ASSIGN_OR_RETURN(auto streams, ctx.cursor->Execute(queries));
    if (spec_.replicate && !streams.empty()) {
      affected = streams[0]->affected_rows();
    }
    std::optional<uint64_t> id = insert_id(streams);
    return WithCounts(Concat(std::move(streams)), affected, id);
  }
  // Owned lookups exist: one shard at a time, so that a failure knows
  // which rows' lookup entries to take back.
  std::vector<std::unique_ptr<RowStream>> done;
  for (size_t q = 0; q < queries.size(); ++q) {
    auto one = ctx.cursor->Execute({queries[q]});
    if (one.ok()) {
      for (auto& s : *one) done.push_back(std::move(s));
      continue;
    }
    for (size_t r = q; r < queries.size(); ++r) {
      (void)vschema::DeleteOwnedLookups(
          *spec_.owner, LookupRows(spec_, w.vars, *rows_of[r]),
          Pick(w.ksids, *rows_of[r]), ctx.vindex_executor);
    }
    return one.status();
  }
  std::optional<uint64_t> id = insert_id(done);
  return WithCounts(Concat(std::move(done)), affected, id);
}

absl::StatusOr<std::unique_ptr<RowStream>> Insert::Open(
    ExecContext& ctx, const BindVars& bind_vars) const {
  Work w;
  TESSERA_RETURN_IF_ERROR(FillCells(ctx, bind_vars, w));
  if (w.rows.empty()) {
    return std::unique_ptr<RowStream>(std::make_unique<VectorStream>(
        std::vector<Field>{}, std::vector<Row>{}));
  }
  TESSERA_RETURN_IF_ERROR(Generate(ctx, w));
  TESSERA_RETURN_IF_ERROR(AssignShards(ctx, w));
  TESSERA_RETURN_IF_ERROR(CreateLookups(ctx, w));
  return Run(ctx, w);
}

std::string Insert::Describe() const {
  std::string out = absl::StrCat("Insert ",
                                 spec_.replicate ? "Reference "
                                 : spec_.vindex  ? "Sharded "
                                                 : "Unsharded ",
                                 spec_.keyspace);
  if (spec_.input != nullptr) {
    absl::StrAppend(&out, " select");
  } else {
    absl::StrAppend(&out, " rows=", spec_.rows.size());
  }
  if (!spec_.sequence.empty()) {
    absl::StrAppend(&out, " sequence=", spec_.sequence);
  }
  if (spec_.owner != nullptr) absl::StrAppend(&out, " owned-lookups");
  return out;
}

}  // namespace tessera::engine
