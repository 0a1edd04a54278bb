#include "lib/devcluster/sbtest.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/devcluster/sample.h"

namespace tessera::devcluster {

std::string SbtestVSchema() {
  std::vector<std::string> tables;
  for (int i = 1; i <= kSbtestTables; ++i) {
    tables.push_back(absl::StrCat(
        "\"sbtest", i,
        "\": {\"column_vindexes\": [{\"column\": \"id\", \"name\": \"hash\"}], "
        "\"auto_increment\": {\"column\": \"id\", \"sequence\": \"",
        kUnshardedKeyspace, ".sbtest", i, "_seq\"}}"));
  }
  return absl::StrCat(
      "{\"sharded\": true, \"vindexes\": {\"hash\": {\"type\": \"hash\"}}, "
      "\"tables\": {",
      absl::StrJoin(tables, ", "), "}}");
}

std::string SbtestSequenceTables() {
  std::vector<std::string> tables;
  for (int i = 1; i <= kSbtestTables; ++i) {
    tables.push_back(
        absl::StrCat("\"sbtest", i, "_seq\": {\"type\": \"sequence\"}"));
  }
  return absl::StrJoin(tables, ", ");
}

std::string SbtestSequenceSql() {
  std::string sql;
  for (int i = 1; i <= kSbtestTables; ++i) {
    absl::StrAppend(&sql, "CREATE TABLE IF NOT EXISTS sbtest", i,
                    "_seq (id INT PRIMARY KEY, next_id BIGINT, cache BIGINT) "
                    "COMMENT 'vitess_sequence';",
                    "INSERT IGNORE INTO sbtest", i,
                    "_seq (id, next_id, cache) VALUES (0, 1, 1000);");
  }
  return sql;
}

}  // namespace tessera::devcluster
