#include "tests/differential/differ.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace tessera::difftest {

std::string Tally::Summary(const std::string& name) const {
  std::string out =
      absl::StrCat(name, ": compared ", compared, ", equal ", equal,
                   ", refused (1235) ", refused, ", failed ", failed, "\n");
  std::vector<std::pair<int, std::string>> reasons;
  for (const auto& [message, n] : refusals) reasons.push_back({n, message});
  std::sort(reasons.begin(), reasons.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [n, message] : reasons) {
    absl::StrAppend(&out, "  refused ", n, "x: ", message, "\n");
  }
  return out;
}

bool Differ::Run(const Statement& statement, const std::string& where) {
  Outcome sub = FromRouter(router_.Execute(session_, statement.sql));
  ++tally_.compared;
  if (writes_ && sub.error == kNotSupportedYet) {
    ++tally_.refused;
    ++tally_.refusals[sub.message];
    return true;
  }
  Outcome ref = reference_.Run(statement.sql);
  std::string verdict = Compare(statement, ref, sub);
  if (verdict.empty()) {
    ++tally_.equal;
    return true;
  }
  if (verdict == "unsupported") {
    ++tally_.refused;
    ++tally_.refusals[sub.message];
    return true;
  }
  ++tally_.failed;
  tally_.failures.push_back(absl::StrCat("FAIL ", where, " [", statement.group,
                                         "]: ", verdict, "\n  ", statement.sql,
                                         "\n  reference: ", Describe(ref),
                                         "\n  router:    ", Describe(sub)));
  return false;
}

}  // namespace tessera::difftest
