#include "lib/engine/dml.h"

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/engine/dml_support.h"
#include "lib/engine/lookup_changes.h"
#include "lib/vschema/owned_lookups.h"

namespace tessera::engine {
namespace {

// Counts the shards a route would run on, without running anything.
class CountingCursor : public ShardCursor {
 public:
  explicit CountingCursor(ShardCursor* real) : real_(real) {}
  absl::StatusOr<std::vector<std::string>> ResolveShards(
      absl::string_view keyspace, const Destination& dest) override {
    return real_->ResolveShards(keyspace, dest);
  }
  absl::StatusOr<std::vector<std::unique_ptr<RowStream>>> Execute(
      const std::vector<ShardQuery>& queries) override {
    shards = queries.size();
    return std::vector<std::unique_ptr<RowStream>>{};
  }
  size_t shards = 0;

 private:
  ShardCursor* real_;
};

}  // namespace

Dml::Dml(DmlKind kind, RouteSpec route, DmlOptions options)
    : kind_(kind), route_(route), options_(std::move(options)) {
  if (options_.lookups != nullptr) {
    RouteSpec select = std::move(route);
    select.query = options_.lookups->select_query;
    select_ = std::make_unique<Route>(std::move(select));
  }
}

absl::Status Dml::MaintainLookups(ExecContext& ctx, const BindVars& bind_vars,
                                  LookupChanges& changes,
                                  std::vector<std::string>* row_ksids) const {
  const DmlLookups& l = *options_.lookups;
  TESSERA_ASSIGN_OR_RETURN(auto stream, select_->Open(ctx, bind_vars));
  TESSERA_ASSIGN_OR_RETURN(std::vector<Row> rows,
                           ReadAllRows(*stream, ctx, "lookup maintenance"));
  const std::vector<Field>& fields = stream->fields();
  std::vector<vschema::ColumnValues> before;
  std::vector<std::string> ksids;
  for (const Row& row : rows) {
    if (row.size() != l.columns.size() + 1 || fields.size() != row.size()) {
      return InternalMysqlError("lookup maintenance: unexpected columns");
    }
    TypedValue key = CellValue(row[0], fields[0]);
    TESSERA_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                             l.primary->MapWith(key, ctx.vindex_executor));
    if (ids.size() != 1) {
      return InternalMysqlError(absl::StrCat("could not map '", key.bytes,
                                             "' to a keyspace id (", ids.size(),
                                             " ids)"));
    }
    ksids.push_back(std::move(ids[0]));
    vschema::ColumnValues values;
    for (size_t k = 0; k < l.columns.size(); ++k) {
      values[l.columns[k]] =
          ToVindexValue(CellValue(row[k + 1], fields[k + 1]));
    }
    before.push_back(std::move(values));
  }
  *row_ksids = ksids;
  if (kind_ == DmlKind::kDelete) return changes.Remove(*l.table, before, ksids);
  vschema::ColumnValues after;
  for (const auto& [column, var] : l.set) {
    TypedValue v;
    if (!var.empty()) {
      auto it = bind_vars.find(var);
      if (it == bind_vars.end() || it->second.is_list) {
        return MysqlError(er::kWrongArguments, "HY000",
                          absl::StrCat("missing bind variable :", var));
      }
      v = it->second.value;
    }
    after[column] = ToVindexValue(v);
  }
  return changes.Move(*l.table, before, after, ksids);
}

absl::StatusOr<std::unique_ptr<RowStream>> Dml::Open(
    ExecContext& ctx, const BindVars& bind_vars) const {
  if (options_.single_shard_only) {
    CountingCursor counter(ctx.cursor);
    ExecContext dry = ctx;
    dry.cursor = &counter;
    TESSERA_RETURN_IF_ERROR(route_.Open(dry, bind_vars).status());
    if (counter.shards > 1) {
      return MysqlError(
          er::kNotSupportedYet, "42000",
          absl::StrCat("This version of Tessera doesn't yet support '",
                       kind_ == DmlKind::kUpdate ? "UPDATE" : "DELETE",
                       " with LIMIT on several shards'"));
    }
  }
  if (options_.lookups != nullptr) {
    // The statement then runs on the shards of the rows just read: its own
    // routing may depend on the lookup rows that were changed.
    std::vector<std::string> ksids;
    LookupChanges changes(ctx.vindex_executor);
    TESSERA_RETURN_IF_ERROR(MaintainLookups(ctx, bind_vars, changes, &ksids));
    if (ksids.empty()) {
      return std::unique_ptr<RowStream>(std::make_unique<VectorStream>(
          std::vector<Field>{}, std::vector<Row>{}));
    }
    RouteSpec spec = route_.spec();
    spec.variant = RouteVariant::kByDestination;
    spec.destination = Destination::KeyspaceIds(std::move(ksids));
    spec.vindex = nullptr;
    auto out = Route(std::move(spec)).Open(ctx, bind_vars);
    if (!out.ok()) changes.Undo();
    return out;
  }
  if (!options_.replicated) return route_.Open(ctx, bind_vars);
  const RouteSpec& spec = route_.spec();
  TESSERA_ASSIGN_OR_RETURN(
      std::vector<std::string> shards,
      ctx.cursor->ResolveShards(spec.keyspace, Destination::AllShards()));
  std::vector<ShardQuery> queries;
  for (const std::string& s : shards) {
    queries.push_back({spec.keyspace, s, spec.query, &bind_vars});
  }
  TESSERA_ASSIGN_OR_RETURN(auto streams, ctx.cursor->Execute(queries));
  std::optional<uint64_t> affected;
  if (!streams.empty()) affected = streams[0]->affected_rows();
  return WithCounts(Concat(std::move(streams)), affected, std::nullopt);
}

std::string Dml::Describe() const {
  std::string out = absl::StrCat(
      kind_ == DmlKind::kUpdate ? "Update " : "Delete ", route_.Describe());
  if (options_.replicated) absl::StrAppend(&out, " replicated");
  if (options_.lookups != nullptr) absl::StrAppend(&out, " owned-lookups");
  return out;
}

}  // namespace tessera::engine
