// lookup (non-unique, cost 20) and lookup_unique (cost 10): the lookup
// rows are written in the session's transaction (or in their own autocommit
// statements with autocommit=true, in which case they are never deleted).
#include <memory>

#include "absl/strings/str_cat.h"
#include "lib/vindex/builtin.h"
#include "lib/vindex/lookup_vindex.h"

namespace tessera::vindex {
namespace {

class Lookup : public LookupVindex {
 public:
  Lookup(const VindexSpec& spec, LookupParams params, bool unique)
      : LookupVindex(spec, std::move(params)), unique_(unique) {}
  absl::string_view type() const override {
    return unique_ ? "lookup_unique" : "lookup";
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
    bool autocommit = params().autocommit;
    auto r = executor->Execute(
        Insert(kept, kept_ids, ignore_duplicates || autocommit),
        autocommit ? ExecMode::kAutocommit : ExecMode::kSession);
    return r.status();
  }

  absl::Status Delete(absl::Span<const Row> rows, const std::string& ksid,
                      QueryExecutor* executor) const override {
    if (absl::Status s = CheckRows(rows, rows.size()); !s.ok()) return s;
    if (params().autocommit) return absl::OkStatus();
    if (absl::Status s = NeedExecutor(executor); !s.ok()) return s;
    for (const Row& row : rows) {
      if (SkipRow(row)) continue;
      auto r = executor->Execute(DeleteRow(row, ksid), ExecMode::kSession);
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
  bool unique_;
};

absl::StatusOr<std::unique_ptr<Vindex>> Make(const VindexSpec& spec,
                                             bool unique) {
  auto params = ParseLookupParams(spec);
  if (!params.ok()) return params.status();
  return std::make_unique<Lookup>(spec, *std::move(params), unique);
}

}  // namespace

absl::Status RegisterLookup(VindexRegistry& registry) {
  absl::Status s = registry.Register(
      "lookup", [](const VindexSpec& spec, const VindexRegistry&) {
        return Make(spec, false);
      });
  if (!s.ok()) return s;
  return registry.Register("lookup_unique",
                           [](const VindexSpec& spec, const VindexRegistry&) {
                             return Make(spec, true);
                           });
}

}  // namespace tessera::vindex
