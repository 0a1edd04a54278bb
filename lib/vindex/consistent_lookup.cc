// consistent_lookup (cost 20) and consistent_lookup_unique (cost 10).
//
// Lookup rows are inserted in a side transaction committed before the
// session's (ExecMode::kPre) and deleted in one committed after it
// (kPost), so a crash can leave an orphan lookup row but never a row
// without its lookup entry. An insert that hits an existing lookup row
// locks it, then checks (on the shard of the keyspace id it points to)
// whether the owner row behind it still exists: if not, the orphan is
// taken over; if so, the insert fails with 1062 duplicate entry.
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/base/mysql_error.h"
#include "lib/vindex/builtin.h"
#include "lib/vindex/lookup_vindex.h"

namespace tessera::vindex {
namespace {

class ConsistentLookup : public LookupVindex {
 public:
  ConsistentLookup(const VindexSpec& spec, LookupParams params, bool unique)
      : LookupVindex(spec, std::move(params)), unique_(unique) {}
  absl::string_view type() const override {
    return unique_ ? "consistent_lookup_unique" : "consistent_lookup";
  }
  int cost() const override { return unique_ ? 10 : 20; }
  bool unique() const override { return unique_; }

  absl::Status Create(absl::Span<const Row> rows,
                      absl::Span<const std::string> ksids,
                      bool ignore_duplicates,
                      QueryExecutor* executor) const override {
    if (absl::Status s = CheckRows(rows, ksids.size()); !s.ok()) return s;
    if (absl::Status s = NeedExecutor(executor); !s.ok()) return s;
    std::vector<Row> kept;
    std::vector<std::string> kept_ids;
    KeptRows(rows, ksids, &kept, &kept_ids);
    if (kept.empty()) return absl::OkStatus();
    auto batch = executor->Execute(Insert(kept, kept_ids, ignore_duplicates),
                                   ExecMode::kPre);
    if (batch.ok() || !IsDuplicateKey(batch.status())) return batch.status();
    // Some row collided: redo them one by one to find and resolve it.
    for (size_t i = 0; i < kept.size(); ++i) {
      absl::Status s = CreateOne(kept[i], kept_ids[i], executor);
      if (!s.ok()) return s;
    }
    return absl::OkStatus();
  }

  absl::Status Delete(absl::Span<const Row> rows, const std::string& ksid,
                      QueryExecutor* executor) const override {
    if (absl::Status s = CheckRows(rows, rows.size()); !s.ok()) return s;
    if (absl::Status s = NeedExecutor(executor); !s.ok()) return s;
    for (const Row& row : rows) {
      if (SkipRow(row)) continue;
      auto r = executor->Execute(DeleteRow(row, ksid), ExecMode::kPost);
      if (!r.ok()) return r.status();
    }
    return absl::OkStatus();
  }

  absl::Status Update(const Row& old_row, const std::string& ksid,
                      const Row& new_row,
                      QueryExecutor* executor) const override {
    if (old_row == new_row) return absl::OkStatus();
    if (absl::Status s = Delete({old_row}, ksid, executor); !s.ok()) return s;
    std::string id = ksid;
    return Create({new_row}, {id}, false, executor);
  }

 private:
  absl::Status CreateOne(const Row& row, const std::string& ksid,
                         QueryExecutor* executor) const {
    std::string id = ksid;
    auto ins = executor->Execute(Insert({row}, {id}, false), ExecMode::kPre);
    if (ins.ok() || !IsDuplicateKey(ins.status())) return ins.status();
    auto existing = executor->Execute(SelectTo(row, true), ExecMode::kPre);
    if (!existing.ok()) return existing.status();
    if (existing->rows.empty() || existing->rows[0].empty()) {
      // The conflicting row vanished between the insert and the select.
      return executor->Execute(Insert({row}, {id}, false), ExecMode::kPre)
          .status();
    }
    std::string old_ksid = existing->rows[0][0].data();
    if (old_ksid == ksid) return absl::OkStatus();  // already ours
    auto owner_query = SelectOwner(row, old_ksid);
    if (!owner_query.ok()) return owner_query.status();
    auto owner = executor->Execute(*owner_query, ExecMode::kSession);
    if (!owner.ok()) return owner.status();
    if (!owner->rows.empty()) {
      std::vector<std::string> vals;
      for (const Value& v : row) vals.push_back(v.data());
      return MysqlError(
          er::kDupEntry, "23000",
          absl::StrCat("Duplicate entry '", absl::StrJoin(vals, "-"),
                       "' for key '", params().table, "' (vindex ", name(),
                       ")"));
    }
    // Orphan lookup row: take it over.
    return executor->Execute(UpdateTo(row, ksid), ExecMode::kPre).status();
  }

  bool unique_;
};

absl::StatusOr<std::unique_ptr<Vindex>> Make(const VindexSpec& spec,
                                             bool unique) {
  auto params = ParseLookupParams(spec);
  if (!params.ok()) return params.status();
  if (params->autocommit) {
    return ParamError(spec, "consistent lookups do not support autocommit");
  }
  return std::make_unique<ConsistentLookup>(spec, *std::move(params), unique);
}

}  // namespace

absl::Status RegisterConsistentLookup(VindexRegistry& registry) {
  absl::Status s = registry.Register(
      "consistent_lookup", [](const VindexSpec& spec, const VindexRegistry&) {
        return Make(spec, false);
      });
  if (!s.ok()) return s;
  return registry.Register("consistent_lookup_unique",
                           [](const VindexSpec& spec, const VindexRegistry&) {
                             return Make(spec, true);
                           });
}

}  // namespace tessera::vindex
