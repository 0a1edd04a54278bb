#include "lib/testing/rows.h"

#include "absl/strings/str_join.h"

namespace tessera::testing {

std::vector<std::string> RowStrings(const Result& result) {
  std::vector<std::string> out;
  for (const Row& row : result.rows) {
    std::vector<std::string> cells;
    for (const Value& v : row) {
      cells.push_back(v.is_null() ? "NULL" : std::string(v.bytes()));
    }
    out.push_back(absl::StrJoin(cells, "|"));
  }
  return out;
}

std::vector<std::string> RowStrings(
    const std::vector<std::vector<std::optional<std::string>>>& rows) {
  std::vector<std::string> out;
  for (const auto& row : rows) {
    std::vector<std::string> cells;
    for (const auto& c : row) cells.push_back(c ? *c : "NULL");
    out.push_back(absl::StrJoin(cells, "|"));
  }
  return out;
}

}  // namespace tessera::testing
