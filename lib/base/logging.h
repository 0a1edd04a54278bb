// Logging through spdlog (Debian's libspdlog-dev); see docs/building.md.
//
//   TESSERA_LOG_INFO("shard {} up on port {}", name, port);
//
// Messages go to stderr with a timestamp and level. The level is set once at
// program start by the service's main() with SetLogLevel().
#ifndef TESSERA_LIB_BASE_LOGGING_H_
#define TESSERA_LIB_BASE_LOGGING_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "spdlog/spdlog.h"

namespace tessera {

// Accepts "trace", "debug", "info", "warn", "error", "off".
absl::Status SetLogLevel(absl::string_view level);

}  // namespace tessera

#define TESSERA_LOG_DEBUG(...) ::spdlog::debug(__VA_ARGS__)
#define TESSERA_LOG_INFO(...) ::spdlog::info(__VA_ARGS__)
#define TESSERA_LOG_WARN(...) ::spdlog::warn(__VA_ARGS__)
#define TESSERA_LOG_ERROR(...) ::spdlog::error(__VA_ARGS__)

#endif  // TESSERA_LIB_BASE_LOGGING_H_
