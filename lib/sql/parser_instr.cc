// Instruction counting driver for the parser benchmarks: runs one case N
// times so that `valgrind --tool=callgrind` totals for two values of N give
// the instructions per call (see docs/sql.md, Performance):
//   bazel build -c opt //lib/sql:parser_instr
//   valgrind --tool=callgrind bazel-bin/lib/sql/parser_instr short 2000
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/sql/format.h"
#include "lib/sql/lexer.h"
#include "lib/sql/normalize.h"
#include "lib/sql/parser.h"
#include "lib/sql/parser_cases.h"

int main(int argc, char** argv) {
  using namespace tessera::sql;
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: %s short|wide|lexwide|lexonly|insert|normalize|"
                 "formatwide|formatstmt N\n",
                 argv[0]);
    return 2;
  }
  absl::string_view which = argv[1];
  long n = std::atol(argv[2]);
  std::string insert = bench::Insert100();
  size_t sink = 0;
  LexResult lexed;
  auto wide = Parse(bench::kWide);
  // For lexonly: the 15-column SELECT followed by the lexer's padding, and
  // room for its tokens and the sentinel before them.
  const size_t wide_len = std::strlen(bench::kWide);
  std::string padded(bench::kWide);
  padded.append(internal::kLexPadding, '\0');
  std::vector<Token> lex_tokens(wide_len + 2);
  for (long i = 0; i < n; ++i) {
    if (which == "short") {
      sink += Parse(bench::kShort).ok();
    } else if (which == "wide") {
      sink += Parse(bench::kWide).ok();
    } else if (which == "lexwide") {
      sink += Lex(bench::kWide, LexOptions(), &lexed).ok();
    } else if (which == "lexonly") {  // the padded copy made once
      std::vector<HintComment> hints;
      size_t err;
      sink += internal::LexPadded(padded.data(), wide_len, LexOptions(),
                                  lex_tokens.data() + 1, &hints, &err);
    } else if (which == "insert") {
      sink += Parse(insert).ok();
    } else if (which == "formatwide") {
      sink += Format(*wide).size();
    } else if (which == "formatstmt") {  // unpadded path (the router's)
      std::string out;
      FormatStmt(*wide->root(), wide->sql(), {}, &out);
      sink += out.size();
    } else if (which == "normalize") {
      sink += Normalize(bench::kShort).ok();
    }
  }
  std::printf("%zu\n", sink);
  return 0;
}
