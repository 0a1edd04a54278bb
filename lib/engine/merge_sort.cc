#include "lib/engine/merge_sort.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"

namespace tessera::engine {
namespace {

class MergeSortStream : public RowStream {
 public:
  MergeSortStream(std::vector<std::unique_ptr<RowStream>> inputs,
                  RowComparator cmp)
      : inputs_(std::move(inputs)),
        cmp_(std::move(cmp)),
        heads_(inputs_.size()) {}

  const std::vector<Field>& fields() const override {
    return inputs_[0]->fields();
  }

  absl::StatusOr<bool> Next(Row* row) override {
    if (!started_) {
      started_ = true;
      for (size_t i = 0; i < inputs_.size(); ++i) {
        TESSERA_RETURN_IF_ERROR(Advance(i));
      }
    }
    if (heap_.empty()) return false;
    std::pop_heap(heap_.begin(), heap_.end(), Greater());
    size_t i = heap_.back();
    heap_.pop_back();
    *row = std::move(heads_[i]);
    TESSERA_RETURN_IF_ERROR(Advance(i));
    return true;
  }

  uint16_t warnings() const override {
    uint16_t w = 0;
    for (const auto& in : inputs_) w += in->warnings();
    return w;
  }

 private:
  // Heap order: the top is the smallest row, ties to the lowest input.
  struct GreaterFn {
    const MergeSortStream* self;
    bool operator()(size_t a, size_t b) const {
      int c = self->cmp_.Compare(self->heads_[a], self->heads_[b]);
      return c != 0 ? c > 0 : a > b;
    }
  };
  GreaterFn Greater() const { return GreaterFn{this}; }

  absl::Status Advance(size_t i) {
    heads_[i].clear();
    TESSERA_ASSIGN_OR_RETURN(bool more, inputs_[i]->Next(&heads_[i]));
    if (!more) return absl::OkStatus();
    if (heads_[i].size() != inputs_[0]->fields().size()) {
      return InternalMysqlError(
          absl::StrCat("merge sort: input ", i, " sent ", heads_[i].size(),
                       " columns, expected ", inputs_[0]->fields().size()));
    }
    heap_.push_back(i);
    std::push_heap(heap_.begin(), heap_.end(), Greater());
    return absl::OkStatus();
  }

  std::vector<std::unique_ptr<RowStream>> inputs_;
  RowComparator cmp_;
  std::vector<Row> heads_;
  std::vector<size_t> heap_;
  bool started_ = false;
};

}  // namespace

absl::StatusOr<std::unique_ptr<RowStream>> MergeSortStreams(
    std::vector<std::unique_ptr<RowStream>> inputs, std::vector<OrderKey> keys,
    EnumMembers* enums) {
  if (inputs.empty()) {
    return std::unique_ptr<RowStream>(std::make_unique<VectorStream>(
        std::vector<Field>{}, std::vector<Row>{}));
  }
  for (const auto& in : inputs) {
    if (in->fields().size() != inputs[0]->fields().size()) {
      return InternalMysqlError("merge sort: inputs differ in column count");
    }
  }
  TESSERA_ASSIGN_OR_RETURN(
      RowComparator cmp,
      RowComparator::Create(inputs[0]->fields(), keys, enums));
  if (inputs.size() == 1) return std::move(inputs[0]);
  return std::unique_ptr<RowStream>(
      std::make_unique<MergeSortStream>(std::move(inputs), std::move(cmp)));
}

}  // namespace tessera::engine
