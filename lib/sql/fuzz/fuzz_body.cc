#include "lib/sql/fuzz/fuzz_body.h"

#include "absl/strings/str_cat.h"
#include "lib/sql/classify.h"
#include "lib/sql/format.h"
#include "lib/sql/normalize.h"
#include "lib/sql/parser.h"

namespace tessera::sql {

std::string FuzzOne(absl::string_view sql) {
  (void)Classify(sql);
  (void)SplitStatements(sql);
  auto p = Parse(sql);
  if (!p.ok()) return "";
  std::string f = Format(*p);
  auto q = Parse(f);
  if (!q.ok()) {
    return absl::StrCat("canonical form does not parse: ", f, " (",
                        q.status().message(), ")");
  }
  if (Format(*q) != f) {
    return absl::StrCat("format is not stable: ", f, " -> ", Format(*q));
  }
  FormatOptions all;
  all.parenthesize_all = true;
  if (Format(*q, all) != Format(*p, all)) {
    return absl::StrCat("tree shape changed: ", Format(*p, all), " -> ",
                        Format(*q, all));
  }
  auto n = Normalize(sql);
  if (n.ok() && !Parse(n->sql).ok()) {
    return absl::StrCat("normalized form does not parse: ", n->sql);
  }
  return "";
}

}  // namespace tessera::sql
