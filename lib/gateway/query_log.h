// The recent slow queries behind /debug/queryz: statements that ran at least
// `threshold`, newest first, at most `capacity` kept. Literals are redacted
// when a query is recorded (RedactSql), so user data never sits in memory
// here; the page HTML-escapes everything it prints.
//
// Thread-safe.
#ifndef TESSERA_LIB_GATEWAY_QUERY_LOG_H_
#define TESSERA_LIB_GATEWAY_QUERY_LOG_H_

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "lib/mysql/observer.h"

namespace tessera::gateway {

// `sql` with every literal (strings, numbers, hex and bit values) replaced
// by `?` and comments dropped; tokens are joined by single spaces. Text the
// lexer cannot read (an unterminated string) is not shown at all.
std::string RedactSql(absl::string_view sql);
// Escapes & < > " ' for HTML text and attributes.
std::string HtmlEscape(absl::string_view text);

struct SlowQuery {
  absl::Time when;  // when it finished
  absl::Duration elapsed;
  uint32_t connection_id = 0;
  std::string user;
  std::string command;  // "query", "execute", "prepare"
  std::string sql;      // redacted unless the log was built with redact=false
  uint16_t error_code = 0;
  uint64_t rows = 0;
};

class QueryLog : public mysql::ServerObserver {
 public:
  // `redact` false keeps statement text as sent (debugging only).
  QueryLog(absl::Duration threshold, size_t capacity, bool redact = true);

  void OnCommand(const mysql::CommandEvent& event) override;
  std::vector<SlowQuery> Recent() const;  // newest first
  // The /debug/queryz page.
  std::string RenderHtml() const;

 private:
  const absl::Duration threshold_;
  const size_t capacity_;
  const bool redact_;
  mutable absl::Mutex mu_;
  std::deque<SlowQuery> entries_ ABSL_GUARDED_BY(mu_);  // newest first
};

}  // namespace tessera::gateway

#endif  // TESSERA_LIB_GATEWAY_QUERY_LOG_H_
