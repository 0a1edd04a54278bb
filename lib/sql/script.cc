#include "lib/sql/script.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace tessera::sql {
namespace {

class ScriptSplitter {
 public:
  ScriptSplitter(absl::string_view s, const LexOptions& o) : s_(s), opt_(o) {}

  std::vector<absl::string_view> Run() {
    while (i_ < s_.size()) {
      if (AtStatementStart() && TryDelimiterCommand()) continue;
      if (absl::StartsWith(s_.substr(i_), delimiter_)) {
        Emit(i_);
        i_ += delimiter_.size();
        start_ = i_;
        continue;
      }
      Skip();
    }
    Emit(s_.size());
    return std::move(out_);
  }

 private:
  bool AtStatementStart() const {
    return absl::StripAsciiWhitespace(s_.substr(start_, i_ - start_)).empty();
  }

  // `DELIMITER x` up to the end of the line (the client's command).
  bool TryDelimiterCommand() {
    size_t p = i_;
    while (p < s_.size() && absl::ascii_isspace(s_[p])) ++p;
    constexpr absl::string_view kWord = "delimiter";
    if (s_.size() - p <= kWord.size() ||
        !absl::EqualsIgnoreCase(s_.substr(p, kWord.size()), kWord) ||
        (s_[p + kWord.size()] != ' ' && s_[p + kWord.size()] != '\t')) {
      return false;
    }
    size_t eol = s_.find('\n', p);
    if (eol == absl::string_view::npos) eol = s_.size();
    absl::string_view d = absl::StripAsciiWhitespace(
        s_.substr(p + kWord.size(), eol - p - kWord.size()));
    size_t space = d.find_first_of(" \t");
    if (space != absl::string_view::npos) d = d.substr(0, space);
    if (d.empty()) return false;
    delimiter_ = std::string(d);
    i_ = start_ = eol;
    return true;
  }

  // Steps over one character, string, quoted name or comment.
  void Skip() {
    char c = s_[i_];
    size_t n = s_.size();
    if (c == '\'' || c == '"' || c == '`') {
      bool backslash = c != '`' && !opt_.no_backslash_escapes;
      ++i_;
      while (i_ < n) {
        if (backslash && s_[i_] == '\\') {
          i_ += 2;
        } else if (s_[i_] == c) {
          if (i_ + 1 < n && s_[i_ + 1] == c) {
            i_ += 2;
          } else {
            ++i_;
            break;
          }
        } else {
          ++i_;
        }
      }
      if (i_ > n) i_ = n;
    } else if (c == '#' || (c == '-' && i_ + 1 < n && s_[i_ + 1] == '-' &&
                            (i_ + 2 == n || absl::ascii_isspace(s_[i_ + 2])))) {
      while (i_ < n && s_[i_] != '\n') ++i_;
    } else if (c == '/' && i_ + 1 < n && s_[i_ + 1] == '*' &&
               !(i_ + 2 < n && (s_[i_ + 2] == '!' || s_[i_ + 2] == 'M'))) {
      size_t end = s_.find("*/", i_ + 2);
      i_ = end == absl::string_view::npos ? n : end + 2;
    } else {
      ++i_;
    }
  }

  void Emit(size_t end) {
    absl::string_view piece =
        absl::StripAsciiWhitespace(s_.substr(start_, end - start_));
    if (!piece.empty()) out_.push_back(piece);
  }

  absl::string_view s_;
  const LexOptions& opt_;
  std::string delimiter_ = ";";
  size_t i_ = 0, start_ = 0;
  std::vector<absl::string_view> out_;
};

}  // namespace

std::vector<absl::string_view> SplitScript(absl::string_view script,
                                           const LexOptions& options) {
  return ScriptSplitter(script, options).Run();
}

}  // namespace tessera::sql
