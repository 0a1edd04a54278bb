#include "lib/engine/row_stream.h"

namespace tessera::engine {
namespace {

class ConcatStream : public RowStream {
 public:
  explicit ConcatStream(std::vector<std::unique_ptr<RowStream>> inputs)
      : inputs_(std::move(inputs)) {}

  const std::vector<Field>& fields() const override {
    return inputs_.empty() ? empty_ : inputs_[0]->fields();
  }
  absl::StatusOr<bool> Next(Row* row) override {
    while (current_ < inputs_.size()) {
      absl::StatusOr<bool> more = inputs_[current_]->Next(row);
      if (!more.ok() || *more) return more;
      affected_ += inputs_[current_]->affected_rows();
      if (inputs_[current_]->last_insert_id() != 0) {
        insert_id_ = inputs_[current_]->last_insert_id();
      }
      warnings_ += inputs_[current_]->warnings();
      ++current_;
    }
    return false;
  }
  uint64_t affected_rows() const override { return affected_; }
  uint64_t last_insert_id() const override { return insert_id_; }
  uint16_t warnings() const override { return warnings_; }

 private:
  std::vector<std::unique_ptr<RowStream>> inputs_;
  std::vector<Field> empty_;
  size_t current_ = 0;
  uint64_t affected_ = 0;
  uint64_t insert_id_ = 0;
  uint16_t warnings_ = 0;
};

}  // namespace

std::unique_ptr<RowStream> Concat(
    std::vector<std::unique_ptr<RowStream>> inputs) {
  if (inputs.size() == 1) return std::move(inputs[0]);
  return std::make_unique<ConcatStream>(std::move(inputs));
}

size_t RowBytes(const Row& row) {
  size_t n = sizeof(Row);
  for (const Value& v : row) n += sizeof(Value) + v.bytes().size();
  return n;
}

}  // namespace tessera::engine
