#include "lib/sql/testing/corpus.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "lib/sql/classify.h"
#include "lib/sql/lexer.h"

namespace tessera::sql::testing {

const std::vector<std::string>& CorpusNames() {
  static const auto* names = new std::vector<std::string>{
      "connectors", "orm", "analytics", "functions"};
  return *names;
}

absl::StatusOr<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in.good()) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

namespace {

// Whether `piece` holds anything but comments and space.
bool HasTokens(absl::string_view piece) {
  LexResult lexed;
  if (!Lex(piece, LexOptions(), &lexed).ok()) return true;
  return lexed.tokens.size() > 1;
}

}  // namespace

absl::StatusOr<std::vector<CorpusStatement>> LoadCorpus(
    absl::string_view name) {
  auto text = ReadTextFile(absl::StrCat("lib/sql/testdata/corpus/", name, ".sql"));
  if (!text.ok()) return text.status();
  std::vector<CorpusStatement> out;
  for (absl::string_view piece : SplitStatements(*text)) {
    if (!HasTokens(piece)) continue;
    CorpusStatement s;
    s.file = std::string(name);
    s.index = static_cast<int>(out.size()) + 1;
    s.sql = std::string(piece);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace tessera::sql::testing
