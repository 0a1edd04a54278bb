// Result column names as one MariaDB server gives them. MariaDB names an
// unaliased expression column after the expression's text as written
// ("1+1", "COUNT(*)"); the shards see the router's formatted SQL
// ("1 + 1", "count(*)"), so the router puts the client's text back.
#ifndef TESSERA_LIB_ROUTER_COLUMN_NAMES_H_
#define TESSERA_LIB_ROUTER_COLUMN_NAMES_H_

#include <string>
#include <utility>
#include <vector>

#include "lib/sql/parser.h"
#include "tessera/result.h"
#include "tessera/router.h"

namespace tessera::router {

// One entry per select item of the statement's first query block: the name
// MariaDB would give it when the shards' name may differ (the alias; the
// text of an unaliased expression that is not a column, literal or
// parameter), else "". Empty
// when the statement is not a SELECT or the block has `*`. Call it on the
// parsed statement, before normalizing and planning (they alias items).
std::vector<std::string> ClientColumnNames(const sql::ParsedStatement& stmt);

// Renames fields[i] to names[i] where names[i] is not empty. Does nothing
// when the counts differ.
void ApplyColumnNames(const std::vector<std::string>& names,
                      std::vector<Field>* fields);

// Forwards to `sink` with the fields renamed by ApplyColumnNames.
class RenamingSink : public ResultSink {
 public:
  RenamingSink(const std::vector<std::string>& names, ResultSink* sink)
      : names_(names), sink_(sink) {}
  absl::Status OnFields(const std::vector<Field>& fields) override;
  absl::Status OnRow(Row row) override { return sink_->OnRow(std::move(row)); }

 private:
  const std::vector<std::string>& names_;
  ResultSink* sink_;
};

}  // namespace tessera::router

#endif  // TESSERA_LIB_ROUTER_COLUMN_NAMES_H_
