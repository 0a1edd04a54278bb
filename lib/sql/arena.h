// A bump allocator for AST nodes. Nodes are trivially destructible: they hold
// string_views into the statement text and arena-allocated lists, so the
// arena frees everything at once without running destructors.
#ifndef TESSERA_LIB_SQL_ARENA_H_
#define TESSERA_LIB_SQL_ARENA_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace tessera::sql {

// Not thread-safe; movable, not copyable.
class Arena {
 public:
  explicit Arena(size_t first_block = 2048) : next_size_(first_block) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  Arena(Arena&& o) noexcept { *this = std::move(o); }
  Arena& operator=(Arena&& o) noexcept {
    if (this != &o) {
      Free();
      head_ = std::exchange(o.head_, nullptr);
      ptr_ = std::exchange(o.ptr_, nullptr);
      end_ = std::exchange(o.end_, nullptr);
      next_size_ = o.next_size_;
      used_ = std::exchange(o.used_, 0);
    }
    return *this;
  }
  ~Arena() { Free(); }

  void* Allocate(size_t n, size_t align = alignof(std::max_align_t)) {
    uintptr_t p =
        (reinterpret_cast<uintptr_t>(ptr_) + align - 1) & ~(align - 1);
    // Before the first block ptr_ == end_ == nullptr, so p + n >= end_.
    if (__builtin_expect(p + n >= reinterpret_cast<uintptr_t>(end_), 0)) {
      return AllocateInNewBlock(n, align);
    }
    ptr_ = reinterpret_cast<char*>(p + n);
    return reinterpret_cast<void*>(p);
  }

  template <typename T, typename... Args>
  T* New(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>);
    return new (Allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
  }

  template <typename T>
  T* NewArray(size_t n) {
    static_assert(std::is_trivially_destructible_v<T>);
    if (n == 0) return nullptr;
    T* p = static_cast<T*>(Allocate(sizeof(T) * n, alignof(T)));
    for (size_t i = 0; i < n; ++i) new (p + i) T();
    return p;
  }

  // Bytes obtained from malloc so far.
  size_t bytes_reserved() const { return used_; }

 private:
  struct Block {
    Block* next;
  };
  // Out of line, so that the inlined fast path of Allocate() costs its
  // callers no registers.
  [[gnu::noinline]] void* AllocateInNewBlock(size_t n, size_t align) {
    NewBlock(n + align);
    uintptr_t p =
        (reinterpret_cast<uintptr_t>(ptr_) + align - 1) & ~(align - 1);
    ptr_ = reinterpret_cast<char*>(p + n);
    return reinterpret_cast<void*>(p);
  }
  void NewBlock(size_t min) {
    size_t size = next_size_;
    while (size < min + sizeof(Block)) size *= 2;
    next_size_ = size < (1u << 20) ? size * 2 : size;
    Block* b = static_cast<Block*>(std::malloc(size));
    if (b == nullptr) std::abort();
    b->next = head_;
    head_ = b;
    used_ += size;
    ptr_ = reinterpret_cast<char*>(b + 1);
    end_ = reinterpret_cast<char*>(b) + size;
  }
  void Free() {
    while (head_ != nullptr) {
      Block* n = head_->next;
      std::free(head_);
      head_ = n;
    }
    ptr_ = end_ = nullptr;
  }

  Block* head_ = nullptr;
  char* ptr_ = nullptr;
  char* end_ = nullptr;
  size_t next_size_;
  size_t used_ = 0;
};

// An arena-allocated array.
template <typename T>
struct List {
  T* data = nullptr;
  uint32_t size = 0;
  T* begin() const { return data; }
  T* end() const { return data + size; }
  T& operator[](size_t i) const { return data[i]; }
  bool empty() const { return size == 0; }
};

}  // namespace tessera::sql

#endif  // TESSERA_LIB_SQL_ARENA_H_
