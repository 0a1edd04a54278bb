// SequenceAllocator: unique ids from a Vitess-style sequence table.
//
// The table lives in an unsharded keyspace and holds one row:
//   create table user_seq (id int, next_id bigint, cache bigint,
//                          primary key(id)) comment 'vitess_sequence';
//   insert into user_seq (id, next_id, cache) values (0, 1, 1000);
// `next_id` is the first id no gateway has reserved yet. An allocator
// reserves a block of `cache` ids at a time with
//   begin; select next_id, cache from T where id = 0 for update;
//   update T set next_id = next_id + N where id = 0; commit
// and hands them out from memory. The row lock serializes concurrent
// gateways, so blocks never overlap; ids left in a block when a process
// exits are skipped, never reused.
//
// Thread safety: Next may be called from many threads. One thread at a
// time refills (refill_mu_, held across the round trip); the ids in memory
// are under mu_, never held across a query, so callers whose request the
// cached ids still cover are served while a refill is in flight, and only
// callers that need the new block wait for it.
#ifndef TESSERA_LIB_VSCHEMA_SEQUENCE_H_
#define TESSERA_LIB_VSCHEMA_SEQUENCE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "lib/vindex/query_executor.h"

namespace tessera::vschema {

class SequenceAllocator {
 public:
  // `table` is the sequence table's name as the executor should see it
  // ("user_seq" or "ks.user_seq").
  explicit SequenceAllocator(std::string table) : table_(std::move(table)) {}

  // Reserves `count` (>= 1) consecutive ids and returns the first.
  // `executor` must run its queries on one connection (kSession mode
  // carries begin/commit); it is used only while refilling.
  // Errors: InvalidArgument for count < 1 or a bad table name;
  // FailedPrecondition when the table has no row id=0, or cache < 1;
  // OutOfRange on int64 overflow; the executor's errors (after a rollback).
  absl::StatusOr<int64_t> Next(vindex::QueryExecutor* executor,
                               int64_t count = 1) ABSL_LOCKS_EXCLUDED(mu_);

  // Ids still cached in memory (for tests and metrics).
  int64_t cached() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  // Takes `count` ids from memory if there are enough.
  std::optional<int64_t> TakeCached(int64_t count) ABSL_LOCKS_EXCLUDED(mu_);

  struct Block {
    int64_t first;  // first id
    int64_t limit;  // one past the last id
  };
  // Reserves whole blocks of `cache` ids covering `count` in the table.
  absl::StatusOr<Block> Reserve(vindex::QueryExecutor* executor, int64_t count)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(refill_mu_);

  const std::string table_;
  absl::Mutex refill_mu_ ABSL_ACQUIRED_BEFORE(mu_);
  mutable absl::Mutex mu_;
  int64_t next_ ABSL_GUARDED_BY(mu_) = 0;   // next id to hand out
  int64_t limit_ ABSL_GUARDED_BY(mu_) = 0;  // end of the reserved block
};

// One SequenceAllocator per sequence table, created on first use. Thread-
// safe; returned references stay valid for the set's lifetime.
class SequenceAllocators {
 public:
  SequenceAllocator& For(const std::string& table) ABSL_LOCKS_EXCLUDED(mu_);

 private:
  absl::Mutex mu_;
  std::map<std::string, std::unique_ptr<SequenceAllocator>> allocators_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace tessera::vschema

#endif  // TESSERA_LIB_VSCHEMA_SEQUENCE_H_
