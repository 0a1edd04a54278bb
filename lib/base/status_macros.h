// Status propagation macros (Debian's Abseil 20220623 has no status_macros.h).
//
//   TESSERA_RETURN_IF_ERROR(DoThing());
//   TESSERA_ASSIGN_OR_RETURN(auto conn, pool.Get());
//   TESSERA_ASSIGN_OR_RETURN(int n, Parse(s));
#ifndef TESSERA_LIB_BASE_STATUS_MACROS_H_
#define TESSERA_LIB_BASE_STATUS_MACROS_H_

#include <utility>

#include "absl/base/optimization.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define TESSERA_RETURN_IF_ERROR(expr)                \
  do {                                               \
    ::absl::Status tessera_status_ = (expr);         \
    if (ABSL_PREDICT_FALSE(!tessera_status_.ok())) { \
      return tessera_status_;                        \
    }                                                \
  } while (false)

#define TESSERA_STATUS_CONCAT_INNER_(a, b) a##b
#define TESSERA_STATUS_CONCAT_(a, b) TESSERA_STATUS_CONCAT_INNER_(a, b)

#define TESSERA_ASSIGN_OR_RETURN(lhs, rexpr) \
  TESSERA_ASSIGN_OR_RETURN_IMPL_(            \
      TESSERA_STATUS_CONCAT_(tessera_statusor_, __LINE__), lhs, rexpr)

#define TESSERA_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                   \
  if (ABSL_PREDICT_FALSE(!statusor.ok())) {                  \
    return std::move(statusor).status();                     \
  }                                                          \
  lhs = std::move(statusor).value()

#endif  // TESSERA_LIB_BASE_STATUS_MACROS_H_
