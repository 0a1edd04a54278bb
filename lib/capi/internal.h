// The structs behind the opaque handles of include/tessera/c.h. Each holds
// the C++ object it stands for in `rep` (as leveldb's db/c.cc does); errors
// become C strings in one place, SaveError.
#ifndef TESSERA_LIB_CAPI_INTERNAL_H_
#define TESSERA_LIB_CAPI_INTERNAL_H_

#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "tessera/c.h"
#include "tessera/router.h"

struct tessera_options_t {
  tessera::RouterOptions rep;
  int transaction_mode = TESSERA_TXN_MULTI;
};

struct tessera_router_t {
  std::unique_ptr<tessera::Router> rep;
};

struct tessera_session_t {
  tessera::Router* router = nullptr;
  std::unique_ptr<tessera::Session> rep;
};

struct tessera_params_t {
  std::vector<tessera::BindValue> rep;
};

struct tessera_result_t {
  tessera::Result rep;
  // Index of the current row for tessera_result_next; -1 before the first.
  int64_t current = -1;
};

namespace tessera::capi {

// Stores `status` (not OK) in *errptr as "ERROR <errno> (<sqlstate>): msg",
// freeing a message already there. A null `errptr` drops the error.
void SaveError(char** errptr, const absl::Status& status);

// A C string argument (pointer + length, NULL allowed when empty).
inline std::string CStr(const char* p, size_t n) {
  return p == nullptr ? std::string() : std::string(p, n);
}

// Runs `f` (returning a pointer) and turns a C++ exception escaping it
// (std::bad_alloc from a huge result, say) into an error: nothing unwinds
// into C.
template <typename F>
auto Guard(char** errptr, F&& f) noexcept -> decltype(f()) {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    SaveError(errptr, absl::ResourceExhaustedError("out of memory"));
  } catch (...) {
    SaveError(errptr, absl::InternalError("unexpected C++ exception"));
  }
  return nullptr;
}

// Wraps any Router (tests and benchmarks pass fakes) as a C handle.
tessera_router_t* WrapRouter(std::unique_ptr<tessera::Router> router);

}  // namespace tessera::capi

#endif  // TESSERA_LIB_CAPI_INTERNAL_H_
