#include "lib/vindex/lookup_vindex.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace tessera::vindex {
namespace {

// Identifiers go into SQL text unquoted, so they must be plain names.
bool IsIdentifier(absl::string_view s, bool allow_dot) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return absl::ascii_isalnum(c) || c == '_' || c == '$' ||
           (allow_dot && c == '.');
  });
}

std::string Conditions(const std::vector<std::string>& cols, size_t n) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < n; ++i) parts.push_back(cols[i] + " = ?");
  return absl::StrJoin(parts, " and ");
}

}  // namespace

absl::StatusOr<LookupParams> ParseLookupParams(const VindexSpec& spec) {
  static constexpr absl::string_view kAllowed[] = {
      "table",      "from",
      "to",         "ignore_nulls",
      "autocommit", "write_only",
      "no_verify",  "batch_lookup",
      "read_lock",  "multi_shard_autocommit"};
  absl::Status s = CheckParams(spec, kAllowed);
  if (!s.ok()) return s;
  LookupParams p;
  p.table = StringParam(spec, "table");
  p.to = StringParam(spec, "to");
  for (absl::string_view c :
       absl::StrSplit(StringParam(spec, "from"), ',', absl::SkipWhitespace())) {
    p.from.emplace_back(absl::StripAsciiWhitespace(c));
  }
  if (p.table.empty()) return ParamError(spec, "missing param table");
  if (p.from.empty()) return ParamError(spec, "missing param from");
  if (p.to.empty()) return ParamError(spec, "missing param to");
  if (!IsIdentifier(p.table, true)) {
    return ParamError(spec, absl::StrCat("table '", p.table,
                                         "' is not a plain [keyspace.]name"));
  }
  for (const std::string& c : p.from) {
    if (!IsIdentifier(c, false)) {
      return ParamError(
          spec, absl::StrCat("from column '", c, "' is not a plain name"));
    }
  }
  if (!IsIdentifier(p.to, false)) {
    return ParamError(
        spec, absl::StrCat("to column '", p.to, "' is not a plain name"));
  }
  for (auto [name, out] : {std::pair{"ignore_nulls", &p.ignore_nulls},
                           std::pair{"autocommit", &p.autocommit},
                           std::pair{"write_only", &p.write_only},
                           std::pair{"no_verify", &p.no_verify}}) {
    auto b = BoolParam(spec, name, false);
    if (!b.ok()) return b.status();
    *out = *b;
  }
  return p;
}

absl::Status LookupVindex::NeedExecutor(QueryExecutor* executor) const {
  if (executor != nullptr) return absl::OkStatus();
  return absl::FailedPreconditionError(
      absl::StrCat("lookup vindex '", name(), "' needs a query executor"));
}

absl::Status LookupVindex::CheckRows(absl::Span<const Row> rows,
                                     size_t ksids) const {
  if (ksids != rows.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("lookup vindex '", name(), "': ", rows.size(),
                     " rows but ", ksids, " keyspace ids"));
  }
  for (const Row& r : rows) {
    if (r.size() != params_.from.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("lookup vindex '", name(), "' wants ",
                       params_.from.size(), " values per row, got ", r.size()));
    }
  }
  return absl::OkStatus();
}

bool LookupVindex::SkipRow(const Row& row) const {
  return params_.ignore_nulls &&
         std::any_of(row.begin(), row.end(),
                     [](const Value& v) { return v.is_null(); });
}

void LookupVindex::KeptRows(absl::Span<const Row> rows,
                            absl::Span<const std::string> ksids,
                            std::vector<Row>* kept,
                            std::vector<std::string>* kept_ids) const {
  for (size_t i = 0; i < rows.size(); ++i) {
    if (SkipRow(rows[i])) continue;
    kept->push_back(rows[i]);
    kept_ids->push_back(ksids[i]);
  }
}

BoundQuery LookupVindex::SelectTo(const Row& row, bool for_update) const {
  size_t n = std::min(row.size(), params_.from.size());
  BoundQuery q;
  q.sql = absl::StrCat("select ", params_.to, " from ", params_.table,
                       " where ", Conditions(params_.from, n),
                       for_update ? " for update" : "");
  q.params.assign(row.begin(), row.begin() + n);
  return q;
}

