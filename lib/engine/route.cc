#include "lib/engine/route.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/engine/enum_members.h"
#include "lib/engine/merge_sort.h"

namespace tessera::engine {
namespace {

// Ends quietly (with one more warning) when the shard fails mid-stream.
class TolerantStream : public RowStream {
 public:
  explicit TolerantStream(std::unique_ptr<RowStream> in) : in_(std::move(in)) {}
  const std::vector<Field>& fields() const override { return in_->fields(); }
  absl::StatusOr<bool> Next(Row* row) override {
    if (failed_) return false;
    absl::StatusOr<bool> more = in_->Next(row);
    if (more.ok()) return more;
    failed_ = true;
    return false;
  }
  uint64_t affected_rows() const override { return in_->affected_rows(); }
  uint64_t last_insert_id() const override { return in_->last_insert_id(); }
  uint16_t warnings() const override {
    return static_cast<uint16_t>(in_->warnings() + (failed_ ? 1 : 0));
  }

 private:
  std::unique_ptr<RowStream> in_;
  bool failed_ = false;
};

// Adds warnings for shards that failed before streaming.
class ExtraWarnings : public RowStream {
 public:
  ExtraWarnings(std::unique_ptr<RowStream> in, uint16_t extra)
      : in_(std::move(in)), extra_(extra) {}
  const std::vector<Field>& fields() const override { return in_->fields(); }
  absl::StatusOr<bool> Next(Row* row) override { return in_->Next(row); }
  uint64_t affected_rows() const override { return in_->affected_rows(); }
  uint64_t last_insert_id() const override { return in_->last_insert_id(); }
  uint16_t warnings() const override {
    return static_cast<uint16_t>(in_->warnings() + extra_);
  }

 private:
  std::unique_ptr<RowStream> in_;
  uint16_t extra_;
};

}  // namespace

absl::string_view RouteVariantName(RouteVariant v) {
  switch (v) {
    case RouteVariant::kUnsharded:
      return "Unsharded";
    case RouteVariant::kReference:
      return "Reference";
    case RouteVariant::kEqualUnique:
      return "EqualUnique";
    case RouteVariant::kEqual:
      return "Equal";
    case RouteVariant::kIn:
      return "IN";
    case RouteVariant::kScatter:
      return "Scatter";
    case RouteVariant::kByDestination:
      return "ByDestination";
    case RouteVariant::kNone:
      return "None";
  }
  return "?";
}

absl::StatusOr<Route::Targets> Route::ResolveByValues(
    ExecContext& ctx, const BindVars& bind_vars) const {
  if (spec_.vindex == nullptr) {
    return InternalMysqlError("route: vindex variant without a vindex");
  }
  auto it = bind_vars.find(spec_.value_var);
  if (it == bind_vars.end()) {
    return MysqlError(er::kWrongArguments, "HY000",
                      absl::StrCat("missing bind variable :", spec_.value_var));
  }
  const BindVariable& var = it->second;
  Targets t;
  if (!var.is_list && spec_.variant != RouteVariant::kIn) {
    // One value (the common point query): its shards, no regrouping.
    if (var.value.is_null()) return t;  // "col = NULL" matches nothing
    TESSERA_ASSIGN_OR_RETURN(
        std::vector<std::string> ids,
        spec_.vindex->MapWith(var.value, ctx.vindex_executor));
    if (ids.empty()) return t;
    TESSERA_ASSIGN_OR_RETURN(
        t.shards,
        ctx.cursor->ResolveShards(spec_.keyspace,
                                  Destination::KeyspaceIds(std::move(ids))));
    return t;
  }
  std::vector<TypedValue> values;
  if (var.is_list) {
    values = var.values;
  } else {
    values.push_back(var.value);
  }
  // shard -> values routed there, in key order of shards.
  std::map<std::string, std::vector<TypedValue>> by_shard;
  for (const TypedValue& v : values) {
    if (v.is_null()) continue;  // "col = NULL" matches nothing
    TESSERA_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                             spec_.vindex->MapWith(v, ctx.vindex_executor));
    if (ids.empty()) continue;
    TESSERA_ASSIGN_OR_RETURN(
        std::vector<std::string> shards,
        ctx.cursor->ResolveShards(spec_.keyspace,
                                  Destination::KeyspaceIds(std::move(ids))));
    for (const std::string& s : shards) by_shard[s].push_back(v);
  }
  for (auto& [shard, vals] : by_shard) {
    t.shards.push_back(shard);
    if (spec_.variant == RouteVariant::kIn) {
      BindVars vars = bind_vars;
      vars[spec_.value_var] = BindVariable::List(std::move(vals));
      t.per_shard_vars.push_back(std::move(vars));
    }
  }
  return t;
}

