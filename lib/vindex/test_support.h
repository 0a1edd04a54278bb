// Test helpers for vindexes: independent reference computations through
// command-line tools, and a scripted fake QueryExecutor.
#ifndef TESSERA_LIB_VINDEX_TEST_SUPPORT_H_
#define TESSERA_LIB_VINDEX_TEST_SUPPORT_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/vindex/query_executor.h"

namespace tessera::vindex::testing {

// Runs `command` with `input` on stdin (through a temp file) and returns
// its stdout, or nullopt when the tool is missing or fails.
std::optional<std::string> RunTool(const std::string& command,
                                   absl::string_view input);

// Whether an executable exists at `path`.
bool HaveTool(const std::string& path);

// Records every query (interpolated) with its mode, and answers with a
// handler the test installs.
class FakeExecutor : public QueryExecutor {
 public:
  struct Call {
    std::string sql;  // interpolated
    ExecMode mode;
  };
  using Handler = std::function<absl::StatusOr<QueryResult>(
      const std::string& sql, ExecMode mode)>;
  void set_handler(Handler h) { handler_ = std::move(h); }
  const std::vector<Call>& calls() const { return calls_; }
  void clear() { calls_.clear(); }

  absl::StatusOr<QueryResult> Execute(const BoundQuery& query,
                                      ExecMode mode) override;

 private:
  Handler handler_;
  std::vector<Call> calls_;
};

}  // namespace tessera::vindex::testing

#endif  // TESSERA_LIB_VINDEX_TEST_SUPPORT_H_
