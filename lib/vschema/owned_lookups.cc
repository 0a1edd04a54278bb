#include "lib/vschema/owned_lookups.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/vindex/lookup_vindex.h"

namespace tessera::vschema {
namespace {

const vindex::Value* FindColumn(const ColumnValues& row,
                                const std::string& column) {
  auto it = row.find(column);
  if (it != row.end()) return &it->second;
  for (const auto& [name, value] : row) {
    if (absl::EqualsIgnoreCase(name, column)) return &value;
  }
  return nullptr;
}

// The binding's values from `row` (then `fallback` when given).
absl::StatusOr<vindex::Row> Extract(const Table& table,
                                    const ColumnVindexBinding& b,
                                    const ColumnValues& row,
                                    const ColumnValues* fallback = nullptr) {
  vindex::Row out;
  for (const std::string& c : b.columns) {
    const vindex::Value* v = FindColumn(row, c);
    if (v == nullptr && fallback != nullptr) v = FindColumn(*fallback, c);
    if (v == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "table ", table.QualifiedName(), ": no value for column ", c,
          " of lookup vindex ", b.vindex_name));
    }
    out.push_back(*v);
  }
  return out;
}

absl::Status CheckSizes(const Table& table, size_t rows, size_t ksids) {
  if (rows == ksids) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("table ", table.QualifiedName(), ": ", rows, " rows but ",
                   ksids, " keyspace ids"));
}

}  // namespace

std::vector<const ColumnVindexBinding*> OwnedLookups(const Table& table) {
  std::vector<const ColumnVindexBinding*> out;
  for (const ColumnVindexBinding& b : table.column_vindexes) {
    if (b.owned && b.vindex != nullptr && b.vindex->AsLookup() != nullptr) {
      out.push_back(&b);
    }
  }
  return out;
}

absl::Status CreateOwnedLookups(const Table& table,
                                absl::Span<const ColumnValues> rows,
                                absl::Span<const std::string> ksids,
                                vindex::QueryExecutor* executor) {
  if (absl::Status s = CheckSizes(table, rows.size(), ksids.size()); !s.ok()) {
    return s;
  }
  for (const ColumnVindexBinding* b : OwnedLookups(table)) {
    std::vector<vindex::Row> values;
    for (const ColumnValues& row : rows) {
      auto v = Extract(table, *b, row);
      if (!v.ok()) return v.status();
      values.push_back(*std::move(v));
    }
    absl::Status s =
        b->vindex->AsLookup()->Create(values, ksids, false, executor);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status DeleteOwnedLookups(const Table& table,
                                absl::Span<const ColumnValues> rows,
                                absl::Span<const std::string> ksids,
                                vindex::QueryExecutor* executor) {
  if (absl::Status s = CheckSizes(table, rows.size(), ksids.size()); !s.ok()) {
    return s;
  }
  for (const ColumnVindexBinding* b : OwnedLookups(table)) {
    for (size_t i = 0; i < rows.size(); ++i) {
      auto v = Extract(table, *b, rows[i]);
      if (!v.ok()) return v.status();
      absl::Status s = b->vindex->AsLookup()->Delete({*v}, ksids[i], executor);
      if (!s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

absl::Status UpdateOwnedLookups(const Table& table, const ColumnValues& before,
                                const ColumnValues& after,
                                const std::string& ksid,
                                vindex::QueryExecutor* executor) {
  for (const ColumnVindexBinding* b : OwnedLookups(table)) {
    auto old_row = Extract(table, *b, before);
    if (!old_row.ok()) return old_row.status();
    auto new_row = Extract(table, *b, after, &before);
    if (!new_row.ok()) return new_row.status();
    if (*old_row == *new_row) continue;
    absl::Status s =
        b->vindex->AsLookup()->Update(*old_row, ksid, *new_row, executor);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace tessera::vschema
