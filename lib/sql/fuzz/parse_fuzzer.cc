// libFuzzer target: parse -> format -> parse must agree, never crash.
// Build and run with lib/sql/fuzz/run_fuzzer.sh (clang, ASan + UBSan).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "lib/sql/classify.h"
#include "lib/sql/format.h"
#include "lib/sql/normalize.h"
#include "lib/sql/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tessera::sql;
  absl::string_view sql(reinterpret_cast<const char*>(data), size);
  (void)Classify(sql);
  (void)SplitStatements(sql);
  auto p = Parse(sql);
  if (!p.ok()) return 0;
  std::string f = Format(*p);
  auto q = Parse(f);
  if (!q.ok()) std::abort();  // canonical text must parse
  FormatOptions all;
  all.parenthesize_all = true;
  if (Format(*q) != f || Format(*q, all) != Format(*p, all)) std::abort();
  auto n = Normalize(sql);
  if (n.ok() && !Parse(n->sql).ok()) std::abort();
  return 0;
}
