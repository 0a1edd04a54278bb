#include "lib/sql/testing/server_judge.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/base/mysql_error.h"
#include "lib/sql/lexer.h"

namespace tessera::sql::testing {

using ::tessera::testing::MariadbServer;

std::string QuoteSqlString(absl::string_view sql) {
  std::string q;
  q.reserve(sql.size() + 8);
  for (char c : sql) {
    if (c == '\\' || c == '\'') q.push_back('\\');
    if (c == '\0') {
      q += "\\0";
      continue;
    }
    q.push_back(c);
  }
  return q;
}

int CountPlaceholders(absl::string_view sql) {
  LexResult lexed;
  if (!Lex(sql, LexOptions(), &lexed).ok()) return 0;
  int n = 0;
  for (const Token& t : lexed.tokens) n += t.kind == Tok::kParam;
  return n;
}

int ErrnoOf(const absl::Status& status) {
  return status.ok() ? 0 : ToMysqlError(status).code;
}

int PrepareErrno(const MariadbServer& server, absl::string_view db,
                 absl::string_view sql) {
  return ErrnoOf(::tessera::testing::Exec(
      server, absl::StrCat("PREPARE s FROM '", QuoteSqlString(sql), "'"), db));
}

absl::StatusOr<std::vector<std::string>> RunRows(const MariadbServer& server,
                                                 absl::string_view db,
                                                 absl::string_view sql) {
  std::string text(sql);
  if (int n = CountPlaceholders(sql); n > 0) {
    std::vector<std::string> ones(n, "1");
    text = absl::StrCat("EXECUTE IMMEDIATE '", QuoteSqlString(sql),
                        "' USING ", absl::StrJoin(ones, ", "));
  }
  auto rows = ::tessera::testing::Query(server, text, db);
  if (!rows.ok()) return rows.status();
  std::vector<std::string> out;
  out.reserve(rows->size());
  for (const auto& row : *rows) {
    std::vector<std::string> cells;
    for (const auto& cell : row) cells.push_back(cell ? *cell : "NULL");
    out.push_back(absl::StrJoin(cells, "|"));
  }
  return out;
}

Comparison CompareResults(const MariadbServer& server, absl::string_view db,
                          absl::string_view original,
                          absl::string_view canonical) {
  auto first = RunRows(server, db, original);
  if (!first.ok()) return {Comparison::kRejected, first.status().ToString()};
  auto second = RunRows(server, db, original);
  if (!second.ok() || *second != *first) {
    return {Comparison::kNotRepeatable, ""};
  }
  auto canon = RunRows(server, db, canonical);
  if (!canon.ok()) {
    return {Comparison::kDifferent,
            absl::StrCat("canonical fails: ", canon.status().ToString())};
  }
  if (*canon != *first) {
    auto third = RunRows(server, db, original);
    if (!third.ok() || *third != *first) return {Comparison::kNotRepeatable, ""};
    return {Comparison::kDifferent,
            absl::StrCat("original rows:\n  ", absl::StrJoin(*first, "\n  "),
                         "\ncanonical rows:\n  ", absl::StrJoin(*canon, "\n  "))};
  }
  return {Comparison::kSame, ""};
}

}  // namespace tessera::sql::testing
