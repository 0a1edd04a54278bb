#include "lib/mysql/local_statements.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace tessera::mysql {
namespace {

struct Tok {
  enum Kind { kEnd, kWord, kQuoted, kString, kPunct } kind = kEnd;
  absl::string_view text;
  size_t pos = 0;
};

bool IsWordChar(unsigned char c) {
  return absl::ascii_isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

// Tokens of MySQL text: words, quoted identifiers, strings, single
// punctuation characters; whitespace and comments are skipped.
class Scanner {
 public:
  explicit Scanner(absl::string_view s) : s_(s) {}

  Tok Next() {
    SkipSpaceAndComments();
    Tok t;
    t.pos = i_;
    if (i_ >= s_.size()) return t;
    unsigned char c = s_[i_];
    if (IsWordChar(c)) {
      while (i_ < s_.size() && IsWordChar(s_[i_])) ++i_;
      t.kind = Tok::kWord;
    } else if (c == '`' || c == '\'' || c == '"') {
      SkipQuoted(c);
      t.kind = c == '`' ? Tok::kQuoted : Tok::kString;
    } else {
      ++i_;
      t.kind = Tok::kPunct;
    }
    t.text = s_.substr(t.pos, i_ - t.pos);
    return t;
  }

 private:
  void SkipQuoted(char q) {
    ++i_;
    while (i_ < s_.size()) {
      char c = s_[i_++];
      if (c == '\\' && q != '`') {
        ++i_;
      } else if (c == q) {
        if (i_ < s_.size() && s_[i_] == q) {
          ++i_;  // doubled quote
        } else {
          return;
        }
      }
    }
    i_ = s_.size();
  }

  void SkipSpaceAndComments() {
    while (i_ < s_.size()) {
      unsigned char c = s_[i_];
      if (absl::ascii_isspace(c)) {
        ++i_;
      } else if (c == '#' ||
                 (c == '-' && Peek(1) == '-' &&
                  (i_ + 2 >= s_.size() || absl::ascii_isspace(s_[i_ + 2])))) {
        size_t nl = s_.find('\n', i_);
        i_ = nl == absl::string_view::npos ? s_.size() : nl + 1;
      } else if (c == '/' && Peek(1) == '*') {
        size_t end = s_.find("*/", i_ + 2);
        i_ = end == absl::string_view::npos ? s_.size() : end + 2;
      } else {
        return;
      }
    }
  }

  char Peek(size_t ahead) const {
    return i_ + ahead < s_.size() ? s_[i_ + ahead] : '\0';
  }

  absl::string_view s_;
  size_t i_ = 0;
};

// The first tokens of one statement.
struct Head {
  static constexpr int kMax = 8;
  Tok t[kMax];
  int n = 0;
  bool more = false;  // the statement has more than kMax tokens
};

bool IsWord(const Tok& t, absl::string_view word) {
  return t.kind == Tok::kWord && absl::EqualsIgnoreCase(t.text, word);
}
bool IsPunct(const Tok& t, char c) {
  return t.kind == Tok::kPunct && t.text.size() == 1 && t.text[0] == c;
}

std::vector<Head> Heads(absl::string_view sql) {
  std::vector<Head> heads;
  Scanner scanner(sql);
  Head current;
  while (true) {
    Tok t = scanner.Next();
    if (t.kind == Tok::kEnd || IsPunct(t, ';')) {
      if (current.n > 0) heads.push_back(current);
      if (t.kind == Tok::kEnd) break;
      current = Head();
      continue;
    }
    if (current.n < Head::kMax) {
      current.t[current.n++] = t;
    } else {
      current.more = true;
    }
  }
  return heads;
}

LocalStatement Unsupported(std::string reason) {
  LocalStatement s;
  s.kind = LocalStatement::Kind::kUnsupported;
  s.reason = std::move(reason);
  return s;
}

LocalStatement ClassifyKill(const Head& h) {
  int i = 1;
  if (i < h.n && (IsWord(h.t[i], "HARD") || IsWord(h.t[i], "SOFT"))) ++i;
  LocalStatement s;
  s.kind = LocalStatement::Kind::kKillConnection;
  if (i < h.n && IsWord(h.t[i], "CONNECTION")) {
    ++i;
  } else if (i < h.n && IsWord(h.t[i], "QUERY")) {
    s.kind = LocalStatement::Kind::kKillQuery;
    ++i;
  }
  if (h.more || i + 1 != h.n || h.t[i].kind != Tok::kWord ||
      !absl::SimpleAtoi(h.t[i].text, &s.thread_id)) {
    return Unsupported(
        "this form of KILL; the gateway supports KILL [CONNECTION | QUERY] "
        "<connection id>");
  }
  return s;
}

// The text of a quoted string token without its quotes and escapes.
std::string Unquote(absl::string_view q) {
  std::string out;
  if (q.size() < 2) return out;
  const char quote = q[0];
  q = q.substr(1, q.size() - 2);
  for (size_t i = 0; i < q.size(); ++i) {
    if (q[i] == '\\' && i + 1 < q.size()) {
      out.push_back(q[++i]);
    } else if (q[i] == quote && i + 1 < q.size() && q[i + 1] == quote) {
      out.push_back(q[++i]);
    } else {
      out.push_back(q[i]);
    }
  }
  return out;
}

// LOAD {DATA | XML} [LOW_PRIORITY | CONCURRENT] LOCAL INFILE 'file' ...
bool IsLoadDataLocal(const Head& h, std::string* file) {
  const Tok* t = h.t;
  if (h.n < 5 || !IsWord(t[0], "LOAD") ||
      !(IsWord(t[1], "DATA") || IsWord(t[1], "XML"))) {
    return false;
  }
  int i = 2;
  if (IsWord(t[i], "LOW_PRIORITY") || IsWord(t[i], "CONCURRENT")) ++i;
  if (i + 2 >= h.n || !IsWord(t[i], "LOCAL") || !IsWord(t[i + 1], "INFILE") ||
      t[i + 2].kind != Tok::kString) {
    return false;
  }
  *file = Unquote(t[i + 2].text);
  return true;
}

LocalStatement ClassifyOne(const Head& h, absl::string_view sql) {
  LocalStatement s;
  const Tok* t = h.t;
  if (IsWord(t[0], "KILL")) return ClassifyKill(h);
  if (IsLoadDataLocal(h, &s.file_name)) {
    s.kind = LocalStatement::Kind::kLoadDataLocal;
    return s;
  }
  if (IsWord(t[0], "SHOW") && !h.more) {
    int i = 1;
    if (i < h.n && IsWord(t[i], "FULL")) {
      s.full = true;
      ++i;
    }
    if (i + 1 == h.n && IsWord(t[i], "PROCESSLIST")) {
      s.kind = LocalStatement::Kind::kProcessList;
    }
    return s;
  }
  if (IsWord(t[0], "SELECT") && !h.more && h.n >= 4 &&
      IsWord(t[1], "CONNECTION_ID") && IsPunct(t[2], '(') &&
      IsPunct(t[3], ')')) {
    int i = 4;
    std::string name(sql.substr(t[1].pos, t[3].pos + 1 - t[1].pos));
    if (i < h.n && IsWord(t[i], "AS")) ++i;
    if (i < h.n) {
      if (i + 1 != h.n || t[i].kind == Tok::kPunct) return s;
      name = std::string(t[i].text);
      if (t[i].kind != Tok::kWord && name.size() >= 2) {
        name = name.substr(1, name.size() - 2);
      }
    }
    s.kind = LocalStatement::Kind::kConnectionId;
    s.column_name = std::move(name);
  }
  return s;
}

}  // namespace

LocalStatement ClassifyLocalStatement(absl::string_view sql) {
  std::vector<Head> heads = Heads(sql);
  if (heads.empty()) return LocalStatement();
  if (heads.size() == 1) return ClassifyOne(heads[0], sql);
  for (const Head& h : heads) {
    const LocalStatement::Kind kind = ClassifyOne(h, sql).kind;
    if (IsWord(h.t[0], "KILL") || kind == LocalStatement::Kind::kProcessList ||
        kind == LocalStatement::Kind::kLoadDataLocal) {
      return Unsupported(
          "KILL, SHOW PROCESSLIST or LOAD DATA LOCAL INFILE inside a "
          "multi-statement; send it alone");
    }
  }
  return LocalStatement();
}

std::optional<std::string> SubstituteConnectionId(absl::string_view sql,
                                                  uint32_t id) {
  std::vector<std::pair<size_t, size_t>> calls;  // [begin, end)
  Scanner scanner(sql);
  Tok prev, name;
  int state = 0;  // 1: saw CONNECTION_ID, 2: and "("
  while (true) {
    Tok t = scanner.Next();
    if (t.kind == Tok::kEnd) break;
    if (state == 1 && IsPunct(t, '(')) {
      state = 2;
    } else if (state == 2 && IsPunct(t, ')')) {
      calls.emplace_back(name.pos, t.pos + 1);
      state = 0;
    } else if (IsWord(t, "CONNECTION_ID") && !IsPunct(prev, '.')) {
      name = t;
      state = 1;
    } else {
      state = 0;
    }
    prev = t;
  }
  if (calls.empty()) return std::nullopt;
  std::string out;
  size_t at = 0;
  std::string value = absl::StrCat(id);
  for (const auto& [begin, end] : calls) {
    absl::StrAppend(&out, sql.substr(at, begin - at), value);
    at = end;
  }
  absl::StrAppend(&out, sql.substr(at));
  return out;
}

}  // namespace tessera::mysql
