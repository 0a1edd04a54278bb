#include "lib/planner/vindex_mapper.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/engine/dml_support.h"

namespace tessera::planner {
namespace {

class Functional : public engine::VindexMapper {
 public:
  explicit Functional(const vindex::Vindex* v)
      : vindex_(v),
        functional_(dynamic_cast<const vindex::FunctionalVindex*>(v)) {}

  absl::StatusOr<std::vector<std::string>> Map(
      const sqltypes::TypedValue& value) const override {
    return MapWith(value, nullptr);
  }
  absl::StatusOr<std::vector<std::string>> MapWith(
      const sqltypes::TypedValue& value,
      vindex::QueryExecutor* executor) const override {
    if (vindex_->needs_lookup() && executor == nullptr) {
      return InternalMysqlError(absl::StrCat("lookup vindex ", vindex_->name(),
                                             " needs a query executor"));
    }
    if (functional_ != nullptr) {
      // One value through a functional vindex: its keyspace id directly
      // (what FunctionalVindex::Map does for a one-row batch).
      std::optional<std::string> ksid =
          functional_->KeyspaceId(ToVindexValue(value));
      std::vector<std::string> ksids;
      if (ksid.has_value()) ksids.push_back(*std::move(ksid));
      return ksids;
    }
    std::vector<vindex::Row> rows(1);
    rows[0].push_back(ToVindexValue(value));
    auto dests = vindex_->Map(rows, executor);
    if (!dests.ok()) return dests.status();
    std::vector<std::string> ksids;
    for (const auto& d : *dests) {
      switch (d.kind) {
        case vindex::Destination::Kind::kKeyspaceId:
        case vindex::Destination::Kind::kKeyspaceIds:
          ksids.insert(ksids.end(), d.ksids.begin(), d.ksids.end());
          break;
        case vindex::Destination::Kind::kNone:
          break;
        default:
          return UnsupportedError(absl::StrCat("vindex ", vindex_->name(),
                                               " maps a value to a key range"));
      }
    }
    return ksids;
  }
  std::string name() const override { return vindex_->name(); }

 private:
  const vindex::Vindex* vindex_;
  const vindex::FunctionalVindex* functional_;  // null for other vindexes
};

}  // namespace

vindex::Value ToVindexValue(const sqltypes::TypedValue& v) {
  return engine::ToVindexValue(v);
}

std::shared_ptr<const engine::VindexMapper> FunctionalMapper(
    const vindex::Vindex* vindex) {
  return std::make_shared<Functional>(vindex);
}

std::shared_ptr<const engine::VindexMapper> MapperFor(
    const vindex::Vindex* vindex) {
  return std::make_shared<Functional>(vindex);
}

}  // namespace tessera::planner
