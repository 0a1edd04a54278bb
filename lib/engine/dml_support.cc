#include "lib/engine/dml_support.h"

#include "lib/base/status_macros.h"
#include "lib/sqltypes/kind.h"

namespace tessera::engine {
namespace {

class CountsStream : public RowStream {
 public:
  CountsStream(std::unique_ptr<RowStream> in, std::optional<uint64_t> affected,
               std::optional<uint64_t> insert_id)
      : in_(std::move(in)), affected_(affected), insert_id_(insert_id) {}
  const std::vector<Field>& fields() const override { return in_->fields(); }
  absl::StatusOr<bool> Next(Row* row) override { return in_->Next(row); }
  uint64_t affected_rows() const override {
    return affected_.has_value() ? *affected_ : in_->affected_rows();
  }
  uint64_t last_insert_id() const override {
    return insert_id_.has_value() ? *insert_id_ : in_->last_insert_id();
  }
  uint16_t warnings() const override { return in_->warnings(); }

 private:
  std::unique_ptr<RowStream> in_;
  std::optional<uint64_t> affected_;
  std::optional<uint64_t> insert_id_;
};

}  // namespace

vindex::Value ToVindexValue(const TypedValue& v) {
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

TypedValue CellValue(const Value& cell, const Field& field) {
  return TypedValue::FromCell(cell, sqltypes::KindOf(field), field.charset);
}

absl::StatusOr<std::vector<Row>> ReadAllRows(RowStream& stream,
                                             const ExecContext& ctx,
                                             const char* what) {
  MemoryBudget budget(ctx.limits, what);
  std::vector<Row> rows;
  Row row;
  while (true) {
    TESSERA_ASSIGN_OR_RETURN(bool more, stream.Next(&row));
    if (!more) break;
    TESSERA_RETURN_IF_ERROR(budget.Add(row));
    rows.push_back(std::move(row));
    row = Row();
  }
  return rows;
}

std::unique_ptr<RowStream> WithCounts(std::unique_ptr<RowStream> in,
                                      std::optional<uint64_t> affected_rows,
                                      std::optional<uint64_t> insert_id) {
  if (!affected_rows.has_value() && !insert_id.has_value()) return in;
  return std::make_unique<CountsStream>(std::move(in), affected_rows,
                                        insert_id);
}

}  // namespace tessera::engine
