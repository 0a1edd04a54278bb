#include "lib/vschema/sequence.h"

#include <algorithm>
#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace tessera::vschema {
namespace {

using vindex::BoundQuery;
using vindex::ExecMode;
using vindex::QueryExecutor;
using vindex::Value;

bool IsTableName(absl::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return absl::ascii_isalnum(c) || c == '_' || c == '$' || c == '.';
  });
}

absl::StatusOr<int64_t> ToInt(const Value& v, absl::string_view what) {
  int64_t out;
  if (v.is_null() || !absl::SimpleAtoi(v.data(), &out)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "sequence ", what, " is not an integer: ", v.DebugString()));
  }
  return out;
}

}  // namespace

int64_t SequenceAllocator::cached() const {
  absl::MutexLock lock(&mu_);
  return limit_ - next_;
}

absl::StatusOr<int64_t> SequenceAllocator::Next(QueryExecutor* executor,
                                                int64_t count) {
  if (count < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("sequence ", table_, ": count must be >= 1"));
  }
  if (std::optional<int64_t> first = TakeCached(count)) return *first;
  absl::MutexLock refill(&refill_mu_);
  // Another caller may have refilled while this one waited.
  if (std::optional<int64_t> first = TakeCached(count)) return *first;
  absl::StatusOr<Block> block = Reserve(executor, count);
  if (!block.ok()) return block.status();
  absl::MutexLock lock(&mu_);
  // The ids still in memory are fewer than `count`. When the new block
  // starts where they end (no other router took ids from the table
  // meanwhile), they are used first, so one router hands out ids without
  // gaps; otherwise they are skipped.
  int64_t first = block->first == limit_ ? next_ : block->first;
  next_ = first + count;
  limit_ = block->limit;
  return first;
}

std::optional<int64_t> SequenceAllocator::TakeCached(int64_t count) {
  absl::MutexLock lock(&mu_);
  if (limit_ - next_ < count) return std::nullopt;
  int64_t first = next_;
  next_ += count;
  return first;
}

absl::StatusOr<SequenceAllocator::Block> SequenceAllocator::Reserve(
    QueryExecutor* executor, int64_t count) {
  if (!IsTableName(table_)) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad sequence table name '", table_, "'"));
  }
  if (executor == nullptr) {
    return absl::FailedPreconditionError("sequence needs a query executor");
  }
  auto run = [&](std::string sql, std::vector<Value> params = {}) {
    return executor->Execute(BoundQuery{std::move(sql), std::move(params), {}},
                             ExecMode::kSession);
  };
  auto fail = [&](absl::Status s) {
    (void)run("rollback");
    return s;
  };
  if (auto r = run("begin"); !r.ok()) return r.status();
  auto row = run(absl::StrCat("select next_id, cache from ", table_,
                              " where id = 0 for update"));
  if (!row.ok()) return fail(row.status());
  if (row->rows.empty() || row->rows[0].size() < 2) {
    return fail(absl::FailedPreconditionError(
        absl::StrCat("sequence table ", table_, " has no row with id = 0")));
  }
  auto next_id = ToInt(row->rows[0][0], "next_id");
  if (!next_id.ok()) return fail(next_id.status());
  auto cache = ToInt(row->rows[0][1], "cache");
  if (!cache.ok()) return fail(cache.status());
  if (*cache < 1) {
    return fail(absl::FailedPreconditionError(absl::StrCat(
        "sequence table ", table_, ": cache must be >= 1, is ", *cache)));
  }
  // Whole blocks of `cache` ids, enough for `count`.
  int64_t blocks = (count + *cache - 1) / *cache;
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  if (blocks > kMax / *cache || *next_id > kMax - blocks * *cache) {
    return fail(absl::OutOfRangeError(
        absl::StrCat("sequence ", table_, " is exhausted")));
  }
  int64_t new_next = *next_id + blocks * *cache;
  auto upd =
      run(absl::StrCat("update ", table_, " set next_id = ? where id = 0"),
          {Value::Int64(new_next)});
  if (!upd.ok()) return fail(upd.status());
  if (auto r = run("commit"); !r.ok()) return fail(r.status());
  return Block{*next_id, new_next};
}

SequenceAllocator& SequenceAllocators::For(const std::string& table) {
  absl::MutexLock lock(&mu_);
  std::unique_ptr<SequenceAllocator>& slot = allocators_[table];
  if (slot == nullptr) slot = std::make_unique<SequenceAllocator>(table);
  return *slot;
}

}  // namespace tessera::vschema
