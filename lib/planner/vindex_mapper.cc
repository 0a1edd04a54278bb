#include "lib/planner/vindex_mapper.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"

namespace tessera::planner {
namespace {

class Functional : public engine::VindexMapper {
 public:
  explicit Functional(const vindex::Vindex* v) : vindex_(v) {}

  absl::StatusOr<std::vector<std::string>> Map(
      const sqltypes::TypedValue& value) const override {
    std::vector<vindex::Row> rows(1);
    rows[0].push_back(ToVindexValue(value));
    auto dests = vindex_->Map(rows, nullptr);
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
};

}  // namespace

vindex::Value ToVindexValue(const sqltypes::TypedValue& v) {
  using K = sqltypes::Kind;
  switch (v.kind) {
    case K::kNull:
      return vindex::Value::Null();
    case K::kInt:
    case K::kYear:
      return vindex::Value(vindex::ValueType::kInt64, v.bytes);
    case K::kUint:
      return vindex::Value(vindex::ValueType::kUint64, v.bytes);
    case K::kFloat:
      return vindex::Value(vindex::ValueType::kFloat64, v.bytes);
    case K::kDecimal:
      return vindex::Value(vindex::ValueType::kDecimal, v.bytes);
    case K::kBinary:
      return vindex::Value::Binary(v.bytes);
    default:
      return vindex::Value::Text(v.bytes);
  }
}

std::shared_ptr<const engine::VindexMapper> FunctionalMapper(
    const vindex::Vindex* vindex) {
  return std::make_shared<Functional>(vindex);
}

}  // namespace tessera::planner
