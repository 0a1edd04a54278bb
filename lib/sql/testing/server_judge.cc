#include "lib/sql/testing/server_judge.h"

#include <cstdio>
#include <fstream>
#include <sstream>

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
    text = absl::StrCat("EXECUTE IMMEDIATE '", QuoteSqlString(sql), "' USING ",
                        absl::StrJoin(ones, ", "));
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
  if (!first.ok()) {
    return {Comparison::kRejected, first.status().ToString(),
            ErrnoOf(first.status())};
  }
  auto canon = RunRows(server, db, canonical);
  if (!canon.ok()) {
    return {Comparison::kDifferent,
            absl::StrCat("canonical fails: ", canon.status().ToString())};
  }
  if (*canon == *first) return {Comparison::kSame, ""};
  // Results that vary from run to run (ties in an ORDER BY, time, server
  // state): the two forms agree if some runs of them agree; if the
  // original alone varies, nothing can be concluded.
  std::vector<std::vector<std::string>> origs{*first}, canons{*canon};
  bool varies = false;
  for (int round = 0; round < 4; ++round) {
    auto o = RunRows(server, db, original);
    auto c = RunRows(server, db, canonical);
    if (!o.ok() || !c.ok()) return {Comparison::kNotRepeatable, ""};
    varies |= *o != *first;
    origs.push_back(*o);
    canons.push_back(*c);
    for (const auto& x : origs) {
      for (const auto& y : canons) {
        if (x == y) return {Comparison::kSame, ""};
      }
    }
  }
  if (varies) return {Comparison::kNotRepeatable, ""};
  return {Comparison::kDifferent,
          absl::StrCat("original rows:\n  ", absl::StrJoin(*first, "\n  "),
                       "\ncanonical rows:\n  ", absl::StrJoin(*canon, "\n  "))};
}

namespace {

// Runs `sql`, which writes `path`, and returns the file's contents; then
// removes the file (the server just created it: it refuses to overwrite).
absl::StatusOr<std::string> RunToFile(const MariadbServer& server,
                                      absl::string_view db,
                                      absl::string_view sql,
                                      const std::string& path) {
  auto rows = RunRows(server, db, sql);
  if (!rows.ok()) return rows.status();
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  std::remove(path.c_str());
  return content.str();
}

}  // namespace

Comparison CompareOutfiles(const MariadbServer& server, absl::string_view db,
                           absl::string_view original,
                           absl::string_view canonical,
                           const std::string& path) {
  auto first = RunToFile(server, db, original, path);
  if (!first.ok()) {
    return {Comparison::kRejected, first.status().ToString(),
            ErrnoOf(first.status())};
  }
  auto canon = RunToFile(server, db, canonical, path);
  if (!canon.ok()) {
    return {Comparison::kDifferent,
            absl::StrCat("canonical fails: ", canon.status().ToString())};
  }
  if (*canon == *first) return {Comparison::kSame, ""};
  return {Comparison::kDifferent, absl::StrCat("original file:\n", *first,
                                               "\ncanonical file:\n", *canon)};
}

}  // namespace tessera::sql::testing
