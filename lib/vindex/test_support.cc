#include "lib/vindex/test_support.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "absl/strings/str_cat.h"

namespace tessera::vindex::testing {

bool HaveTool(const std::string& path) {
  return access(path.c_str(), X_OK) == 0;
}

std::optional<std::string> RunTool(const std::string& command,
                                   absl::string_view input) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  std::string dir = tmp != nullptr ? tmp : "/tmp";
  std::string in_path = absl::StrCat(dir, "/tool_input_", getpid());
  {
    std::ofstream f(in_path, std::ios::binary);
    f.write(input.data(), static_cast<std::streamsize>(input.size()));
  }
  std::string full = absl::StrCat(command, " < '", in_path, "' 2>/dev/null");
  FILE* p = popen(full.c_str(), "r");
  if (p == nullptr) return std::nullopt;
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), p)) > 0) out.append(buf, n);
  int rc = pclose(p);
  std::remove(in_path.c_str());
  if (rc != 0) return std::nullopt;
  return out;
}

absl::StatusOr<QueryResult> FakeExecutor::Execute(const BoundQuery& query,
                                                  ExecMode mode) {
  auto sql = InterpolateQuery(query);
  if (!sql.ok()) return sql.status();
  if (query.target_keyspace_id.has_value()) {
    *sql += absl::StrCat(" /* ksid ", query.target_keyspace_id->size(), " */");
  }
  calls_.push_back(Call{*sql, mode});
  if (!handler_) return QueryResult{};
  return handler_(*sql, mode);
}

}  // namespace tessera::vindex::testing