BoundQuery LookupVindex::Insert(absl::Span<const Row> rows,
                                absl::Span<const std::string> ksids,
                                bool ignore) const {
  BoundQuery q;
  std::vector<std::string> marks(params_.from.size() + 1, "?");
  std::string tuple = absl::StrCat("(", absl::StrJoin(marks, ", "), ")");
  std::vector<std::string> tuples;
  for (size_t i = 0; i < rows.size(); ++i) {
    tuples.push_back(tuple);
    q.params.insert(q.params.end(), rows[i].begin(), rows[i].end());
    q.params.push_back(Value::Binary(ksids[i]));
  }
  q.sql =
      absl::StrCat("insert ", ignore ? "ignore " : "", "into ", params_.table,
                   "(", absl::StrJoin(params_.from, ", "), ", ", params_.to,
                   ") values ", absl::StrJoin(tuples, ", "));
  return q;
}

BoundQuery LookupVindex::DeleteRow(const Row& row,
                                   const std::string& ksid) const {
  BoundQuery q;
  q.sql = absl::StrCat("delete from ", params_.table, " where ",
                       Conditions(params_.from, params_.from.size()), " and ",
                       params_.to, " = ?");
  q.params = row;
  q.params.push_back(Value::Binary(ksid));
  return q;
}

BoundQuery LookupVindex::UpdateTo(const Row& row,
                                  const std::string& ksid) const {
  BoundQuery q;
  q.sql =
      absl::StrCat("update ", params_.table, " set ", params_.to, " = ? where ",
                   Conditions(params_.from, params_.from.size()));
  q.params.push_back(Value::Binary(ksid));
  q.params.insert(q.params.end(), row.begin(), row.end());
  return q;
}

absl::StatusOr<BoundQuery> LookupVindex::SelectOwner(
    const Row& row, const std::string& ksid) const {
  if (owner_table_.empty() || owner_columns_.size() != params_.from.size()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "lookup vindex '", name(), "' has no owner table and columns"));
  }
  BoundQuery q;
  q.sql = absl::StrCat("select ", absl::StrJoin(owner_columns_, ", "), " from ",
                       owner_table_, " where ",
                       Conditions(owner_columns_, owner_columns_.size()),
                       " for update");
  q.params = row;
  q.target_keyspace_id = ksid;
  return q;
}

absl::StatusOr<std::vector<Destination>> LookupVindex::Map(
    absl::Span<const Row> rows, QueryExecutor* executor) const {
  std::vector<Destination> out;
  out.reserve(rows.size());
  if (params_.write_only) {
    out.assign(rows.size(), Destination::Range(key::KeyRange::Full()));
    return out;
  }
  if (absl::Status s = NeedExecutor(executor); !s.ok()) return s;
  for (const Row& row : rows) {
    if (row.empty() || row.size() > params_.from.size()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "lookup vindex '", name(), "' wants 1 to ", params_.from.size(),
          " values per row, got ", row.size()));
    }
    if (std::any_of(row.begin(), row.end(),
                    [](const Value& v) { return v.is_null(); })) {
      out.push_back(Destination::None());  // "= NULL" matches nothing
      continue;
    }
    auto result = executor->Execute(SelectTo(row, false), read_mode());
    if (!result.ok()) return result.status();
    std::vector<std::string> ksids;
    for (const auto& r : result->rows) {
      if (!r.empty() && !r[0].is_null()) ksids.push_back(r[0].data());
    }
    if (ksids.empty()) {
      out.push_back(Destination::None());
    } else if (unique()) {
      if (ksids.size() > 1) {
        return absl::InternalError(absl::StrCat(
            "unique lookup vindex '", name(), "': ", row[0].DebugString(),
            " maps to ", ksids.size(), " keyspace ids"));
      }
      out.push_back(Destination::KeyspaceId(std::move(ksids[0])));
    } else {
      out.push_back(Destination::KeyspaceIds(std::move(ksids)));
    }
  }
  return out;
}

absl::StatusOr<std::vector<bool>> LookupVindex::Verify(
    absl::Span<const Row> rows, absl::Span<const std::string> ksids,
    QueryExecutor* executor) const {
  if (absl::Status s = CheckRows(rows, ksids.size()); !s.ok()) return s;
  std::vector<bool> out(rows.size(), true);
  if (params_.write_only || params_.no_verify) return out;
  if (absl::Status s = NeedExecutor(executor); !s.ok()) return s;
  for (size_t i = 0; i < rows.size(); ++i) {
    BoundQuery q = SelectTo(rows[i], false);
    q.sql += absl::StrCat(" and ", params_.to, " = ?");
    q.params.push_back(Value::Binary(ksids[i]));
    auto result = executor->Execute(q, read_mode());
    if (!result.ok()) return result.status();
    out[i] = !result->rows.empty();
  }
  return out;
}

}  // namespace tessera::vindex
