// Errors, buffers and versions of the C ABI.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/capi/internal.h"

namespace tessera::capi {

namespace {
constexpr char kPrefix[] = "ERROR ";
constexpr size_t kPrefixLen = sizeof(kPrefix) - 1;

// Where "(<sqlstate>): " starts in a well-formed message, or nullptr.
const char* SqlStateStart(const char* err) {
  if (err == nullptr || std::strncmp(err, kPrefix, kPrefixLen) != 0) {
    return nullptr;
  }
  const char* p = err + kPrefixLen;
  while (*p >= '0' && *p <= '9') ++p;
  if (p == err + kPrefixLen || std::strncmp(p, " (", 2) != 0) return nullptr;
  p += 2;
  for (int i = 0; i < 5; ++i) {
    if (p[i] == '\0') return nullptr;
  }
  if (std::strncmp(p + 5, "): ", 3) != 0) return nullptr;
  return p;
}
}  // namespace

void SaveError(char** errptr, const absl::Status& status) {
  if (errptr == nullptr) return;
  std::free(*errptr);
  MysqlErrorInfo e = ToMysqlError(status);
  std::string text =
      absl::StrCat(kPrefix, e.code, " (", e.sqlstate, "): ", e.message);
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out != nullptr) std::memcpy(out, text.c_str(), text.size() + 1);
  *errptr = out;
}

}  // namespace tessera::capi

extern "C" {

const char* tessera_version(void) noexcept { return "0.1.0"; }

int tessera_abi_version(void) noexcept { return TESSERA_C_ABI_VERSION; }

void tessera_free(void* ptr) noexcept { std::free(ptr); }

uint16_t tessera_errno(const char* err) noexcept {
  if (err == nullptr) return 0;
  if (tessera::capi::SqlStateStart(err) == nullptr) {
    return tessera::er::kUnknownError;
  }
  unsigned long code =
      std::strtoul(err + tessera::capi::kPrefixLen, nullptr, 10);
  return code > 65535 ? tessera::er::kUnknownError
                      : static_cast<uint16_t>(code);
}

void tessera_sqlstate(const char* err, char sqlstate[6]) noexcept {
  const char* state = err == nullptr ? "00000" : "HY000";
  if (const char* p = tessera::capi::SqlStateStart(err)) state = p;
  std::memcpy(sqlstate, state, 5);
  sqlstate[5] = '\0';
}

const char* tessera_errmsg(const char* err) noexcept {
  if (err == nullptr) return "";
  if (const char* p = tessera::capi::SqlStateStart(err)) return p + 8;
  return err;
}

}  // extern "C"
