// A thread-safe LRU cache of plans, bounded by an estimate of their memory.
//
// Keys are built by the router from the normalized SQL, the session's target
// and the plan-relevant session state; values are immutable plans shared by
// all sessions. The cache is split into independently locked partitions so
// concurrent sessions rarely contend. A generation number, bumped when a
// VSchema changes (topology watch), makes every older entry a miss without
// walking the cache; stale entries age out through the LRU.
#ifndef TESSERA_LIB_PLANNER_PLAN_CACHE_H_
#define TESSERA_LIB_PLANNER_PLAN_CACHE_H_

#include <atomic>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace tessera::planner {

struct PlanCacheStats {
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t evictions = 0;
  uint64_t entries = 0;
  int64_t bytes = 0;
};

template <typename Plan>
class PlanCache {
 public:
  // `capacity_bytes` is shared evenly by `partitions` partitions.
  explicit PlanCache(int64_t capacity_bytes, int partitions = 8)
      : partitions_(partitions < 1 ? 1 : partitions) {
    for (auto& p : partitions_) {
      p.capacity = capacity_bytes / static_cast<int64_t>(partitions_.size());
    }
  }

  // The plan for `key`, or nullptr (counted as a miss).
  std::shared_ptr<const Plan> Get(absl::string_view key) {
    uint64_t gen = generation_.load(std::memory_order_acquire);
    const size_t hash = Hash(key);  // once: picks the partition and the slot
    Partition& p = PartitionFor(hash);
    absl::MutexLock lock(&p.mu);
    auto it = p.index.find(key, hash);
    if (it == p.index.end() || it->second->generation != gen) {
      ++p.misses;
      return nullptr;
    }
    p.lru.splice(p.lru.begin(), p.lru, it->second);
    ++p.hits;
    return it->second->plan;
  }

  // Inserts or replaces `key`. `bytes` estimates the plan's memory; plans
  // larger than a partition are not cached.
  void Put(absl::string_view key, std::shared_ptr<const Plan> plan,
           int64_t bytes) {
    uint64_t gen = generation_.load(std::memory_order_acquire);
    Partition& p = PartitionFor(Hash(key));
    int64_t cost = bytes + static_cast<int64_t>(key.size()) + kEntryOverhead;
    absl::MutexLock lock(&p.mu);
    if (cost > p.capacity) return;
    if (auto it = p.index.find(key); it != p.index.end()) {
      p.bytes -= it->second->cost;
      p.lru.erase(it->second);
      p.index.erase(it);
    }
    p.lru.push_front(Entry{std::string(key), std::move(plan), cost, gen});
    p.index.emplace(p.lru.front().key, p.lru.begin());
    p.bytes += cost;
    while (p.bytes > p.capacity && !p.lru.empty()) {
      Entry& victim = p.lru.back();
      p.bytes -= victim.cost;
      p.index.erase(victim.key);
      p.lru.pop_back();
      ++p.evictions;
    }
  }

  // Makes every cached plan stale (e.g. the VSchema changed).
  void Invalidate() { generation_.fetch_add(1, std::memory_order_acq_rel); }

  PlanCacheStats Stats() const {
    PlanCacheStats s;
    for (const auto& p : partitions_) {
      absl::MutexLock lock(&p.mu);
      s.hits += p.hits;
      s.misses += p.misses;
      s.evictions += p.evictions;
      s.entries += p.index.size();
      s.bytes += p.bytes;
    }
    return s;
  }

 private:
  static constexpr int64_t kEntryOverhead = 96;
  using Hasher = absl::Hash<absl::string_view>;
  struct Entry {
    std::string key;
    std::shared_ptr<const Plan> plan;
    int64_t cost;
    uint64_t generation;
  };
  using List = std::list<Entry>;
  struct Partition {
    mutable absl::Mutex mu;
    List lru ABSL_GUARDED_BY(mu);  // most recent first
    // Keys view the strings owned by the list entries.
    absl::flat_hash_map<absl::string_view, typename List::iterator, Hasher>
        index ABSL_GUARDED_BY(mu);
    int64_t capacity = 0;
    int64_t bytes ABSL_GUARDED_BY(mu) = 0;
    uint64_t hits ABSL_GUARDED_BY(mu) = 0;
    uint64_t misses ABSL_GUARDED_BY(mu) = 0;
    uint64_t evictions ABSL_GUARDED_BY(mu) = 0;
  };

  static size_t Hash(absl::string_view key) { return Hasher{}(key); }
  // The high bits, independent of the bits the maps use for slots.
  Partition& PartitionFor(size_t hash) {
    return partitions_[(hash >> 40) % partitions_.size()];
  }

  std::vector<Partition> partitions_;
  std::atomic<uint64_t> generation_{0};
};

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_PLAN_CACHE_H_
