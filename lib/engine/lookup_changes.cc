#include "lib/engine/lookup_changes.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"

namespace tessera::engine {
namespace {

const vindex::Value* Find(const vschema::ColumnValues& row,
                          const std::string& column) {
  auto it = row.find(column);
  if (it != row.end()) return &it->second;
  for (const auto& [name, value] : row) {
    if (absl::EqualsIgnoreCase(name, column)) return &value;
  }
  return nullptr;
}

// The binding's values from `row`, then `fallback`.
absl::StatusOr<vindex::Row> Extract(const vschema::ColumnVindexBinding& b,
                                    const vschema::ColumnValues& row,
                                    const vschema::ColumnValues* fallback) {
  vindex::Row out;
  for (const std::string& c : b.columns) {
    const vindex::Value* v = Find(row, c);
    if (v == nullptr && fallback != nullptr) v = Find(*fallback, c);
    if (v == nullptr) {
      return InternalMysqlError(
          absl::StrCat("lookup maintenance: no value for "
                       "column ",
                       c));
    }
    out.push_back(*v);
  }
  return out;
}

}  // namespace

absl::Status LookupChanges::Remove(
    const vschema::Table& table, absl::Span<const vschema::ColumnValues> before,
    absl::Span<const std::string> ksids) {
  for (const vschema::ColumnVindexBinding* b : vschema::OwnedLookups(table)) {
    const vindex::LookupVindex* v = b->vindex->AsLookup();
    for (size_t i = 0; i < before.size(); ++i) {
      absl::StatusOr<vindex::Row> old = Extract(*b, before[i], nullptr);
      absl::Status s = old.status();
      if (s.ok()) s = v->Delete({*old}, ksids[i], executor_);
      if (!s.ok()) {
        Undo();
        return s;
      }
      done_.push_back({v, ksids[i], *std::move(old), {}, true, false});
    }
  }
  return absl::OkStatus();
}

absl::Status LookupChanges::Move(const vschema::Table& table,
                                 absl::Span<const vschema::ColumnValues> before,
                                 const vschema::ColumnValues& after,
                                 absl::Span<const std::string> ksids) {
  for (size_t i = 0; i < before.size(); ++i) {
    for (const vschema::ColumnVindexBinding* b : vschema::OwnedLookups(table)) {
      const vindex::LookupVindex* v = b->vindex->AsLookup();
      absl::StatusOr<vindex::Row> old = Extract(*b, before[i], nullptr);
      absl::StatusOr<vindex::Row> now = Extract(*b, after, &before[i]);
      absl::Status s = old.ok() ? now.status() : old.status();
      if (s.ok() && *old == *now) continue;
      if (s.ok()) s = v->Create({*now}, {ksids[i]}, false, executor_);
      if (s.ok()) {
        done_.push_back({v, ksids[i], {}, *now, false, true});
        s = v->Delete({*old}, ksids[i], executor_);
      }
      if (!s.ok()) {
        Undo();
        return s;
      }
      done_.back().removed = *old;
      done_.back().has_removed = true;
    }
  }
  return absl::OkStatus();
}

void LookupChanges::Undo() {
  for (auto it = done_.rbegin(); it != done_.rend(); ++it) {
    if (it->has_added) {
      (void)it->vindex->Delete({it->added}, it->ksid, executor_);
    }
    if (it->has_removed) {
      (void)it->vindex->Create({it->removed}, {it->ksid}, true, executor_);
    }
  }
  done_.clear();
}

}  // namespace tessera::engine
