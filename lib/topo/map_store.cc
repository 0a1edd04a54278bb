#include <map>
#include <memory>

#include "lib/topo/local_store.h"

namespace tessera::topo::internal {
namespace {

class MapStore : public LocalStore {
 public:
  absl::StatusOr<Version> LoadRevision() override { return revision_; }

  absl::StatusOr<std::optional<KeyValue>> Read(absl::string_view key) override {
    auto it = data_.find(key);
    if (it == data_.end()) return std::optional<KeyValue>();
    return std::optional<KeyValue>(it->second);
  }

  absl::Status Apply(absl::string_view key, const std::string* value,
                     Version revision) override {
    if (value == nullptr) {
      auto it = data_.find(key);
      if (it != data_.end()) data_.erase(it);
    } else {
      KeyValue& kv = data_[std::string(key)];
      kv.key = std::string(key);
      kv.value = *value;
      kv.version = revision;
    }
    revision_ = revision;
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<KeyValue>> Scan(
      absl::string_view prefix) override {
    std::vector<KeyValue> out;
    for (auto it = data_.lower_bound(prefix);
         it != data_.end() &&
         absl::string_view(it->first).substr(0, prefix.size()) == prefix;
         ++it) {
      out.push_back(it->second);
    }
    return out;
  }

 private:
  std::map<std::string, KeyValue, std::less<>> data_;
  Version revision_ = 0;
};

}  // namespace

std::unique_ptr<LocalStore> NewMapStore() {
  return std::make_unique<MapStore>();
}

}  // namespace tessera::topo::internal
