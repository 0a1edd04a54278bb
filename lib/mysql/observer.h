// Hooks through which the protocol server reports what it does, so that a
// layer above it (the gateway's metrics and query log) can count and record
// commands without the server knowing about Prometheus or HTML.
#ifndef TESSERA_LIB_MYSQL_OBSERVER_H_
#define TESSERA_LIB_MYSQL_OBSERVER_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/mysql/constants.h"

namespace tessera::mysql {

// One finished COM_QUERY, COM_STMT_PREPARE or COM_STMT_EXECUTE (the commands
// that reach the session). The views are valid during the call only.
struct CommandEvent {
  uint32_t connection_id = 0;
  absl::string_view user;
  Command command = Command::kQuery;
  // The statement text as the client sent it (for COM_STMT_EXECUTE, the
  // prepared text with its `?` placeholders). Not redacted.
  absl::string_view sql;
  absl::Duration elapsed;
  uint16_t error_code = 0;  // 0: every statement succeeded
  uint64_t rows = 0;        // rows returned, summed over result sets
  uint64_t affected_rows = 0;
};

// Thread-safe: called from the server's I/O threads, concurrently for
// different connections, after the response has been queued. Keep it cheap.
class ServerObserver {
 public:
  virtual ~ServerObserver() = default;
  virtual void OnCommand(const CommandEvent& event) = 0;
};

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_OBSERVER_H_