absl::StatusOr<Route::Targets> Route::Resolve(ExecContext& ctx,
                                              const BindVars& bind_vars) const {
  Targets t;
  switch (spec_.variant) {
    case RouteVariant::kNone:
      return t;
    case RouteVariant::kEqualUnique:
    case RouteVariant::kEqual:
    case RouteVariant::kIn:
      return ResolveByValues(ctx, bind_vars);
    case RouteVariant::kUnsharded:
    case RouteVariant::kScatter: {
      TESSERA_ASSIGN_OR_RETURN(
          t.shards,
          ctx.cursor->ResolveShards(spec_.keyspace, Destination::AllShards()));
      if (spec_.variant == RouteVariant::kUnsharded && t.shards.size() != 1) {
        return InternalMysqlError(absl::StrCat("keyspace ", spec_.keyspace,
                                               " is not unsharded (",
                                               t.shards.size(), " shards)"));
      }
      return t;
    }
    case RouteVariant::kReference: {
      TESSERA_ASSIGN_OR_RETURN(
          t.shards,
          ctx.cursor->ResolveShards(spec_.keyspace, Destination::AnyShard()));
      return t;
    }
    case RouteVariant::kByDestination: {
      TESSERA_ASSIGN_OR_RETURN(
          t.shards,
          ctx.cursor->ResolveShards(spec_.keyspace, spec_.destination));
      return t;
    }
  }
  return t;
}

absl::StatusOr<std::unique_ptr<RowStream>> Route::Open(
    ExecContext& ctx, const BindVars& bind_vars) const {
  TESSERA_ASSIGN_OR_RETURN(Targets targets, Resolve(ctx, bind_vars));
  std::vector<ShardQuery> queries;
  if (targets.shards.empty()) {
    if (spec_.field_query.empty()) {
      return std::unique_ptr<RowStream>(std::make_unique<VectorStream>(
          std::vector<Field>{}, std::vector<Row>{}));
    }
    // No shard can have rows; ask any shard for the result's fields.
    TESSERA_ASSIGN_OR_RETURN(
        std::vector<std::string> any,
        ctx.cursor->ResolveShards(spec_.keyspace, Destination::AnyShard()));
    if (any.empty()) {
      return InternalMysqlError(
          absl::StrCat("keyspace ", spec_.keyspace, " has no shards"));
    }
    queries.push_back({spec_.keyspace, any[0], spec_.field_query, &bind_vars});
    TESSERA_ASSIGN_OR_RETURN(auto streams, ctx.cursor->Execute(queries));
    return Concat(std::move(streams));
  }
  for (size_t i = 0; i < targets.shards.size(); ++i) {
    const BindVars* vars = targets.per_shard_vars.empty()
                               ? &bind_vars
                               : &targets.per_shard_vars[i];
    queries.push_back({spec_.keyspace, targets.shards[i], spec_.query, vars});
  }
  uint16_t failed = 0;
  std::vector<std::unique_ptr<RowStream>> streams;
  if (spec_.shard_errors_as_warnings && queries.size() > 1) {
    TESSERA_ASSIGN_OR_RETURN(streams, ExecuteTolerant(ctx, queries, &failed));
  } else {
    TESSERA_ASSIGN_OR_RETURN(streams, ctx.cursor->Execute(queries));
  }
  std::unique_ptr<RowStream> out;
  if (spec_.order_by.empty() || streams.size() == 1) {
    out = Concat(std::move(streams));
  } else {
    ShardEnumMembers enums(ctx.cursor);
    TESSERA_ASSIGN_OR_RETURN(
        out, MergeSortStreams(std::move(streams), spec_.order_by, &enums));
  }
  if (failed == 0) return out;
  return std::unique_ptr<RowStream>(
      std::make_unique<ExtraWarnings>(std::move(out), failed));
}

absl::StatusOr<std::vector<std::unique_ptr<RowStream>>> Route::ExecuteTolerant(
    ExecContext& ctx, const std::vector<ShardQuery>& queries,
    uint16_t* failed) const {
  std::vector<std::unique_ptr<RowStream>> streams;
  absl::Status first_error;
  for (const ShardQuery& q : queries) {
    absl::StatusOr<std::vector<std::unique_ptr<RowStream>>> one =
        ctx.cursor->Execute({q});
    if (!one.ok()) {
      if (first_error.ok()) first_error = one.status();
      ++*failed;
      continue;
    }
    for (auto& s : *one) {
      streams.push_back(std::make_unique<TolerantStream>(std::move(s)));
    }
  }
  if (streams.empty()) return first_error;  // no shard answered
  return streams;
}

std::string Route::Describe() const {
  std::string out = absl::StrCat("Route ", RouteVariantName(spec_.variant), " ",
                                 spec_.keyspace);
  if (spec_.vindex != nullptr) {
    absl::StrAppend(&out, " vindex=", spec_.vindex->name(), " :",
                    spec_.value_var);
  }
  if (!spec_.order_by.empty()) {
    absl::StrAppend(&out, " merge-sort(", DescribeKeys(spec_.order_by), ")");
  }
  absl::StrAppend(&out, " \"", spec_.query, "\"");
  return out;
}

}  // namespace tessera::engine
